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
