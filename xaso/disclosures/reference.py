"""The 14 kinds of disclosure and the fixed-date holidays, as their data migration loads them;
`ensure()` loads them again where a test database was emptied."""

from __future__ import annotations

import importlib

from django.apps import apps


def ensure() -> None:
    migration = importlib.import_module("xaso.disclosures.migrations.0002_kinds_and_holidays")
    migration.forward(apps, None)
