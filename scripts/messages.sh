#!/bin/sh
# Regenerate the Spanish translation catalogue and compile it.
#   scripts/messages.sh      (or: make messages)
# Extracts every marked string from peercircle/ (templates and Python, not tests) into
# peercircle/locale/es/LC_MESSAGES/django.po, keeping existing translations, then compiles
# django.mo. New strings arrive untranslated; strings whose English changed are marked
# "#, fuzzy" and are NOT used until someone checks them and removes the flag.
# Needs GNU gettext (msgfmt, xgettext): apt-get install gettext
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="${PYTHON:-$ROOT/.venv/bin/python}"
command -v xgettext >/dev/null 2>&1 || { echo "messages.sh: GNU gettext is not installed (apt-get install gettext)" >&2; exit 1; }
cd peercircle
mkdir -p locale
"$PY" "$ROOT/manage.py" makemessages -l es --no-obsolete \
    -i "tests/*" -i "*/tests/*" -i "static/*" -i "migrations/*" -i "*/migrations/*"
"$PY" "$ROOT/manage.py" compilemessages -l es
PO=locale/es/LC_MESSAGES/django.po
untranslated=$(msgattrib --untranslated --no-obsolete "$PO" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$PO" | grep -c '^msgid ' || true)
# msgattrib prints the header entry too when anything matches; don't count it.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
echo "peercircle/$PO: $untranslated untranslated, $fuzzy fuzzy"
