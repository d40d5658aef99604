"""PostgreSQL: keep each document's tsvector in its row, compressed with lz4.

Ranking reads the vector of every matching document; stored out of line (TOAST) and compressed
with pglz, each read is a lookup and a slow decompression. In the row with lz4, the scale
benchmark's queries ran about a fifth faster. Rows written before this migration keep their old
storage until they are written again (`manage.py rebuild_search_index`). A server built without
lz4 keeps pglz.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE search_searchdocument ALTER COLUMN search_vector SET STORAGE MAIN",
    """DO $$ BEGIN
        ALTER TABLE search_searchdocument ALTER COLUMN search_vector SET COMPRESSION lz4;
    EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
        RAISE NOTICE 'lz4 is not available: the index keeps pglz';
    END $$""",
]
BACKWARD = [
    "ALTER TABLE search_searchdocument ALTER COLUMN search_vector SET STORAGE EXTENDED",
    "ALTER TABLE search_searchdocument ALTER COLUMN search_vector SET COMPRESSION pglz",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
