#!/usr/bin/env bash
# Set up, lint, and run the whole test suite: on SQLite, and on PostgreSQL when it is
# reachable (TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# Two pytest-xdist workers (TEST_WORKERS) by test file: each has its own SQLite file,
# PostgreSQL schema, live server and browser. TEST_WORKERS=0 runs in one process.
exec .venv/bin/pytest -n "${TEST_WORKERS:-2}" --dist loadfile "$@"
