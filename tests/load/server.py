"""The app under gunicorn on 127.0.0.1 on its own PostgreSQL schema; a browser-like client."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
VENV_BIN = Path(sys.executable).parent


@contextmanager
def postgres_schema():
    """A fresh, migrated schema; yields its URL, or None when PostgreSQL is not reachable."""
    engine = sa.create_engine(
        PG_URL, connect_args={"connect_timeout": 3}, poolclass=sa.pool.NullPool
    )
    try:
        with engine.connect():
            pass
    except sa.exc.OperationalError:
        yield None
        return
    schema = f"load_{secrets.token_hex(6)}"
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in PG_URL else "?"
    url = f"{PG_URL}{separator}options=-csearch_path%3D{schema}"
    try:
        flask_command(app_environment(url, ROOT / "uploads-unused"), "db", "upgrade", check=True)
        yield url
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def app_environment(database_url: str, upload_dir: Path, **extra: str) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "DATABASE_"))},
        "DATABASE_URL": database_url,
        "UPLOAD_DIR": str(upload_dir),
        "SECRET_KEY": "load-test-secret-key-long-enough-for-production-use",
        "MODERATION": "post",
        "RATELIMIT_ENABLED": "false",
        "DB_POOL_SIZE": "2",
        "DB_MAX_OVERFLOW": "2",
        **extra,
    }


def flask_command(env: dict, *args: str, check: bool = False) -> subprocess.CompletedProcess:
    """`flask --app wsgi <args>` as an operator runs it, in the app's folder, with this env."""
    return subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=check,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Gunicorn:
    process: subprocess.Popen
    base_url: str

    def workers(self) -> list[int]:
        """The worker processes' ids (the master forks them)."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return [int(child) for child in children]

    def cpu_seconds(self) -> float:
        """User + system CPU time of the master and its live workers so far."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in [self.process.pid, *self.workers()]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue
            total += int(fields[11]) + int(fields[12])
        return total / ticks


@contextmanager
def gunicorn(env: dict, *, workers: int = 3, timeout: int = 60, log: Path | None = None):
    """gunicorn wsgi:app with several workers on a free port of 127.0.0.1 (its log to `log`)."""
    port = _free_port()
    log_file = open(log, "wb") if log else None  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            str(timeout),
            "--graceful-timeout",
            "5",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log_file or subprocess.PIPE,
    )
    server = Gunicorn(process, f"http://127.0.0.1:{port}")
    try:
        _wait_until_serving(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log_file:
            log_file.close()
        else:
            process.stderr.close()


def _wait_until_serving(server: Gunicorn, attempts: int = 300) -> None:
    for _ in range(attempts):
        if server.process.poll() is not None:
            said = server.process.stderr.read().decode() if server.process.stderr else ""
            raise RuntimeError(f"gunicorn exited: {said[-3000:]}")
        try:
            if requests.get(f"{server.base_url}/join", timeout=30).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not start serving")


def form_token(session: requests.Session, base_url: str) -> str:
    html = session.get(f"{base_url}/join", timeout=60).text
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match, "no CSRF token in the join form"
    return match.group(1)


def post_join(session: requests.Session, base_url: str, fields: dict, photo: bytes | None):
    files = {"photo": ("me.jpg", photo, "image/jpeg")} if photo is not None else None
    return session.post(
        f"{base_url}/join", data=fields, files=files, allow_redirects=False, timeout=180
    )


def join_fields(token: str | None, marker: str, **overrides: str) -> dict:
    fields = {
        "name": "Load",
        "city": "Espoo",
        "country": "FI",
        "language": "en",
        "statement": f"{marker} every day teaches me something new.",
        "consent": "y",
        "age": "y",
        "focal_x": "0.5",
        "focal_y": "0.5",
    }
    if token is not None:
        fields["csrf_token"] = token
    fields.update(overrides)
    return fields
