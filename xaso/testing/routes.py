"""Every admin URL, as the tests that try each one with each role walk them."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


def admin_routes() -> list[tuple[str, str | None, Any]]:
    """(route, namespaced name, callback) of every admin URL."""
    found: list[tuple[str, str | None, Any]] = []

    def walk(patterns: Any, prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = pattern.name and (
                    f"{namespace}:{pattern.name}" if namespace else pattern.name
                )
                found.append((prefix + str(pattern.pattern), name, pattern.callback))

    walk(get_resolver().url_patterns, "", None)
    return [route for route in found if route[0].startswith(("admin/", "django-admin/"))]
