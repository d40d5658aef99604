"""The full-text part of the index, per database.

SQLite: an FTS5 table over text that xaso has already folded (so `remove_diacritics` does not
matter). PostgreSQL: `unaccent` and `pg_trgm`, a `xaso_vn` text-search configuration
(unaccent + simple) that does not depend on the server's default configuration, and a weighted
tsvector column with a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, lead, body, tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_fts"]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'xaso_vn') THEN
            CREATE TEXT SEARCH CONFIGURATION xaso_vn (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION xaso_vn
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END $$""",
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector",
    "CREATE INDEX search_vector_gin ON search_searchdocument USING gin (search_vector)",
    # On an expression, so that plain lookups by term keep using the primary key's b-tree
    # (the planner would otherwise pick this index for `term IN (…)`, far slower).
    "CREATE INDEX search_term_trgm ON search_searchterm USING gin ((term || '') gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_term_trgm",
    "DROP INDEX IF EXISTS search_vector_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
