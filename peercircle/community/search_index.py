"""The forums' full-text index, kept by the database itself so that every write path is covered
(services, erasure, admin, bulk updates, a split or a move): triggers on community_post and
community_thread write the index in the same transaction as the change.

One document per post: the post's words (`source`), and for a thread's first post also the
thread's title. Privacy (space, state, author, blocks) is not in the index: search joins the
posts and threads at query time, so a state change or a move counts the moment it commits.

SQLite (the embedded default): an FTS5 table `community_post_fts(title, body)` whose rowid is the
post id, tokenizer `unicode61 remove_diacritics 2` (case and accents folded: "cafe" finds
"café"). Its triggers read only their own row and the search tables, never another Django
table: SQLite refuses to rename a table while a trigger names a table that is missing, which
Django does whenever it rebuilds a table in a migration. So thread titles are copied into a
small side table `community_search_thread` for the post triggers to read.

PostgreSQL: a table `community_post_search(post_id, document tsvector)` with a GIN index,
written by plpgsql triggers; the 'simple' configuration (no stemming, so English and Spanish
are treated alike) over `community_search_fold(text)`, which is unaccent when the extension
can be created, else a translate() of the common Latin accents.

Django rebuilds a SQLite table (and so drops its triggers) for many schema changes; `ensure`
runs after every `migrate` and puts missing triggers back, rebuilding the index when any was
missing so nothing written in between is lost."""

from django.db import connection as default_connection

SQLITE_TABLES = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS community_post_fts USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TABLE IF NOT EXISTS community_search_thread ("
    "thread_id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT '', first_post_id INTEGER)",
]

_SQLITE_INDEX_POST = """
    DELETE FROM community_post_fts WHERE rowid = NEW.id;
    INSERT INTO community_post_fts (rowid, title, body) VALUES (
        NEW.id,
        CASE WHEN NEW.number = 1 THEN coalesce(
            (SELECT title FROM community_search_thread WHERE thread_id = NEW.thread_id), '') ELSE '' END,
        NEW.source);
    UPDATE community_search_thread SET first_post_id = NEW.id WHERE NEW.number = 1 AND thread_id = NEW.thread_id;
"""

SQLITE_TRIGGERS = {
    "community_search_thread_insert": """
        CREATE TRIGGER IF NOT EXISTS community_search_thread_insert AFTER INSERT ON community_thread BEGIN
            INSERT OR REPLACE INTO community_search_thread (thread_id, title, first_post_id)
            VALUES (NEW.id, NEW.title, NULL);
        END""",
    "community_search_thread_retitle": """
        CREATE TRIGGER IF NOT EXISTS community_search_thread_retitle AFTER UPDATE OF title ON community_thread
        WHEN OLD.title IS NOT NEW.title BEGIN
            UPDATE community_search_thread SET title = NEW.title WHERE thread_id = NEW.id;
            UPDATE community_post_fts SET title = NEW.title
            WHERE rowid = (SELECT first_post_id FROM community_search_thread WHERE thread_id = NEW.id);
        END""",
    "community_search_thread_delete": """
        CREATE TRIGGER IF NOT EXISTS community_search_thread_delete AFTER DELETE ON community_thread BEGIN
            DELETE FROM community_search_thread WHERE thread_id = OLD.id;
        END""",
    "community_search_post_insert": f"""
        CREATE TRIGGER IF NOT EXISTS community_search_post_insert AFTER INSERT ON community_post BEGIN
            {_SQLITE_INDEX_POST}
        END""",
    "community_search_post_update": f"""
        CREATE TRIGGER IF NOT EXISTS community_search_post_update
        AFTER UPDATE OF source, thread_id, number ON community_post
        WHEN OLD.source IS NOT NEW.source OR OLD.thread_id IS NOT NEW.thread_id OR OLD.number IS NOT NEW.number
        BEGIN
            UPDATE community_search_thread SET first_post_id = NULL
            WHERE thread_id = OLD.thread_id AND first_post_id = OLD.id;
            {_SQLITE_INDEX_POST}
        END""",
    "community_search_post_delete": """
        CREATE TRIGGER IF NOT EXISTS community_search_post_delete AFTER DELETE ON community_post BEGIN
            DELETE FROM community_post_fts WHERE rowid = OLD.id;
        END""",
}

SQLITE_REBUILD = [
    "DELETE FROM community_post_fts",
    "DELETE FROM community_search_thread",
    "INSERT INTO community_search_thread (thread_id, title, first_post_id) "
    "SELECT t.id, t.title, (SELECT p.id FROM community_post p WHERE p.thread_id = t.id AND p.number = 1) "
    "FROM community_thread t",
    "INSERT INTO community_post_fts (rowid, title, body) "
    "SELECT p.id, CASE WHEN p.number = 1 THEN t.title ELSE '' END, p.source "
    "FROM community_post p JOIN community_thread t ON t.id = p.thread_id",
    "INSERT INTO community_post_fts (community_post_fts) VALUES ('optimize')",
]

SQLITE_DROP = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    "DROP TABLE IF EXISTS community_post_fts",
    "DROP TABLE IF EXISTS community_search_thread",
]

# Latin letters with accents and their plain forms, for a server without the unaccent extension.
_ACCENTED = "ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕØóòôöõøÚÙÛÜúùûüÑñÇçÝýÿ"
_PLAIN = "AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOOooooooUUUUuuuuNnCcYyy"

PG_TABLES = [
    "CREATE TABLE IF NOT EXISTS community_post_search (post_id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS community_post_search_document ON community_post_search USING gin (document)",
]

PG_FUNCTIONS = [
    """CREATE OR REPLACE FUNCTION community_search_document(heading text, body text) RETURNS tsvector
       LANGUAGE sql STABLE AS $$
         SELECT setweight(to_tsvector('simple', community_search_fold(coalesce(heading, ''))), 'A')
             || setweight(to_tsvector('simple', community_search_fold(coalesce(body, ''))), 'B')
       $$""",
    """CREATE OR REPLACE FUNCTION community_search_post_index() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE heading text := '';
       BEGIN
         IF NEW.number = 1 THEN
           SELECT title INTO heading FROM community_thread WHERE id = NEW.thread_id;
         END IF;
         INSERT INTO community_post_search (post_id, document)
         VALUES (NEW.id, community_search_document(heading, NEW.source))
         ON CONFLICT (post_id) DO UPDATE SET document = EXCLUDED.document;
         RETURN NULL;
       END $$""",
    """CREATE OR REPLACE FUNCTION community_search_post_forget() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         DELETE FROM community_post_search WHERE post_id = OLD.id;
         RETURN NULL;
       END $$""",
    """CREATE OR REPLACE FUNCTION community_search_thread_retitle() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE community_post_search s SET document = community_search_document(NEW.title, p.source)
         FROM community_post p WHERE p.thread_id = NEW.id AND p.number = 1 AND s.post_id = p.id;
         RETURN NULL;
       END $$""",
]

PG_TRIGGERS = {
    "community_search_post_insert": (
        "community_post", "CREATE TRIGGER community_search_post_insert AFTER INSERT ON community_post "
        "FOR EACH ROW EXECUTE FUNCTION community_search_post_index()"),
    "community_search_post_update": (
        "community_post", "CREATE TRIGGER community_search_post_update AFTER UPDATE OF source, thread_id, number "
        "ON community_post FOR EACH ROW WHEN (OLD.source IS DISTINCT FROM NEW.source "
        "OR OLD.thread_id IS DISTINCT FROM NEW.thread_id OR OLD.number IS DISTINCT FROM NEW.number) "
        "EXECUTE FUNCTION community_search_post_index()"),
    "community_search_post_delete": (
        "community_post", "CREATE TRIGGER community_search_post_delete AFTER DELETE ON community_post "
        "FOR EACH ROW EXECUTE FUNCTION community_search_post_forget()"),
    "community_search_thread_retitle": (
        "community_thread", "CREATE TRIGGER community_search_thread_retitle AFTER UPDATE OF title ON community_thread "
        "FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION community_search_thread_retitle()"),
}

PG_REBUILD = [
    "TRUNCATE community_post_search",
    "INSERT INTO community_post_search (post_id, document) "
    "SELECT p.id, community_search_document(CASE WHEN p.number = 1 THEN t.title ELSE '' END, p.source) "
    "FROM community_post p JOIN community_thread t ON t.id = p.thread_id",
]

PG_DROP = [
    *(f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, (table, _sql) in PG_TRIGGERS.items()),
    "DROP FUNCTION IF EXISTS community_search_thread_retitle()",
    "DROP FUNCTION IF EXISTS community_search_post_forget()",
    "DROP FUNCTION IF EXISTS community_search_post_index()",
    "DROP FUNCTION IF EXISTS community_search_document(text, text)",
    "DROP FUNCTION IF EXISTS community_search_fold(text)",
    "DROP TABLE IF EXISTS community_post_search",
]


def _pg_fold_function(cursor) -> str:
    """unaccent when this server has it (it is a trusted extension from PostgreSQL 13: a database
    owner may create it), else translate() over the common Latin accents."""
    cursor.execute("""DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS unaccent;
                      EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'unaccent is not available'; END $$""")
    cursor.execute("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                   "WHERE e.extname = 'unaccent'")
    row = cursor.fetchone()
    if row:
        schema = '"' + row[0].replace('"', '""') + '"'
        body = f"SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, value)"
    else:
        body = f"SELECT translate(value, '{_ACCENTED}', '{_PLAIN}')"
    return f"CREATE OR REPLACE FUNCTION community_search_fold(value text) RETURNS text LANGUAGE sql STABLE AS $${body}$$"


def _run(cursor, statements) -> None:
    for statement in statements:
        cursor.execute(statement)


def _pg_triggers(cursor) -> None:
    for name, (table, sql) in PG_TRIGGERS.items():
        cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        cursor.execute(sql)


def install(connection=None) -> int:
    """Create the index, its triggers and functions, and fill it from the posts there are.
    Safe to run again (the migration runs it; so does `peercircle forum-search-rebuild`).
    Returns the number of posts indexed."""
    connection = connection or default_connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _run(cursor, SQLITE_TABLES)
            _run(cursor, SQLITE_TRIGGERS.values())
        elif connection.vendor == "postgresql":
            cursor.execute(_pg_fold_function(cursor))
            _run(cursor, PG_TABLES)
            _run(cursor, PG_FUNCTIONS)
            _pg_triggers(cursor)
    return rebuild(connection)


def uninstall(connection=None) -> None:
    connection = connection or default_connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _run(cursor, SQLITE_DROP)
        elif connection.vendor == "postgresql":
            _run(cursor, PG_DROP)


def rebuild(connection=None) -> int:
    """Refill the index from the posts (after a restore, or if triggers were ever missing).
    Returns the number of posts indexed."""
    connection = connection or default_connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _run(cursor, SQLITE_REBUILD)
            cursor.execute("SELECT count(*) FROM community_post_fts")
        elif connection.vendor == "postgresql":
            _run(cursor, PG_REBUILD)
            cursor.execute("SELECT count(*) FROM community_post_search")
        else:
            return 0
        return cursor.fetchone()[0]


def _installed(connection) -> tuple[bool, bool]:
    """(the index exists, all its triggers exist)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT type, name FROM sqlite_master WHERE name IN ('community_post_fts') "
                           "OR (type = 'trigger' AND name LIKE 'community_search_%')")
            rows = cursor.fetchall()
            names = {name for kind, name in rows if kind == "trigger"}
            return any(kind == "table" for kind, name in rows), set(SQLITE_TRIGGERS) <= names
        cursor.execute("SELECT to_regclass('community_post_search') IS NOT NULL")
        exists = cursor.fetchone()[0]
        cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'community_search_%'")
        return exists, set(PG_TRIGGERS) <= {row[0] for row in cursor.fetchall()}


def ensure(connection=None) -> bool:
    """Put back triggers a table rebuild dropped (SQLite does this for many schema changes), and
    refill the index when any was missing. Does nothing before the index's migration has run.
    Returns True when it had to repair."""
    connection = connection or default_connection
    if connection.vendor not in ("sqlite", "postgresql"):
        return False
    exists, complete = _installed(connection)
    if not exists or complete:
        return False
    install(connection)
    return True
