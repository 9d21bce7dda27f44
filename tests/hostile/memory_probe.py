"""One worker's memory while it takes one upload, measured in a process of its own.

    python -m tests.hostile.memory_probe FILE

prints JSON: the answer's status and text, the resident memory before (after a warm-up
submission, as a worker that has served before), the peak, and what is left after.
"""

import gc
import json
import sys
import tempfile
from pathlib import Path

import flask_migrate

from campaign import create_app
from campaign.extensions import db
from tests.factories import photo_bytes, submit


def resident_mb(field: str = "VmRSS") -> int:
    """This process's resident memory now (VmRSS) or at its highest (VmHWM), in MB.

    Not getrusage's ru_maxrss: Linux carries that across exec, so a probe started by a
    pytest that has grown to 1 GB would report the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) // 1024
    raise RuntimeError(f"no {field}")


def main(path: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "memory-probe-secret-key-long-enough-for-tests",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/probe.sqlite3",
                "UPLOAD_DIR": f"{folder}/uploads",
                "RATELIMIT_ENABLED": False,
                "SERVER_NAME": "campaign.test",
            }
        )
        with app.app_context():
            flask_migrate.upgrade()
            db.engine.dispose()
        client = app.test_client()
        with app.app_context():
            assert submit(client, photo=photo_bytes(4000, 3000)).status_code == 303
        gc.collect()
        before = resident_mb()
        data = Path(path).read_bytes()
        with app.app_context():
            response = submit(client, photo=data)
        peak = resident_mb("VmHWM")
        status, text = response.status_code, response.get_data(as_text=True)
        del response, data
        gc.collect()
        after = resident_mb()
    result = {"status": status, "text": text, "before": before, "peak": peak, "after": after}
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])
