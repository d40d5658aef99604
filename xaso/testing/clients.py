"""Test clients signed in as a role of a commune."""

from __future__ import annotations

from typing import Any

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff


def log_in_as(client: Any, commune: Any, role: Role, official: Any = None, **fields: Any) -> Any:
    """A new account with `role` in `commune` (linked to `official` when given), signed in on
    `client` without the sign-in form; the account."""
    user = make_staff(commune=commune, role=role, **fields)
    if official is not None:
        official.user = user
        official.save()
    client.force_login(user)
    return user


def log_in_province(client: Any, who: str) -> Any:
    """A client signed in as the province's viewer ("viewer") or administrator."""
    from django.contrib.auth import get_user_model

    from xaso.accounts.tests.factories import make_province_viewer

    if who == "viewer":
        user = make_province_viewer()
    else:
        user = get_user_model().objects.create_superuser("tinh", "tinh@example.vn", "x")
    client.force_login(user)
    return user


def commune_choices(response: Any) -> list[str]:
    """The values of a dashboard's commune select (`?xa=`), empty when it offers none."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [option["value"] for option in soup.select('select[name="xa"] option')]
