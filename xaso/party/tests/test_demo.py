"""The demo's party-cell year tells the reference article's story."""

from __future__ import annotations

import datetime

import pytest

from xaso.communes.models import Commune

from .. import selectors
from ..choices import AssignmentRole, Flag
from ..models import Assignment, Cell, CrossCheckPlan, Task

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_the_demo_year(demo_commune, django_user_model):
    commune = Commune.objects.get(slug="lien-khe")
    today = datetime.date.today()
    cells = list(Cell.objects.filter(commune=commune))
    assert len(cells) == 12  # eleven village cells and the agency cell
    # One official in charge of each cell, each Standing Committee member supervising ≤ 5.
    from xaso.party.services import uncovered_cells

    gaps = uncovered_cells(commune, today)
    assert gaps[AssignmentRole.IN_CHARGE] == [] and gaps[AssignmentRole.SUPERVISOR] == []
    supervising = Assignment.objects.filter(role=AssignmentRole.SUPERVISOR, valid_to=None)
    loads = [supervising.filter(official=o).count() for o in {a.official for a in supervising}]
    assert max(loads) == 5
    # Cells 6, 8 and 9 were flagged before their officials joined and are not since.
    trend_start = selectors.add_months(selectors.month_start(today), -11)
    early = selectors.month_overview(commune, selectors.add_months(trend_start, 1), today)
    late = selectors.month_overview(commune, selectors.add_months(trend_start, 9), today)
    weak_early = {row.cell.code for row in early if Flag.NOT_COVERED in row.flags}
    assert weak_early == {"CB06", "CB08", "CB09"}
    assert not any(Flag.NOT_COVERED in row.flags for row in late)
    # The land-clearance task of cell 9 is overdue and escalated to its supervisor.
    task = Task.objects.get(title__contains="thôn 9")
    assert task.is_overdue(today) and task.escalated_to is not None
    assert task.escalated_to.full_name == "Nguyễn Tiến Tập"
    assert CrossCheckPlan.objects.filter(commune=commune).count() == 2
    # The demo logins see what their role sees.
    official = django_user_model.objects.get(username="phutrach")
    assert [c.code for c in selectors.cells_for(official)] == ["CB09"]
    member = django_user_model.objects.get(username="btv")
    assert len(selectors.cells_for(member)) == 5
