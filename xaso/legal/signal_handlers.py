"""The legal app reacting to other apps: every new commune gets its register page."""

from __future__ import annotations

from typing import Any

from xaso.communes.signals import commune_created


def _commune_created(sender: Any, commune: Any, user: Any = None, **kwargs: Any) -> None:
    from .services import required_pages_ensure

    required_pages_ensure(commune=commune, user=user)


def connect() -> None:
    commune_created.connect(_commune_created, dispatch_uid="legal_required_pages")
