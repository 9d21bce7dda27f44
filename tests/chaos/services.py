"""Real services the chaos tests start, stop and kill themselves: a private PostgreSQL (its own
data folder and port) and a private redis-server. Nothing here touches the shared ones."""

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from tests.needs import missing

START_TIMEOUT = 30


def unavailable(reason: str):
    """Skip where the system refuses, but fail under CI=true, where it must work."""
    missing(f"chaos test cannot run: {reason}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, *, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answered on port {port}")


@dataclass
class PrivatePostgres:
    """A PostgreSQL cluster of its own, run as a non-root user (initdb refuses root)."""

    bindir: Path
    datadir: Path
    port: int
    as_user: list[str]

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.as_user, str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-w", *args],
            check=True,
            capture_output=True,
            timeout=START_TIMEOUT + 10,
        )

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        options += " -c fsync=off -c full_page_writes=off -c max_connections=40"
        self._pg_ctl("-o", options, "-l", str(self.datadir / "server.log"), "start")
        _wait_for_port(self.port)

    def stop(self) -> None:
        """A fast shutdown: open transactions are rolled back, connections dropped."""
        self._pg_ctl("-m", "fast", "stop")


def _postgres_bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(found[0]).parent if found else None


def _run_as() -> list[str]:
    """How to run a command as a non-root user (the command itself when not root)."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    for user in ("postgres", "nobody"):
        try:
            subprocess.run(["id", user], check=True, capture_output=True)
        except subprocess.CalledProcessError:
            continue
        if runuser:
            return [runuser, "-u", user, "--"]
    raise RuntimeError("running as root, with no other user to run PostgreSQL as")


@contextmanager
def private_postgres():
    """An initialised, running private PostgreSQL; stopped and removed afterwards."""
    bindir = _postgres_bindir()
    if bindir is None:
        unavailable("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin")
    try:
        as_user = _run_as()
    except RuntimeError as error:
        unavailable(str(error))
    # Not under pytest's tmp_path: its parents are private to root, and the server runs as
    # another user.
    root = Path(tempfile.mkdtemp(prefix="chaos-pg-"))
    datadir = root / "data"
    datadir.mkdir()
    if as_user:
        user = as_user[2]
        shutil.chown(root, user)
        shutil.chown(datadir, user)
    server = PrivatePostgres(bindir, datadir, free_port(), as_user)
    try:
        subprocess.run(
            [*as_user, str(bindir / "initdb"), "-D", str(datadir), "-U", "postgres"]
            + ["-A", "trust", "--no-sync", "-E", "UTF8", "--locale", "C.UTF-8"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        server.start()
    except (subprocess.CalledProcessError, RuntimeError) as error:
        shutil.rmtree(root, ignore_errors=True)
        output = getattr(error, "stderr", b"") or b""
        unavailable(f"private PostgreSQL did not start: {error} {output.decode()[-500:]}")
    try:
        yield server
    finally:
        with suppress(subprocess.CalledProcessError):  # already stopped
            server._pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class PrivateRedis:
    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


@contextmanager
def private_redis():
    """A redis-server of its own on a free port, without persistence."""
    binary = shutil.which("redis-server")
    if binary is None:
        unavailable("redis-server is not installed (scripts/setup.sh --test installs it)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, process=process)
        yield PrivateRedis(process, port)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
