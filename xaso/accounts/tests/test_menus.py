"""What the admin menu offers each role opens: no item leads to a screen the route gate closes."""

from __future__ import annotations

import json
import re

import pytest

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff

pytestmark = pytest.mark.django_db


def menu_urls(html: str) -> list[str]:
    found = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    assert found, "the admin's sidebar"
    urls: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            url = value.get("url")
            if isinstance(url, str) and url.startswith("/admin/"):
                urls.append(url)
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(json.loads(found.group(1)))
    return sorted(set(urls))


@pytest.mark.parametrize("role", list(Role))
def test_every_menu_item_a_role_sees_opens(client, commune, role):
    staff = make_staff(commune=commune, role=role)
    client.force_login(staff)
    urls = menu_urls(client.get("/admin/").content.decode())
    assert urls, role
    closed = {url: client.get(url).status_code for url in urls}
    closed = {url: status for url, status in closed.items() if status not in (200, 302)}
    assert not closed, f"{role.label}: {closed}"
