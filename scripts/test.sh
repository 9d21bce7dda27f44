#!/usr/bin/env bash
# Set up, lint, and run the whole test suite: on SQLite, and on PostgreSQL when it is
# reachable (TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/pytest "$@"
