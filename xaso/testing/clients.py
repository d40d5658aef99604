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
