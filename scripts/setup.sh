#!/usr/bin/env bash
# Set everything up on a fresh Debian machine: system libraries, a venv, the Python
# dependencies and the database migrations. Idempotent; `--test` adds what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."

# libfribidi0: raqm, bundled with Pillow, needs it to lay out Arabic on the cards.
# fonts-noto-core, fonts-noto-cjk: the cards' fallback fonts for names and cities in every
# other script (campaign/cards/faces.py); Chromium draws Chinese with Noto CJK too.
packages=(libfribidi0 fonts-noto-core fonts-noto-cjk)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium)  # browser tests drive Debian's Chromium
  # The chaos tests (tests/chaos/) start, stop and kill a PostgreSQL and a Redis of their own.
  packages+=(postgresql redis-server)
  # The page checkers (package.json): the Nu HTML checker runs on Java, axe-core comes from npm.
  command -v java > /dev/null || packages+=(default-jre-headless)
  command -v npm > /dev/null || packages+=(nodejs npm)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if (( ${#missing[@]} )); then
  echo "Installing system packages: ${missing[*]}"
  sudo_cmd=()
  [[ "$(id -u)" -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python_cmd=$(command -v python3.11 || command -v python3)
if [[ ! -x .venv/bin/python ]]; then
  "$python_cmd" -m venv .venv
fi
.venv/bin/python -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is needed"'
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev]"

if compgen -G "translations/*/LC_MESSAGES/messages.po" > /dev/null; then
  .venv/bin/pybabel -q compile -d translations
fi
if [[ "${1:-}" == "--test" && ( ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ) ]]; then
  # --ignore-scripts: vnu-jar's install script would download a Java; Debian's is used instead.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
mkdir -p instance uploads
.venv/bin/flask --app wsgi db upgrade
