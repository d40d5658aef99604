"""PostgreSQL for the test suite: Django's backend, emptying the tables after a transactional
test with DELETE rather than TRUNCATE.

TRUNCATE gives each of the ~250 tables (and their indexes) new files, which the commit then
writes out: seconds per test on this kind of machine, against milliseconds for deleting the few
rows a test leaves. The tests' account is PostgreSQL's superuser: with the session replicating
(`session_replication_role`), the foreign keys' triggers stay quiet, since every table is
emptied. A test that asks for its sequences to be reset, or an account that may not switch
the triggers off, gets Django's TRUNCATE."""

from __future__ import annotations

from typing import Any

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(
        self,
        style: Any,
        tables: Any,
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        if not tables or reset_sequences or not self._superuser():
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return ["SET LOCAL session_replication_role = replica;"] + [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]

    def _superuser(self) -> bool:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            row = cursor.fetchone()
        return bool(row and row[0])


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
