"""The campaign's rules: the pipeline (one step at a time, no handover without a signed
commitment, side states before the handover only, a note every time), two people moving one
household at once, who may work on which household, the aggregates, stuck households and the
honour board's consent."""

from __future__ import annotations

import datetime
import itertools
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes.tests.factories import make_commune
from xaso.party.tests.factories import make_official

from .. import selectors, services
from ..choices import PIPELINE, SIDE, Status
from ..models import Household, StatusChange, Visit
from .factories import make_campaign, make_hamlet, make_household, make_segment

pytestmark = pytest.mark.django_db


def _build_world(commune):
    campaign = make_campaign(commune=commune)
    hamlets = [make_hamlet(commune=commune, name=f"Thôn {n}") for n in (9, 10)]
    segments = [make_segment(campaign=campaign, hamlets=[hamlet]) for hamlet in hamlets]
    return {"commune": commune, "campaign": campaign, "hamlets": hamlets, "segments": segments}


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_world


@pytest.fixture
def world(shared_world):
    return shared_world


def _household(world, index=0, **fields):
    return make_household(
        segment=world["segments"][index], hamlet=world["hamlets"][index], **fields
    )


def _walk(household, *statuses, user=None):
    for status in statuses:
        services.household_move(user=user, household=household, to_status=status, note="Ghi chú")


# The pipeline ----------------------------------------------------------------------------------


def test_a_household_walks_the_whole_pipeline_one_step_at_a_time(world):
    household = _household(world)
    assert household.status == Status.NOT_CONTACTED
    _walk(household, *PIPELINE[1:])
    household.refresh_from_db()
    assert household.status == Status.RECORDED
    history = list(household.status_changes.values_list("from_status", "to_status"))
    assert history == list(itertools.pairwise(PIPELINE))
    assert services.allowed_moves(Status.RECORDED) == []


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.NOT_CONTACTED, Status.AGREED),  # skipping the canvassing
        (Status.AGREED, Status.HANDED_OVER),  # no handover without a signed commitment
        (Status.SIGNED, Status.CLEARED),
        (Status.MOBILISING, Status.NOT_CONTACTED),  # no going back
        (Status.HANDED_OVER, Status.REFUSED),  # after the handover the land is the road's
        (Status.REFUSED, Status.SIGNED),  # from a side state: canvassed again first
    ],
)
def test_moves_outside_the_pipeline_are_refused_and_nothing_is_written(world, start, target):
    household = _household(world)
    path = {
        Status.NOT_CONTACTED: [],
        Status.MOBILISING: [Status.MOBILISING],
        Status.AGREED: [Status.MOBILISING, Status.AGREED],
        Status.SIGNED: [Status.MOBILISING, Status.AGREED, Status.SIGNED],
        Status.HANDED_OVER: [Status.MOBILISING, Status.AGREED, Status.SIGNED, Status.HANDED_OVER],
        Status.REFUSED: [Status.MOBILISING, Status.REFUSED],
    }[start]
    _walk(household, *path)
    before = StatusChange.objects.count()
    with pytest.raises(ValidationError) as error:
        services.household_move(household=household, to_status=target, note="Thử")
    assert "to_status" in error.value.message_dict
    household.refresh_from_db()
    assert household.status == start and StatusChange.objects.count() == before


def test_side_states_before_the_handover_and_back_to_canvassing(world):
    household = _household(world)
    for status in (Status.NOT_CONTACTED, Status.MOBILISING, Status.AGREED, Status.SIGNED):
        assert set(SIDE) <= set(services.allowed_moves(status))
    _walk(household, Status.MOBILISING, Status.DISPUTED, Status.REFUSED, Status.MOBILISING)
    _walk(household, Status.AGREED, Status.SIGNED)
    household.refresh_from_db()
    assert household.status == Status.SIGNED


def test_every_move_needs_a_note_and_a_date_not_in_the_future(world):
    household = _household(world)
    with pytest.raises(ValidationError) as error:
        services.household_move(household=household, to_status=Status.MOBILISING, note="  ")
    assert "note" in error.value.message_dict
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.household_move(
            household=household, to_status=Status.MOBILISING, note="Đi vận động", on_date=tomorrow
        )
    assert not StatusChange.objects.exists()


def test_a_move_from_a_stale_screen_is_refused_with_what_happened(world):
    household = _household(world)
    services.household_move(household=household, to_status=Status.MOBILISING, note="Lần 1")
    with pytest.raises(ValidationError) as error:
        services.household_move(
            household=household,
            to_status=Status.MOBILISING,
            note="Lần 2, từ màn hình cũ",
            expected_status=Status.NOT_CONTACTED,
        )
    assert "Đang vận động" in str(error.value) or "Being canvassed" in str(error.value)
    assert StatusChange.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_people_moving_one_household_at_once_one_wins_nothing_lost(commune):
    world = {"commune": commune, "campaign": make_campaign(commune=commune)}
    world["hamlets"] = [make_hamlet(commune=commune)]
    world["segments"] = [make_segment(campaign=world["campaign"])]
    household = _household(world)
    _walk(household, Status.MOBILISING)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def move(target, note):
        try:
            barrier.wait(timeout=10)
            services.household_move(
                household=Household.objects.get(pk=household.pk),
                to_status=target,
                note=note,
                expected_status=Status.MOBILISING,
            )
            outcomes.append(target)
        except ValidationError:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [
        threading.Thread(target=move, args=(Status.AGREED, "Hộ đồng ý hiến 20 m²")),
        threading.Thread(target=move, args=(Status.DISPUTED, "Hộ vướng tranh chấp ranh giới")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == 2 and outcomes.count("refused") == 1, connection.vendor
    winner = next(outcome for outcome in outcomes if outcome != "refused")
    household.refresh_from_db()
    assert household.status == winner
    last = household.status_changes.order_by("-pk").first()
    assert (last.from_status, last.to_status) == (Status.MOBILISING, winner)
    assert household.status_changes.count() == 2  # the first move and the winner's


# Who may do what -------------------------------------------------------------------------------


def test_an_official_works_only_on_their_households_and_cannot_edit_records(world):
    commune = world["commune"]
    mine, theirs = make_official(commune=commune), make_official(commune=commune)
    user = make_staff(commune=commune, role=Role.CAMPAIGN_OFFICIAL)
    mine.user = user
    mine.save()
    own = _household(world, official=mine)
    other = _household(world, official=theirs)
    services.household_move(user=user, household=own, to_status=Status.MOBILISING, note="Đã gặp")
    visit = services.visit_record(
        user=user,
        visit=Visit(
            household=own,
            visited_on=timezone.localdate(),
            kind="visit",
            people="Bùi Văn Hải, trưởng thôn",
            outcome="Gia đình cần bàn thêm",
        ),
    )
    assert visit.commune_id == commune.pk and visit.recorded_by == user
    with pytest.raises(PermissionDenied):
        services.household_move(
            user=user, household=other, to_status=Status.MOBILISING, note="Không phải hộ mình"
        )
    with pytest.raises(PermissionDenied):
        own.area_needed = Decimal("1")
        services.household_save(user=user, household=own)
    assert list(selectors.households_for(user)) == [own]
    assert not StatusChange.objects.filter(household=other).exists()


def test_the_lead_sees_every_household_of_the_commune_only(world, other_commune):
    lead = make_staff(commune=world["commune"], role=Role.CAMPAIGN_LEAD)
    ours = _household(world)
    elsewhere = other_commune
    other_world = {
        "campaign": make_campaign(commune=elsewhere),
        "hamlets": [make_hamlet(commune=elsewhere)],
    }
    other_world["segments"] = [make_segment(campaign=other_world["campaign"])]
    theirs = _household(other_world)
    assert list(selectors.households_for(lead)) == [ours]
    with pytest.raises(PermissionDenied):
        services.household_move(
            user=lead, household=theirs, to_status=Status.MOBILISING, note="Xã khác"
        )


def test_every_change_is_audited(world):
    lead = make_staff(commune=world["commune"], role=Role.CAMPAIGN_LEAD)
    household = _household(world)
    services.household_move(
        user=lead, household=household, to_status=Status.MOBILISING, note="Bắt đầu"
    )
    entries = ModelLogEntry.objects.filter(object_id=str(household.pk))
    assert entries.filter(action="wagtail.create").exists()
    move = entries.get(action="campaigns.move")
    assert move.user == lead and move.data["status"] == {
        "from": "not_contacted",
        "to": "mobilising",
    }


def test_records_are_checked_against_the_commune(world):
    elsewhere = make_commune(name="Kiền Bái")
    with pytest.raises(ValidationError) as error:
        make_household(segment=world["segments"][0], hamlet=make_hamlet(commune=elsewhere))
    assert "hamlet" in error.value.message_dict
    with pytest.raises(ValidationError):
        _household(world, support_kind="in_kind", support_amount=500_000)
    with pytest.raises(ValidationError):
        _household(world, latitude=Decimal("20.93"))
    with pytest.raises(ValidationError):
        make_segment(campaign=world["campaign"], geometry={"type": "Point", "coordinates": [1, 2]})
    with pytest.raises(ValidationError):
        make_segment(campaign=world["campaign"], from_m=500, to_m=400)
    assert Household.objects.count() == 0


def test_text_is_stored_in_nfc(world):
    household = _household(world, head_name="Nguye\u0302\u0303n Văn A")
    assert household.head_name == "Nguyễn Văn A"


# Aggregates, stuck, workload, honour board --------------------------------------------------


def test_progress_by_segment_and_hamlet(world):
    first, second = world["segments"]
    done = _household(world, 0, area_needed=Decimal("30"), strip_length=Decimal("15"))
    _walk(done, *PIPELINE[1:6])  # structures removed
    done.area_donated = Decimal("28.5")
    services.household_save(household=done)
    agreed = _household(world, 0, area_needed=Decimal("20"), strip_length=Decimal("10"))
    _walk(agreed, Status.MOBILISING, Status.AGREED)
    refused = _household(world, 1, area_needed=Decimal("12"), strip_length=Decimal("6"))
    _walk(refused, Status.MOBILISING, Status.REFUSED)
    by_segment = {
        line.segment: line.progress for line in selectors.segment_progress(world["campaign"])
    }
    progress = by_segment[first]
    assert progress.households == 2 and progress.taking_part == 2
    assert progress.area_needed == Decimal("50") and progress.area_donated == Decimal("28.5")
    assert progress.area_percent == 57  # 28.5 of 50
    assert progress.frontage == Decimal("25") and progress.cleared == Decimal("15")
    assert progress.cleared_percent == 60
    assert by_segment[second].by_status == {Status.REFUSED: 1}
    assert by_segment[second].taking_part == 0
    by_hamlet = {
        line.hamlet.name: line.progress for line in selectors.hamlet_progress(world["campaign"])
    }
    assert by_hamlet["Thôn 9"].households == 2 and by_hamlet["Thôn 10"].households == 1
    total = selectors.campaign_progress(world["campaign"])
    assert total.households == 3 and total.area_donated == Decimal("28.5")
    assert dict(total.statuses())[Status.REFUSED] == 1


def test_households_without_progress_for_n_days_are_stuck(world):
    old = _household(world)
    _walk(old, Status.MOBILISING)
    fresh = _household(world)
    finished = _household(world)
    _walk(finished, *PIPELINE[1:])
    long_ago = timezone.now() - datetime.timedelta(days=30)
    Household.objects.filter(pk__in=[old.pk, finished.pk]).update(status_changed_at=long_ago)
    households = Household.objects.filter(campaign=world["campaign"])
    assert list(selectors.stuck(households, days=14)) == [old]
    assert list(selectors.stuck(households, days=45)) == []
    _walk(old, Status.AGREED)
    assert list(selectors.stuck(households, days=14)) == []
    assert fresh not in selectors.stuck(households, days=14)


def test_each_officials_workload(world):
    busy, idle = make_official(commune=world["commune"]), make_official(commune=world["commune"])
    for _ in range(3):
        _household(world, official=busy)
    done = _household(world, official=idle)
    _walk(done, *PIPELINE[1:])
    loads = {load.official: load for load in selectors.workload(world["campaign"])}
    assert (loads[busy].households, loads[busy].open) == (3, 3)
    assert (loads[idle].households, loads[idle].open) == (1, 0)


def test_no_consent_no_name_on_the_honour_board(world):
    consenting = _household(world, head_name="Trần Thị Hiền", honour_consent=True)
    silent = _household(world, head_name="Lê Văn Kín")
    for household in (consenting, silent):
        _walk(household, *PIPELINE[1:5])
    board = selectors.honour_board(world["campaign"])
    assert [line.name for line in board] == ["Trần Thị Hiền"]
    assert consenting.honour_consent_on == timezone.localdate()
    consenting.honour_consent = False  # consent withdrawn
    services.household_save(household=consenting)
    assert selectors.honour_board(world["campaign"]) == []


def test_contributions_count_only_sites_handed_over(world):
    given = _household(
        world,
        wall_m=Decimal("12.5"),
        gates=1,
        trees=2,
        support_kind="cash",
        support_amount=3_000_000,
    )
    _walk(given, *PIPELINE[1:5])
    promised = _household(world, wall_m=Decimal("40"), gates=2)
    _walk(promised, Status.MOBILISING, Status.AGREED)
    totals = selectors.contributions(world["campaign"])
    assert totals.households == 1 and totals.area == Decimal("20")
    assert (totals.walls, totals.gates, totals.trees) == (Decimal("12.5"), 1, 2)
    assert totals.cash_support == 3_000_000


# A campaign's history brought in at once -------------------------------------------------------


def test_a_history_is_loaded_in_bulk_following_the_same_rules(world):
    today = timezone.localdate()
    first, second = _household(world), _household(world)
    day = today - datetime.timedelta(days=20)
    steps = [
        services.Step(Status.MOBILISING, day, "Đến nhà lần đầu"),
        services.Step(Status.AGREED, day + datetime.timedelta(days=5), "Đồng ý"),
    ]
    visit = Visit(visited_on=day, kind="visit", people="Tổ công tác", outcome="Gia đình cần bàn")
    services.households_history_load(
        campaign=world["campaign"], history=[(first, steps, [visit]), (second, [], [])]
    )
    first.refresh_from_db()
    assert first.status == Status.AGREED
    assert first.status_changed_at.date() == day + datetime.timedelta(days=5)
    assert first.visits.get().outcome == "Gia đình cần bàn"
    assert list(first.status_changes.values_list("to_status", flat=True)) == [
        "mobilising",
        "agreed",
    ]
    assert selectors.stuck(Household.objects.filter(pk=first.pk), days=14).exists()


@pytest.mark.parametrize(
    "steps",
    [
        [("agreed", 10, "Nhảy cóc")],
        [("mobilising", 10, "")],
        [("mobilising", -3, "Ngày tương lai")],
        [("mobilising", 10, "Lần 1"), ("agreed", 12, "Ngày lùi lại")],
    ],
)
def test_a_bad_history_writes_nothing(world, steps):
    good, bad = _household(world), _household(world)
    today = timezone.localdate()
    fine = [services.Step(Status.MOBILISING, today, "Đến nhà")]
    wrong = [services.Step(s, today - datetime.timedelta(days=d), n) for s, d, n in steps]
    with pytest.raises(services.HouseholdsRefused) as error:
        services.households_history_load(
            campaign=world["campaign"], history=[(good, fine, []), (bad, wrong, [])]
        )
    assert set(error.value.refused) == {1}
    assert not StatusChange.objects.exists()
    assert set(Household.objects.values_list("status", flat=True)) == {Status.NOT_CONTACTED}
