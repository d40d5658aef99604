"""Start Django on a fresh benchmark database: SQLite in a temporary file, or PostgreSQL.

Usage: `setup("sqlite")` or `setup("postgres")` before importing any model.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "corpus.jsonl"
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH = "postgres://postgres@127.0.0.1:5432/xaso_bench"


def setup(database: str, keep: Path | None = None) -> bool:
    """Returns True when a database kept from an earlier run is reused as it is.

    `keep` is a file for SQLite; for PostgreSQL its name (stem) names a kept database.
    """
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "xaso.settings.test"
    reused = False
    if keep is not None and database == "postgres":
        import psycopg

        name = "xaso_keep_" + "".join(c for c in keep.stem.lower() if c.isalnum())
        with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
            reused = bool(
                connection.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [name]
                ).fetchone()
            )
            if not reused:
                connection.execute(f"CREATE DATABASE {name}")
        os.environ["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    elif keep is not None:
        reused = keep.exists()
        os.environ["DATABASE_URL"] = f"sqlite:///{keep}"
    elif database == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
            connection.execute("DROP DATABASE IF EXISTS xaso_bench")
            connection.execute("CREATE DATABASE xaso_bench")
        os.environ["DATABASE_URL"] = PG_BENCH
    else:
        path = Path(tempfile.mkdtemp(prefix="xaso-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("translations", "compile", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return reused


def demo_commune():
    from xaso.communes.models import Commune
    from xaso.communes.services import commune_create

    kept = Commune.objects.filter(slug="bench").first()  # a database kept by --keep
    if kept is not None:
        return kept
    return commune_create(
        name="Thử nghiệm",
        province="Hải Phòng",
        slug="bench",
        hostname="bench.localhost",
        is_default_site=True,
    )


def corpus_lines() -> list[str]:
    if not CORPUS.exists():
        print(f"The shared corpus is not present ({CORPUS}); nothing to measure.")
        raise SystemExit(0)
    # Not splitlines(): article text contains U+2028 and other characters it would split on.
    return [line for line in CORPUS.read_text(encoding="utf-8").split("\n") if line.strip()]
