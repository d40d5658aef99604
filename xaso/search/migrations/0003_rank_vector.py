"""PostgreSQL: a small title-and-lead vector for ranking, beside the full vector for matching.

`ts_rank` reads the whole vector of every matching row; bodies make those vectors large (kept
out of line, decompressed for each row). Matching still uses the full vector through its GIN
index; ranking reads this one, a few dozen words kept in the row. Existing documents get it
from their stored title and lead (`rebuild_search_index` refolds them the usual way).
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE search_searchdocument ADD COLUMN rank_vector tsvector",
    "UPDATE search_searchdocument SET rank_vector = "
    "setweight(to_tsvector('xaso_vn', title), 'A') || "
    "setweight(to_tsvector('xaso_vn', lead), 'B') WHERE search_vector IS NOT NULL",
]
BACKWARD = ["ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS rank_vector"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
