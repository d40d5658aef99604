from __future__ import annotations

import itertools
from typing import Any

from xaso.accounts.choices import Role
from xaso.accounts.services import staff_user_create

_numbers = itertools.count(1)


def make_staff(*, commune: Any, role: Role, **fields: Any) -> Any:
    number = next(_numbers)
    defaults: dict[str, Any] = {
        "username": f"{role.value}{number}",
        "password": "x",
        "first_name": "Cán bộ",
        "last_name": str(number),
    }
    defaults.update(fields)
    return staff_user_create(commune=commune, role=role, **defaults)


def make_province_viewer(**fields: Any) -> Any:
    """An account in the province viewer's group ("Tỉnh — xem báo cáo"): every commune's
    dashboards and reports, read only."""
    from django.contrib.auth import get_user_model

    from xaso.accounts.services import province_viewer_ensure

    number = next(_numbers)
    defaults: dict[str, Any] = {
        "username": f"xemtinh{number}",
        "first_name": "Xem",
        "last_name": "Tỉnh",
    }
    defaults.update(fields)
    account = get_user_model().objects.create_user(password="x", **defaults)
    account.groups.add(province_viewer_ensure())
    return account
