"""Registrations of disclosures in the Wagtail admin: their viewsets (`views/`)."""

from __future__ import annotations

from wagtail import hooks

from .views import DisclosuresViewSetGroup


@hooks.register("register_admin_viewset")
def register_viewset() -> DisclosuresViewSetGroup:
    return DisclosuresViewSetGroup()
