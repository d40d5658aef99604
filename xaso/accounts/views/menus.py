"""The admin's menus, trimmed to where the user may go."""

from __future__ import annotations

from typing import Any

from django.urls import Resolver404, resolve

from ..routes import route_open


def reachable_items(request: Any, menu_items: list[Any]) -> None:
    """Menu items lead only where the user may go: Wagtail offers some of its screens (reports
    on workflows, locked and aging pages, page types) to roles the route gate keeps out."""
    kept = []
    for item in menu_items:
        url = getattr(item, "url", "") or ""
        if url.startswith("/"):
            try:
                match = resolve(url.split("?")[0])
            except Resolver404:
                match = None
            if match is not None and not route_open(
                match.view_name if match.url_name else None, request.user
            ):
                continue
        kept.append(item)
    menu_items[:] = kept


def hide_site_history(request: Any, menu_items: list[Any]) -> None:
    """The audit log is Wagtail's site history with a commune filter; one entry is enough."""
    menu_items[:] = [item for item in menu_items if item.name != "site-history"]
