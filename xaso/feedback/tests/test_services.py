"""The intake register's rules: a submission is logged with its number and tracking code or
refused whole; the four classification paths; due dates counted in working days across a
weekend and a holiday; the forwarding deadline flagged; the tracking page shows no personal
data."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.disclosures.models import Holiday
from xaso.party.tests.factories import make_official

from .. import selectors, services
from ..choices import Classification, Status
from ..models import Event, Submission
from .factories import make_submission

pytestmark = pytest.mark.django_db
D = datetime.date
# Thursday 30 April and Friday 1 May 2026 are public holidays; 2 and 3 May are a weekend.
RECEIVED = datetime.datetime(2026, 4, 28, 9, 0, tzinfo=datetime.UTC)  # a Tuesday


@pytest.fixture
def holidays(db):
    for day, name in (
        (D(2026, 4, 30), "Ngày Giải phóng miền Nam"),
        (D(2026, 5, 1), "Quốc tế Lao động"),
    ):
        Holiday.objects.get_or_create(date=day, defaults={"name": name})


def _received_on_tuesday(submission):
    Submission.objects.filter(pk=submission.pk).update(received_at=RECEIVED)
    submission.refresh_from_db()
    return submission


def test_a_submission_is_logged_with_its_number_and_a_tracking_code(commune):
    first = make_submission(commune)
    second = make_submission(commune, content="Đèn chiếu sáng ngõ 3 thôn 10 hỏng đã lâu.")
    year = timezone.localdate().year
    assert (first.number, second.number) == (1, 2) and first.year == year
    assert str(second) == f"2/{year}"
    assert len(first.tracking_code) == services.CODE_LENGTH
    assert first.tracking_code != second.tracking_code
    assert set(first.tracking_code) <= set(services.CODE_ALPHABET)
    assert first.status == Status.RECEIVED
    assert list(first.events.values_list("status", flat=True)) == [Status.RECEIVED]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("content", "   "),
        ("sender_name", ""),
        ("sender_address", ""),
        ("sender_phone", ""),
        ("consent_handling", False),
    ],
)
def test_a_submission_missing_what_the_decree_asks_is_refused_whole(commune, field, value):
    with pytest.raises(ValidationError) as error:
        make_submission(commune, **{field: value})
    assert field in error.value.message_dict
    assert not Submission.objects.exists() and not Event.objects.exists()


def test_being_told_of_progress_needs_an_e_mail_address(commune):
    with pytest.raises(ValidationError) as error:
        make_submission(commune, consent_contact=True)
    assert "consent_contact" in error.value.message_dict
    assert make_submission(
        commune, consent_contact=True, sender_email="hung@example.vn"
    ).consent_contact


def test_too_long_a_text_is_refused_and_markup_is_kept_as_text(commune):
    with pytest.raises(ValidationError) as error:
        make_submission(commune, content="x" * 100_000)
    assert "content" in error.value.message_dict
    markup = '<script>alert("x")</script><b>Đường</b>'
    submission = make_submission(
        commune, content=markup, sender_name="<img src=x onerror=alert(1)>"
    )
    submission.refresh_from_db()
    assert submission.content == markup  # stored as typed; every page escapes it


def test_text_is_stored_in_nfc(commune):
    submission = make_submission(commune, sender_name="Tra\u0302\u0300n Văn Hùng")
    assert submission.sender_name == "Trần Văn Hùng"


def test_within_competence_is_assigned_and_due_in_working_days(commune, holidays):
    submission = _received_on_tuesday(make_submission(commune))
    official = make_official(commune=commune, full_name="Nguyễn Văn Thành")
    classified = services.submission_classify(
        submission=submission,
        classification=Classification.WITHIN,
        assigned_to=official,
        on_date=D(2026, 4, 29),  # Wednesday
    )
    assert classified.status == Status.IN_PROGRESS and classified.assigned_to == official
    # Ten working days after Wednesday 29/4: the holidays of 30/4 and 1/5 and two weekends
    # skipped, Monday 4/5 is the first.
    assert classified.due_on == D(2026, 5, 15)
    answered = services.submission_answer(
        submission=classified, response="Xã đã cho san lấp đoạn sụt lún ngày 05/5/2026."
    )
    assert answered.status == Status.ANSWERED
    closed = services.submission_close(submission=answered)
    assert closed.status == Status.CLOSED
    assert list(closed.events.values_list("status", flat=True)) == [
        "received",
        "in_progress",
        "answered",
        "closed",
    ]


@pytest.mark.parametrize(
    "classification", [Classification.OFFICIAL_CONDUCT, Classification.OUTSIDE]
)
def test_conduct_and_outside_competence_are_forwarded_within_five_working_days(
    commune, holidays, classification
):
    submission = _received_on_tuesday(make_submission(commune))
    to_forward = services.submission_classify(
        submission=submission, classification=classification, on_date=D(2026, 4, 29)
    )
    assert to_forward.status == Status.TO_FORWARD
    # Received Tuesday 28/4: Wednesday 29/4, then (after the holidays and the weekend)
    # Monday 4/5 to Thursday 7/5 are the five working days.
    assert to_forward.forward_due_on == D(2026, 5, 7)
    register = Submission.objects.all()
    assert list(selectors.late_to_forward(register, D(2026, 5, 7))) == []
    assert list(selectors.late_to_forward(register, D(2026, 5, 8))) == [to_forward]
    assert list(selectors.due_soon(register, D(2026, 5, 5), D(2026, 5, 7))) == [to_forward]
    forwarded = services.submission_forward(
        submission=to_forward, forwarded_to="Thanh tra thành phố Hải Phòng", on_date=D(2026, 5, 6)
    )
    assert forwarded.status == Status.FORWARDED
    assert list(selectors.overdue(register, D(2026, 5, 8))) == []


def test_missing_information_is_not_accepted_with_the_reason(commune):
    submission = make_submission(commune)
    with pytest.raises(ValidationError):
        services.submission_classify(
            submission=submission, classification=Classification.MISSING_INFORMATION
        )
    refused = services.submission_classify(
        submission=submission,
        classification=Classification.MISSING_INFORMATION,
        note="Chưa nêu rõ vị trí đoạn đường.",
    )
    assert refused.status == Status.REJECTED and refused.closed_on == timezone.localdate()
    shown = selectors.public_status(refused.tracking_code, commune=commune)
    assert shown is not None
    assert "Chưa nêu rõ vị trí đoạn đường." in [step.public_note for step in shown.steps]


def test_steps_out_of_order_are_refused(commune):
    submission = make_submission(commune)
    with pytest.raises(ValidationError):
        services.submission_answer(submission=submission, response="Trả lời")
    with pytest.raises(ValidationError):
        services.submission_forward(submission=submission, forwarded_to="UBND thành phố")
    with pytest.raises(ValidationError):
        services.submission_close(submission=submission)
    with pytest.raises(ValidationError):
        services.submission_classify(submission=submission, classification="<script>")
    services.submission_classify(submission=submission, classification=Classification.WITHIN)
    with pytest.raises(ValidationError):
        services.submission_classify(submission=submission, classification=Classification.OUTSIDE)


def test_only_staff_with_the_permission_handle_submissions_and_it_is_audited(commune):
    submission = make_submission(commune)
    editor = make_staff(commune=commune, role=Role.EDITOR)
    with pytest.raises(PermissionDenied):
        services.submission_classify(
            user=editor, submission=submission, classification=Classification.WITHIN
        )
    assert ModelLogEntry.objects.filter(
        object_id=str(submission.pk), action="wagtail.create"
    ).exists()


def test_the_tracking_page_shows_no_personal_data(commune):
    submission = make_submission(commune, sender_email="hung@example.vn", consent_contact=True)
    shown = selectors.public_status(submission.tracking_code.lower(), commune=commune)
    assert shown is not None and shown.status == Status.RECEIVED.label
    text = repr(shown)
    for personal in ("Trần Văn Hùng", "Thôn 9, xã Liên Khê", "0912 345 678", "hung@example.vn"):
        assert personal not in text
    for bad in ("", "   ", "A" * 200, "' OR 1=1 --", "ABC\x00DEF"):
        assert selectors.public_status(bad, commune=commune) is None


def test_no_step_is_taken_on_another_communes_submission(commune, other_commune):
    """The register only lists the user's own communes' submissions; the services refuse the
    rest too, whoever calls them, and nothing is written."""
    submission = make_submission(commune)
    elsewhere = make_staff(commune=other_commune, role=Role.FEEDBACK_OFFICER)
    steps = {
        "classify": lambda: services.submission_classify(
            user=elsewhere, submission=submission, classification=Classification.WITHIN
        ),
        "forward": lambda: services.submission_forward(
            user=elsewhere, submission=submission, forwarded_to="UBND huyện"
        ),
        "answer": lambda: services.submission_answer(
            user=elsewhere, submission=submission, response="Đã sửa."
        ),
        "close": lambda: services.submission_close(
            user=elsewhere, submission=submission, note="Đóng."
        ),
    }
    for name, step in steps.items():
        with pytest.raises(PermissionDenied):
            step()
        submission.refresh_from_db()
        assert submission.status == Status.RECEIVED, name
    assert not ModelLogEntry.objects.filter(user_id=elsewhere.pk).exists()
    # The commune's own officer may.
    at_home = make_staff(commune=commune, role=Role.FEEDBACK_OFFICER)
    services.submission_classify(
        user=at_home, submission=submission, classification=Classification.WITHIN
    )
