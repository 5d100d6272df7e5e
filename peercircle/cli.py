"""The `peercircle` command: the project's CLI. manage.py stays for Django habits.

Each command below is a Django management command; anything else is passed to Django,
so `peercircle createsuperuser` or `peercircle shell` work too.
"""

import os
import sys

COMMANDS = {
    "run": "Migrate and serve on http://127.0.0.1:8000 (ASGI); --demo builds demo data on an empty database.",
    "demo": "Build the demo network (organizations, members, supporters). Safe to run again.",
    "demo-code": "Print the current two-factor code of a demo moderator or admin account.",
    "migrate": "Bring the database up to date.",
    "worker": "Run background tasks (needed only with PEERCIRCLE_TASKS=database).",
    "clock": "Enqueue reminders every minute (run starts one itself unless PEERCIRCLE_CLOCK=off).",
    "taxonomy-sync": "Reload the bundled experience taxonomy (labels, synonyms).",
    "rotate-keys": "Re-encrypt confidential text with the newest key in PEERCIRCLE_ENCRYPTION_KEYS.",
    "check-deploy": "Check the settings for a production deployment.",
    "suggest-experiences": "Suggest experience codes for JSON lines of text on standard input (--backend lexical).",
    "screen": "Screen JSON lines of text on standard input for crisis risk (level, categories, reasons).",
    "import-listings": "Preview (or --apply) groups from a Meeting Guide feed or an HSDS export: <org> <file-or-url>.",
    "forum-search-rebuild": "Refill the forums' search index from the posts (the database keeps it up to date).",
    "match-waiting-list": "Match a 1:1 program's waiting list at once: <org> <program> [--method] [--dry-run].",
}

ALIASES = {"worker": "db_worker", "check-deploy": "check"}


def usage() -> str:
    width = max(len(name) for name in COMMANDS)
    lines = [
        "usage: peercircle <command> [options]",
        "",
        "PeerCircle: self-hosted peer support. Commands:",
        "",
        *(f"  {name.ljust(width)}  {text}" for name, text in COMMANDS.items()),
        "",
        "Any other Django management command works too (peercircle createsuperuser, peercircle shell).",
        "Run 'peercircle <command> --help' for a command's options.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(usage())
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    command, rest = argv[0], argv[1:]
    django_name = ALIASES.get(command, command.replace("-", "_"))
    if command == "check-deploy":
        rest = ["--deploy", *rest]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["peercircle", django_name, *rest])


if __name__ == "__main__":
    main()
