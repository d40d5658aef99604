from __future__ import annotations

import datetime
import itertools
from typing import Any

from xaso.communes.models import Official
from xaso.communes.services import hamlet_create, official_create

from ..choices import CellKind
from ..models import Cell
from ..services import cell_save

_numbers = itertools.count(1)
START = datetime.date(2025, 1, 1)


def make_official(*, commune: Any, full_name: str | None = None, **fields: Any) -> Official:
    number = next(_numbers)
    return official_create(
        commune=commune,
        full_name=full_name or f"Cán bộ số {number}",
        position=fields.pop("position", "Công chức"),
        **fields,
    )


def make_cell(*, commune: Any, number: int | None = None, **fields: Any) -> Cell:
    number = number or next(_numbers)
    hamlet = fields.pop("hamlet", None)
    if hamlet is None and fields.get("kind", CellKind.VILLAGE) == CellKind.VILLAGE:
        hamlet = hamlet_create(commune=commune, name=f"Thôn {number}", sort_order=number)
    defaults: dict[str, Any] = {
        "code": f"CB{number:02d}",
        "name": f"Chi bộ thôn {number}",
        "kind": CellKind.VILLAGE,
        "member_count": 20,
        "secretary_name": f"Bí thư thôn {number}",
        "active_from": START,
        "sort_order": number,
    }
    defaults.update(fields)
    return cell_save(cell=Cell(commune=commune, hamlet=hamlet, **defaults))
