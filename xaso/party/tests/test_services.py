"""The party-cell rules: assignment limits and history, coverage, the cross-check rotation, the
meeting flags and the escalation of overdue tasks."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections, connection
from hypothesis import given, settings
from hypothesis import strategies as st
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes.tests.factories import make_commune

from .. import selectors, services
from ..choices import AssignmentRole, Flag, MeetingKind, TaskStatus
from ..models import Assignment, CrossCheck, Meeting, Task
from .factories import make_cell, make_official

pytestmark = pytest.mark.django_db

D = datetime.date
IN_CHARGE, SUPERVISOR = AssignmentRole.IN_CHARGE, AssignmentRole.SUPERVISOR


JANUARY = D(2026, 1, 1)


def _assign(cell, official, role=IN_CHARGE, on=JANUARY):
    return services.assignment_start(cell=cell, official=official, role=role, valid_from=on)


# Assignments ---------------------------------------------------------------------------------


def test_an_official_is_in_charge_of_one_cell_at_a_time(commune):
    official = make_official(commune=commune)
    first, second = make_cell(commune=commune), make_cell(commune=commune)
    _assign(first, official)
    with pytest.raises(ValidationError) as refused:
        _assign(second, official, on=D(2026, 3, 1))
    assert "1" in str(refused.value) and official.full_name in str(refused.value)
    # Once relieved of the first, the second is allowed.
    services.assignment_end(assignment=Assignment.objects.get(cell=first), valid_to=D(2026, 2, 28))
    _assign(second, official, on=D(2026, 3, 1))


def test_the_limits_are_the_communes_settings(commune):
    rules = services.party_settings(commune)
    rules.max_cells_per_official = 2
    rules.save()
    official = make_official(commune=commune)
    _assign(make_cell(commune=commune), official)
    _assign(make_cell(commune=commune), official)
    with pytest.raises(ValidationError):
        _assign(make_cell(commune=commune), official)


def test_a_supervisor_supervises_at_most_five_cells(commune):
    member = make_official(commune=commune, position="Ủy viên Ban Thường vụ")
    cells = [make_cell(commune=commune) for _ in range(6)]
    for cell in cells[:5]:
        _assign(cell, member, SUPERVISOR)
    with pytest.raises(ValidationError) as refused:
        _assign(cells[5], member, SUPERVISOR)
    assert "5" in str(refused.value)


def test_reassigning_a_cell_keeps_the_history(commune):
    cell = make_cell(commune=commune)
    before, after = make_official(commune=commune), make_official(commune=commune)
    _assign(cell, before, on=D(2025, 1, 1))
    _assign(cell, after, on=D(2026, 4, 1))
    history = list(Assignment.objects.filter(cell=cell).order_by("valid_from"))
    assert [(a.official, a.valid_from, a.valid_to) for a in history] == [
        (before, D(2025, 1, 1), D(2026, 3, 31)),
        (after, D(2026, 4, 1), None),
    ]


def test_an_official_of_another_commune_cannot_be_assigned(commune, other_commune):
    other = other_commune
    with pytest.raises(ValidationError):
        _assign(make_cell(commune=commune), make_official(commune=other))


def test_every_cell_covered_or_listed_as_not(commune):
    covered, bare = make_cell(commune=commune), make_cell(commune=commune)
    _assign(covered, make_official(commune=commune))
    _assign(covered, make_official(commune=commune), SUPERVISOR)
    gaps = services.uncovered_cells(commune, D(2026, 6, 1))
    assert gaps[IN_CHARGE] == [bare] and gaps[SUPERVISOR] == [bare]


def test_only_the_party_office_assigns(commune):
    editor = make_staff(commune=commune, role=Role.EDITOR)
    with pytest.raises(PermissionDenied):
        services.assignment_start(
            user=editor,
            cell=make_cell(commune=commune),
            official=make_official(commune=commune),
            role=IN_CHARGE,
            valid_from=D(2026, 1, 1),
        )


@pytest.mark.django_db(transaction=True)
def test_two_people_assigning_at_once_cannot_break_the_limit(commune):
    official = make_official(commune=commune)
    cells = [make_cell(commune=commune) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def assign(cell):
        try:
            barrier.wait(timeout=10)
            _assign(cell, official)
            outcomes.append("assigned")
        except ValidationError:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=assign, args=(cell,)) for cell in cells]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["assigned", "refused"], connection.vendor
    assert Assignment.objects.filter(official=official).count() == 1


# Cross-checks --------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    cells=st.integers(min_value=3, max_value=14),
    extra=st.integers(min_value=0, max_value=6),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_the_rotation_never_checks_ones_own_or_last_quarters_cell_and_is_balanced(
    cells, extra, seed
):
    cell_ids = list(range(100, 100 + cells))
    officials = list(range(1, cells + extra + 1))
    own = {official: cell_ids[(official - 1) % cells] for official in officials}
    last = {official: cell_ids[official % cells] for official in officials}
    chosen = services.rotation(officials, cell_ids, own, last, seed=seed)
    assert set(chosen) == set(officials)
    for official, cell in chosen.items():
        assert cell != own[official] and cell != last[official]
    loads = [list(chosen.values()).count(cell) for cell in cell_ids]
    assert max(loads) - min(loads) <= 1


def test_no_rotation_with_too_few_cells():
    with pytest.raises(ValueError):
        services.rotation([1, 2], [10, 11], own={1: 10, 2: 11}, last={1: 11, 2: 10})


def test_a_quarters_plan_follows_the_last_one(commune):
    cells = [make_cell(commune=commune) for _ in range(5)]
    officials = [make_official(commune=commune) for _ in range(5)]
    for cell, official in zip(cells, officials, strict=True):
        _assign(cell, official, on=D(2025, 12, 1))
    first = services.cross_check_plan_generate(commune=commune, year=2026, quarter=1)
    second = services.cross_check_plan_generate(commune=commune, year=2026, quarter=2)
    before = dict(first.checks.values_list("official_id", "cell_id"))
    for check in second.checks.all():
        own = Assignment.objects.get(official=check.official).cell_id
        assert check.cell_id not in (own, before[check.official_id])
    assert sorted(second.checks.values_list("cell_id", flat=True)) == sorted(c.pk for c in cells)
    with pytest.raises(ValidationError):
        services.cross_check_plan_generate(commune=commune, year=2026, quarter=2)


def test_a_plan_is_generated_only_for_the_users_own_commune(commune):
    office = make_staff(commune=commune, role=Role.PARTY_OFFICE)
    far = make_commune()
    with pytest.raises(PermissionDenied):
        services.cross_check_plan_generate(user=office, commune=far, year=2026, quarter=1)
    plan = services.cross_check_plan_generate(user=office, commune=commune, year=2026, quarter=1)
    entry = ModelLogEntry.objects.for_instance(plan).get(action="wagtail.create")
    assert entry.user_id == office.pk


def test_an_edited_check_may_not_be_ones_own_cell_and_records_results(commune):
    cells = [make_cell(commune=commune) for _ in range(3)]
    officials = [make_official(commune=commune) for _ in range(3)]
    for cell, official in zip(cells, officials, strict=True):
        _assign(cell, official, on=D(2025, 12, 1))
    plan = services.cross_check_plan_generate(commune=commune, year=2026, quarter=1)
    check = plan.checks.get(official=officials[0])
    check.cell = cells[0]
    with pytest.raises(ValidationError):
        services.cross_check_save(check=check)
    check = CrossCheck.objects.get(pk=check.pk)
    check.checked_on, check.findings = D(2026, 2, 10), "Sổ sách đầy đủ"
    services.cross_check_save(check=check)
    assert CrossCheck.objects.get(pk=check.pk).findings == "Sổ sách đầy đủ"


# Meetings ------------------------------------------------------------------------------------


def _meeting(cell, month, kind=MeetingKind.REGULAR, held=True, start=(19, 30), minutes=120, **kw):
    starts = datetime.time(*start)
    ends = (datetime.datetime.combine(month, starts) + datetime.timedelta(minutes=minutes)).time()
    defaults = {
        "planned_on": month.replace(day=5),
        "held_on": month.replace(day=5) if held else None,
        "starts_at": starts if held else None,
        "ends_at": ends if held else None,
        "present_count": 18 if held else None,
        "absent_count": 2 if held else None,
        "official_attended": True if held else None,
    }
    defaults.update(kw)
    return services.meeting_save(meeting=Meeting(cell=cell, month=month, kind=kind, **defaults))


@pytest.fixture
def covered_cell(commune):
    cell = make_cell(commune=commune)
    _assign(cell, make_official(commune=commune), on=D(2025, 1, 1))
    return cell


def _flags(commune, month, today):
    return selectors.month_overview(commune, month, today)[0].flags


def test_a_month_without_a_regular_meeting_is_flagged_once_over(commune, covered_cell):
    assert Flag.NO_REGULAR in _flags(commune, D(2026, 3, 1), today=D(2026, 4, 2))
    assert _flags(commune, D(2026, 4, 1), today=D(2026, 4, 2)) == []  # still time this month
    _meeting(covered_cell, D(2026, 3, 1))
    assert Flag.NO_REGULAR not in _flags(commune, D(2026, 3, 1), today=D(2026, 4, 2))


def test_a_planned_meeting_not_held_is_flagged_after_its_day(commune, covered_cell):
    _meeting(covered_cell, D(2026, 4, 1), held=False)
    assert _flags(commune, D(2026, 4, 1), today=D(2026, 4, 4)) == []
    assert Flag.NO_REGULAR in _flags(commune, D(2026, 4, 1), today=D(2026, 4, 6))


def test_a_quarter_without_a_thematic_meeting_is_flagged(commune, covered_cell):
    for month in (1, 2, 3):
        _meeting(covered_cell, D(2026, month, 1))
    assert Flag.NO_THEMATIC in _flags(commune, D(2026, 3, 1), today=D(2026, 4, 1))
    _meeting(covered_cell, D(2026, 2, 1), kind=MeetingKind.THEMATIC, held_on=D(2026, 2, 20))
    assert Flag.NO_THEMATIC not in _flags(commune, D(2026, 3, 1), today=D(2026, 4, 1))


@pytest.mark.parametrize(
    ("kind", "minutes", "short"),
    [
        (MeetingKind.REGULAR, 89, True),
        (MeetingKind.REGULAR, 90, False),
        (MeetingKind.COMBINED, 119, True),
        (MeetingKind.COMBINED, 120, False),
    ],
)
def test_a_short_meeting_is_flagged(commune, covered_cell, kind, minutes, short):
    _meeting(covered_cell, D(2026, 3, 1), kind=kind, minutes=minutes)
    assert (Flag.TOO_SHORT in _flags(commune, D(2026, 3, 1), today=D(2026, 3, 20))) is short


def test_the_officials_absence_and_an_uncovered_cell_are_flagged(commune, covered_cell):
    _meeting(covered_cell, D(2026, 3, 1), official_attended=False)
    assert Flag.OFFICIAL_ABSENT in _flags(commune, D(2026, 3, 1), today=D(2026, 3, 20))
    bare = make_cell(commune=commune)
    row = next(
        r
        for r in selectors.month_overview(commune, D(2026, 3, 1), D(2026, 3, 20))
        if r.cell == bare
    )
    assert Flag.NOT_COVERED in row.flags


def test_a_flagged_meeting_is_still_recorded_and_counts_must_add_up(commune, covered_cell):
    meeting = _meeting(covered_cell, D(2026, 3, 1), minutes=45)
    assert Meeting.objects.filter(pk=meeting.pk).exists()  # flagged, not refused
    with pytest.raises(ValidationError) as refused:
        _meeting(covered_cell, D(2026, 4, 1), present_count=19, absent_count=5)
    assert "20" in str(refused.value)
    with pytest.raises(ValidationError):
        _meeting(covered_cell, D(2026, 4, 1), held_on=D(2026, 5, 2))


# Tasks ---------------------------------------------------------------------------------------


@pytest.fixture
def supervised(commune, covered_cell, django_user_model):
    member = make_official(commune=commune, email="uvbtv@lienkhe.gov.vn")
    _assign(covered_cell, member, SUPERVISOR, on=D(2025, 1, 1))
    owner = Assignment.objects.get(cell=covered_cell, role=IN_CHARGE).official
    task = services.task_save(
        task=Task(
            cell=covered_cell,
            title="Vướng mắc giải phóng mặt bằng đoạn qua thôn 9",
            raised_on=D(2026, 5, 1),
            owner=owner,
            due_on=D(2026, 5, 31),
        )
    )
    return {"member": member, "owner": owner, "task": task}


def test_an_overdue_task_is_escalated_to_the_supervisor_once(settings, commune, supervised):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.tasks_escalate(today=D(2026, 5, 31)) == 0  # due today: not yet
    assert services.tasks_escalate(today=D(2026, 6, 1)) == 1
    task = Task.objects.get(pk=supervised["task"].pk)
    assert task.escalated_to == supervised["member"] and task.escalated_on == D(2026, 6, 1)
    assert mail.outbox and mail.outbox[0].to == ["uvbtv@lienkhe.gov.vn"]
    assert services.tasks_escalate(today=D(2026, 6, 2)) == 0  # once


def test_a_resolved_task_is_not_escalated(commune, supervised):
    services.task_resolve(
        task=supervised["task"], resolution="Đã vận động xong 3 hộ", resolved_on=D(2026, 5, 20)
    )
    assert services.tasks_escalate(today=D(2026, 6, 1)) == 0


def test_the_owner_resolves_their_task_and_another_official_cannot(
    commune, supervised, django_user_model
):
    owner_user = make_staff(commune=commune, role=Role.PARTY_OFFICIAL)
    supervised["owner"].user = owner_user
    supervised["owner"].save()
    other = make_official(commune=commune)
    other.user = make_staff(commune=commune, role=Role.PARTY_OFFICIAL)
    other.save()
    with pytest.raises(PermissionDenied):
        services.task_resolve(
            user=other.user, task=supervised["task"], resolution="x", resolved_on=D(2026, 5, 2)
        )
    with pytest.raises(ValidationError):
        services.task_resolve(
            user=owner_user, task=supervised["task"], resolution=" ", resolved_on=D(2026, 5, 2)
        )
    with pytest.raises(ValidationError):  # before it was raised
        services.task_resolve(
            user=owner_user, task=supervised["task"], resolution="x", resolved_on=D(2026, 4, 2)
        )
    task = services.task_resolve(
        user=owner_user,
        task=supervised["task"],
        resolution="Đã vận động xong 3 hộ",
        resolved_on=D(2026, 5, 2),
        reported_to_cell_on=D(2026, 6, 5),
    )
    assert task.status == TaskStatus.RESOLVED


# Who sees what -------------------------------------------------------------------------------


def test_each_role_sees_its_own_cells(commune, supervised):
    office = make_staff(commune=commune, role=Role.PARTY_OFFICE)
    other_cell = make_cell(commune=commune)
    owner_user = make_staff(commune=commune, role=Role.PARTY_OFFICIAL)
    supervised["owner"].user = owner_user
    supervised["owner"].save()
    member_user = make_staff(commune=commune, role=Role.PARTY_SUPERVISOR)
    supervised["member"].user = member_user
    supervised["member"].save()
    cell = supervised["task"].cell
    assert set(selectors.cells_for(office)) == {cell, other_cell}
    assert list(selectors.cells_for(owner_user)) == [cell]
    assert list(selectors.cells_for(member_user)) == [cell]
    assert list(selectors.tasks_for(owner_user)) == [supervised["task"]]
    editor = make_staff(commune=commune, role=Role.EDITOR)
    assert not selectors.cells_for(editor).exists()


# No personal data of Party members -----------------------------------------------------------


def test_no_field_could_hold_a_party_members_personal_data():
    from django.apps import apps

    forbidden = (
        "member_name", "members", "birth", "id_number", "citizen", "cccd", "cmnd", "card",
        "party_number", "dues", "address", "gender", "ethnic", "religion", "attendee",
    )  # fmt: skip
    named_people = {"secretary_name", "secretary_phone"}  # a public role, like an official
    for model in apps.get_app_config("party").get_models():
        for model_field in model._meta.get_fields():
            name = model_field.name
            assert not any(word in name for word in forbidden), f"{model.__name__}.{name}"
            if name.endswith("_name") or name.endswith("_phone"):
                assert name in named_people, f"{model.__name__}.{name}"
            # What party records point to (other apps may point to a cell: a campaign's
            # household canvassed by it holds no member's data).
            related = getattr(model_field, "related_model", None)
            if related is not None and not model_field.auto_created:
                assert related._meta.app_label in ("party", "communes", "contenttypes"), name


def test_the_scheduler_escalates_overdue_tasks(commune, supervised):
    import io

    from django.core.management import call_command

    task = supervised["task"]
    task.due_on = task.raised_on  # overdue since long ago
    task.save()
    out = io.StringIO()
    call_command("run_scheduled", stdout=out)
    assert "party.escalate: 1" in out.getvalue()
    assert Task.objects.get(pk=task.pk).escalated_to == supervised["member"]


# The commune's rules ---------------------------------------------------------------------------


def test_the_rules_are_saved_by_the_office_of_their_own_commune_and_logged(commune):
    office = make_staff(commune=commune, role=Role.PARTY_OFFICE)
    rules = services.party_settings_ensure(commune)
    rules.max_cells_per_official = 2
    services.party_settings_save(user=office, settings=rules)
    rules.refresh_from_db()
    assert rules.max_cells_per_official == 2
    entry = ModelLogEntry.objects.for_instance(rules).get(action="wagtail.edit")
    assert entry.user_id == office.pk
    far_rules = services.party_settings_ensure(make_commune())
    far_rules.max_cells_per_official = 3
    with pytest.raises(PermissionDenied):
        services.party_settings_save(user=office, settings=far_rules)
    rules.commune = far_rules.commune  # nor moved to another commune
    with pytest.raises(PermissionDenied):
        services.party_settings_save(user=office, settings=rules)


def test_only_the_office_changes_the_rules_and_they_must_hold(commune):
    rules = services.party_settings_ensure(commune)
    with pytest.raises(PermissionDenied):
        services.party_settings_save(
            user=make_staff(commune=commune, role=Role.EDITOR), settings=rules
        )
    rules.max_cells_per_official = 0
    with pytest.raises(ValidationError):
        services.party_settings_save(settings=rules)
    rules.refresh_from_db()
    assert rules.max_cells_per_official == 1


# Another commune's records ---------------------------------------------------------------------


def test_every_party_write_refuses_another_communes_records(commune, other_commune):
    """The admin only offers the user's own communes' cells; the services refuse the rest too,
    whoever calls them."""
    cell = make_cell(commune=commune)
    official = make_official(commune=commune)
    assignment = _assign(cell, official)
    task = services.task_save(
        task=Task(cell=cell, title="Sửa cống", raised_on=JANUARY, owner=official, due_on=JANUARY)
    )
    elsewhere = make_staff(commune=other_commune, role=Role.PARTY_OFFICE)
    at_home = make_staff(commune=commune, role=Role.PARTY_OFFICE)

    attempts = {
        "cell": lambda user: services.cell_save(user=user, cell=cell),
        "assign": lambda user: services.assignment_start(
            user=user, cell=cell, official=official, role=SUPERVISOR, valid_from=JANUARY
        ),
        "end": lambda user: services.assignment_end(
            user=user, assignment=assignment, valid_to=D(2026, 6, 30)
        ),
        "meeting": lambda user: services.meeting_save(
            user=user, meeting=Meeting(cell=cell, month=JANUARY, kind=MeetingKind.REGULAR)
        ),
        "task": lambda user: services.task_save(user=user, task=task),
        "resolve": lambda user: services.task_resolve(
            user=user, task=task, resolution="Đã sửa", resolved_on=D(2026, 2, 1)
        ),
    }
    for name, attempt in attempts.items():
        with pytest.raises(PermissionDenied):
            attempt(elsewhere)
        assert not ModelLogEntry.objects.filter(user_id=elsewhere.pk).exists(), name
    # The commune's own office may (the same calls, so the refusals above are the commune's).
    services.cell_save(user=at_home, cell=cell)
    services.task_save(user=at_home, task=task)
