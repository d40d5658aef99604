"""The ntm app reacting to other apps: every new commune gets its public results page."""

from __future__ import annotations

from typing import Any

from xaso.communes.signals import commune_created

DISPATCH_UID = "ntm_results_page"


def _commune_created(sender: Any, commune: Any, user: Any = None, **kwargs: Any) -> None:
    from .pages import results_page_ensure

    results_page_ensure(commune=commune, user=user)


def connect() -> None:
    commune_created.connect(_commune_created, dispatch_uid=DISPATCH_UID)
