#!/usr/bin/env bash
# Extract every UI string into translations/messages.pot and merge it into the
# fr, es, ar and zh catalogues. New strings arrive untranslated (and similar ones as
# "fuzzy" guesses): translate them in translations/<lang>/LC_MESSAGES/messages.po, remove
# the fuzzy flags, then `scripts/i18n.sh --compile` (setup.sh compiles on install).
# tests/i18n fails while any message is untranslated or fuzzy.
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel=.venv/bin/pybabel
locales=(fr es ar zh)

if [[ "${1:-}" == "--compile" ]]; then
  exec "$pybabel" compile --statistics -d translations
fi

mkdir -p translations
"$pybabel" -q extract -F babel.cfg -k _l -k lazy_gettext -k N_ \
  --no-wrap --sort-by-file --project="#ImALifelongLearner" --copyright-holder="UNESCO GNLC campaign" \
  -o translations/messages.pot .
for locale in "${locales[@]}"; do
  if [[ -f "translations/$locale/LC_MESSAGES/messages.po" ]]; then
    "$pybabel" -q update --no-wrap --ignore-obsolete -i translations/messages.pot \
      -d translations -l "$locale"
  else
    "$pybabel" -q init --no-wrap -i translations/messages.pot -d translations -l "$locale"
  fi
done
"$pybabel" compile --statistics -d translations
