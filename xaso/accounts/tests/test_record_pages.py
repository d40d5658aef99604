"""Every admin record page (the listings and the inspect views of every app) as the demo
commune's people see them: no raw value (`True`, `False`, `None`), no field's English name
("Created at", "Root") and no English word of the admin's in the visible text."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from xaso.testing.routes import admin_routes
from xaso.testing.text import ENGLISH, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

# The administrator, and the roles whose records the administrator does not read.
USERS = ["quantri", "vpdu", "chiendich", "nongthon", "tiepdan"]
RAW = ["True", "False", "None", "Created at", "Root", "Created", "Updated"]
WORDS = "|".join(re.escape(word) for word in [*RAW, *ENGLISH])
# A raw coordinate (20.9123456) is shown as a link to the place on a map instead.
FORBIDDEN = re.compile(rf"\b(?:{WORDS})\b|\b\d{{2,3}}\.\d{{5,}}\b")
# Pages that are not a record's: forms, choosers, downloads, Wagtail's own screens.
SKIPPED = re.compile(
    r"^admin/(?:pages|images|documents|snippets/wagtailcore|workflows|reports|users|groups"
    r"|sites|collections|redirects|locales|account|login|logout|password|settings|api"
    r"|bulk|searchpicks|jsi18n|tag-autocomplete|sprite|generic|chooser)"
)


def _model(callback: Any) -> Any:
    initkwargs = getattr(callback, "view_initkwargs", None) or {}
    model = initkwargs.get("model") or getattr(getattr(callback, "view_class", None), "model", None)
    return model if isinstance(model, type) else None


def record_pages(commune: Any) -> list[str]:
    """The listing of every viewset and the inspect page of one record of each."""
    urls: list[str] = []
    for route, name, callback in admin_routes():
        if not name or SKIPPED.match(route) or "chooser" in route:
            continue
        if name.endswith((":index", ":list")) and "<" not in route:
            urls.append("/" + route)
        elif name.endswith(":inspect") and route.count("<") == 1:
            model = _model(callback)
            if model is None:
                continue
            records = model._default_manager.all()
            if any(field.name == "commune" for field in model._meta.fields):
                records = records.filter(commune=commune)
            record = records.order_by("pk").first()
            if record is not None:
                urls.append("/" + re.sub(r"<[^>]+>", str(record.pk), route))
    return sorted(set(urls))


def test_record_pages_show_values_for_people(client, demo_commune):
    urls = record_pages(demo_commune)
    assert len(urls) > 30
    found: list[str] = []
    seen = 0
    for username in USERS:
        client.force_login(get_user_model().objects.get(username=username))
        for url in urls:
            with translation.override("vi"):
                response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            seen += 1
            text = visible_text(response.content.decode())
            for match in FORBIDDEN.finditer(text):
                around = " ".join(text[max(0, match.start() - 40) : match.end() + 40].split())
                found.append(f"{username} {url}: {match.group()!r} in “{around}”")
    assert not found, "\n".join(found)
    assert seen > 40
