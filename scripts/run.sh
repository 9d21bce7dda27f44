#!/usr/bin/env bash
# Set up, then serve the app on the embedded default (SQLite, ./uploads) at http://127.0.0.1:5000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "Serving on http://127.0.0.1:${PORT:-5000}"
exec .venv/bin/gunicorn --bind "127.0.0.1:${PORT:-5000}" --workers "${WORKERS:-2}" --access-logfile - wsgi:app
