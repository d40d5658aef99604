"""The register's reference lists (document types, fields, national issuing bodies), as their
data migration loads them; `ensure()` loads them again where a test database was emptied."""

from __future__ import annotations

import importlib

from django.apps import apps


def ensure() -> None:
    migration = importlib.import_module("xaso.legal.migrations.0002_reference_data")
    migration.forward(apps, None)
