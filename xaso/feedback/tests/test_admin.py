"""The intake register in the admin: a feedback officer sees and handles only their commune's
submissions, each step through its screen (a refusal shown on the form, nothing changed); who
opens a file or an attachment is audited; the dashboard's figures; the e-mails to consenting
senders and to the assigned official, and the reminder sent once."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes.tests.factories import make_commune
from xaso.party.tests.factories import make_official

from .. import notifications, services
from ..choices import Classification, Status
from ..models import Attachment, Submission
from .factories import make_submission

pytestmark = pytest.mark.django_db


def _attach(submission, name="anh-hien-truong.pdf", content=b"%PDF-1.4 test"):
    attachment = Attachment(submission=submission, name=name, size=len(content))
    attachment.file.save(name, ContentFile(content), save=True)
    return attachment


def _build_world(commune):
    elsewhere = make_commune(name="Lưu Kiếm")
    return {
        "commune": commune,
        "mine": make_submission(commune, sender_email="hung@example.vn", consent_contact=True),
        "far": make_submission(elsewhere),
        "official": make_official(commune=commune, full_name="Nguyễn Văn Thành"),
        "far_official": make_official(commune=elsewhere, full_name="Lê Thị Hoa"),
    }


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_world


@pytest.fixture
def world(shared_world):
    return shared_world


@pytest.fixture
def officer(client, world):
    user = make_staff(commune=world["commune"], role=Role.FEEDBACK_OFFICER)
    client.force_login(user)
    return user


def _numbers(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    rows = soup.select("table.listing tbody tr")
    return {row.select_one("td a").get_text(strip=True) for row in rows}


def test_an_officer_sees_only_their_communes_submissions(client, world, officer):
    mine, far = world["mine"], world["far"]
    response = client.get(reverse("feedback_submissions:index"))
    assert response.status_code == 200
    assert _numbers(response) == {str(mine.number)}
    assert client.get(reverse("feedback_submissions:inspect", args=[mine.pk])).status_code == 200
    assert client.get(reverse("feedback_submissions:inspect", args=[far.pk])).status_code == 404
    for name in ("feedback_classify", "feedback_forward", "feedback_answer", "feedback_close"):
        assert client.get(reverse(name, args=[far.pk])).status_code == 404
    attachment = _attach(far)
    assert client.get(reverse("feedback_attachment", args=[attachment.pk])).status_code == 404
    # No form edits the sender's data, nothing is added or deleted.
    for name in ("feedback_submissions:edit", "feedback_submissions:delete"):
        assert client.get(reverse(name, args=[mine.pk])).status_code in (302, 403)
    assert client.get(reverse("feedback_submissions:add")).status_code in (302, 403)
    assert Submission.objects.filter(pk=mine.pk).exists()


def test_searching_by_tracking_code(client, world, officer):
    other = make_submission(world["commune"], content="Đèn chiếu sáng ngõ 3 thôn 10 hỏng đã lâu.")
    url = reverse("feedback_submissions:index")
    assert _numbers(client.get(url, {"q": other.tracking_code})) == {str(other.number)}


def test_an_editor_without_the_permission_is_refused(client, world):
    editor = make_staff(commune=world["commune"], role=Role.EDITOR)
    client.force_login(editor)
    mine = world["mine"]
    attachment = _attach(mine)
    for url in (
        reverse("feedback_submissions:index"),
        reverse("feedback_submissions:inspect", args=[mine.pk]),
        reverse("feedback_classify", args=[mine.pk]),
        reverse("feedback_attachment", args=[attachment.pk]),
        reverse("feedback_dashboard"),
    ):
        assert client.get(url).status_code in (302, 403), url
    assert not ModelLogEntry.objects.filter(
        action__in=["feedback.view", "xaso.personal_data_export"]
    ).exists()


def test_opening_a_file_is_audited(client, world, officer):
    mine = world["mine"]
    page = client.get(reverse("feedback_submissions:inspect", args=[mine.pk])).content.decode()
    assert mine.sender_phone in page and mine.tracking_code in page
    entry = ModelLogEntry.objects.get(action="feedback.view")
    assert entry.user_id == officer.pk and entry.object_id == str(mine.pk)
    assert entry.data == {"commune": world["commune"].pk}


def test_an_attachment_is_served_to_the_officer_and_audited(client, world, officer):
    attachment = _attach(world["mine"])
    response = client.get(reverse("feedback_attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    # The resident's file left the platform: one export of personal data.
    entry = ModelLogEntry.objects.get(action="xaso.personal_data_export", user=officer)
    assert entry.object_id == str(world["mine"].pk)
    assert entry.data["what"] == "feedback_attachment" and entry.data["rows"] == 1
    assert entry.data["commune"] == world["commune"].pk and entry.data["format"] == "pdf"


def test_an_anonymous_visitor_gets_no_attachment(client, world):
    attachment = _attach(world["mine"])
    response = client.get(reverse("feedback_attachment", args=[attachment.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_classify_within_competence_assign_answer_and_close_through_the_screens(
    client, world, officer, mailoutbox, django_capture_on_commit_callbacks
):
    mine, official = world["mine"], world["official"]
    official_user = make_staff(commune=world["commune"], role=Role.EDITOR, email="thanh@xa.vn")
    official.user = official_user
    official.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("feedback_classify", args=[mine.pk]),
            {"classification": Classification.WITHIN, "assigned_to": official.pk, "note": ""},
        )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == Status.IN_PROGRESS and mine.assigned_to == official
    assert mine.due_on is not None
    recipients = sorted(address for mail in mailoutbox for address in mail.to)
    assert recipients == ["hung@example.vn", "thanh@xa.vn"]
    to_sender = next(mail for mail in mailoutbox if mail.to == ["hung@example.vn"])
    assert notifications.tracking_url(mine) in to_sender.body
    assert mine.sender_name not in to_sender.body and mine.sender_phone not in to_sender.body

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("feedback_answer", args=[mine.pk]),
            {"response": "Xã đã cho san lấp đoạn sụt lún ngày 05/5/2026."},
        )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == Status.ANSWERED
    assert [mail.to for mail in mailoutbox] == [["hung@example.vn"]]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("feedback_close", args=[mine.pk]), {"note": "Xong."})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == Status.CLOSED
    page = client.get(reverse("feedback_submissions:inspect", args=[mine.pk])).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    assert [row["data-status"] for row in soup.select("table.feedback-steps tbody tr")] == [
        "received",
        "in_progress",
        "answered",
        "closed",
    ]


def test_forwarding_through_the_screen_and_no_mail_without_consent(
    client, world, officer, mailoutbox, django_capture_on_commit_callbacks
):
    silent = make_submission(world["commune"], sender_email="an@example.vn", consent_contact=False)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("feedback_classify", args=[silent.pk]),
            {"classification": Classification.OUTSIDE, "note": ""},
        )
    silent.refresh_from_db()
    assert silent.status == Status.TO_FORWARD
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("feedback_forward", args=[silent.pk]),
            {
                "forwarded_to": "Ủy ban nhân dân thành phố Hải Phòng",
                "forwarded_on": timezone.localdate().strftime("%Y-%m-%d"),
            },
        )
    assert response.status_code == 302
    silent.refresh_from_db()
    assert silent.status == Status.FORWARDED
    assert silent.forwarded_to == "Ủy ban nhân dân thành phố Hải Phòng"
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("action", "data", "field"),
    [
        ("feedback_classify", {"classification": ""}, "classification"),
        ("feedback_classify", {"classification": "nonsense"}, "classification"),
        ("feedback_classify", {"classification": Classification.MISSING_INFORMATION}, "note"),
        ("feedback_forward", {"forwarded_to": "UBND", "forwarded_on": "2026-01-01"}, None),
        ("feedback_answer", {"response": "Đã xử lý."}, None),
    ],
)
def test_bad_input_is_shown_on_the_form_and_changes_nothing(
    client, world, officer, action, data, field
):
    mine = world["mine"]
    events = mine.events.count()
    response = client.post(reverse(action, args=[mine.pk]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors
    if field:
        assert field in form.errors
    mine.refresh_from_db()
    assert mine.status == Status.RECEIVED and mine.events.count() == events


def test_an_official_of_another_commune_cannot_be_assigned(client, world, officer):
    mine = world["mine"]
    response = client.post(
        reverse("feedback_classify", args=[mine.pk]),
        {"classification": Classification.WITHIN, "assigned_to": world["far_official"].pk},
    )
    assert response.status_code == 200 and "assigned_to" in response.context["form"].errors
    mine.refresh_from_db()
    assert mine.status == Status.RECEIVED


def test_closing_an_open_submission_is_refused_on_the_form(client, world, officer):
    mine = world["mine"]
    response = client.post(reverse("feedback_close", args=[mine.pk]), {"note": ""})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    mine.refresh_from_db()
    assert mine.status == Status.RECEIVED


def _counts(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {dd["data-count"]: dd.get_text(strip=True) for dd in soup.select("[data-count]")}


def test_the_dashboard_counts(client, world, officer):
    commune, official = world["commune"], world["official"]
    today = timezone.localdate()
    # Late to forward: received three weeks ago, classified as outside the competence.
    late = make_submission(commune, field="land")
    Submission.objects.filter(pk=late.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=21)
    )
    services.submission_classify(submission=late, classification=Classification.OUTSIDE)
    # Overdue: assigned a month ago.
    overdue = make_submission(commune, field="land")
    services.submission_classify(
        submission=overdue,
        classification=Classification.WITHIN,
        assigned_to=official,
        on_date=today - datetime.timedelta(days=40),
    )
    # Due soon: its due date is today.
    soon = make_submission(commune, field="order")
    services.submission_classify(
        submission=soon, classification=Classification.WITHIN, assigned_to=official
    )
    Submission.objects.filter(pk=soon.pk).update(due_on=today)
    response = client.get(reverse("feedback_dashboard"))
    assert response.status_code == 200
    # Open: "mine", late, overdue, soon (the other commune's is not counted).
    assert _counts(response) == {
        "open": "4",
        "due_soon": "1",
        "overdue": "2",
        "late_to_forward": "1",
    }
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    by_official = {
        row.th.get_text(strip=True): (
            row.select_one("[data-open]").get_text(strip=True),
            row.select_one("[data-overdue]").get_text(strip=True),
        )
        for row in soup.select("#feedback-by-official tbody tr")
    }
    assert by_official["Nguyễn Văn Thành"] == ("2", "1")
    by_field = soup.select("#feedback-by-field tbody tr")
    assert len(by_field) == 3  # building, land, order
    row = next(
        row
        for row in soup.select("#feedback-by-official tbody tr")
        if row.th and row.th.get_text(strip=True) == "Nguyễn Văn Thành"
    )
    link = str(row.select("[data-overdue] a")[0]["href"])
    assert _numbers(client.get(link)) == {str(overdue.number)}


def test_the_overdue_filter_lists_the_overdue(client, world, officer):
    overdue = make_submission(world["commune"])
    services.submission_classify(
        submission=overdue,
        classification=Classification.WITHIN,
        on_date=timezone.localdate() - datetime.timedelta(days=40),
    )
    listed = _numbers(client.get(reverse("feedback_submissions:index"), {"overdue": "true"}))
    assert listed == {str(overdue.number)}
    page = client.get(reverse("feedback_submissions:index")).content.decode()
    assert str(_("Overdue")) in page


def test_the_reminder_is_sent_once_to_the_assigned_official(world, mailoutbox):
    commune, official = world["commune"], world["official"]
    official.user = make_staff(commune=commune, role=Role.EDITOR, email="thanh@xa.vn")
    official.save()
    today = timezone.localdate()
    due = make_submission(commune)
    services.submission_classify(
        submission=due, classification=Classification.WITHIN, assigned_to=official
    )
    later = make_submission(commune)
    services.submission_classify(
        submission=later, classification=Classification.WITHIN, assigned_to=official
    )
    Submission.objects.filter(pk=due.pk).update(due_on=today)
    assert notifications.officials_remind(today=today) == 1
    assert [mail.to for mail in mailoutbox] == [["thanh@xa.vn"]]
    assert f"{due.number}/{due.year}" in mailoutbox[0].body
    assert f"{later.number}/{later.year}," not in mailoutbox[0].body
    assert notifications.officials_remind(today=today) == 0
    assert len(mailoutbox) == 1
    due.refresh_from_db()
    assert due.reminded_on == today


def test_no_mail_to_an_official_without_an_account(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_classify(
            submission=make_submission(world["commune"]),
            classification=Classification.WITHIN,
            assigned_to=world["official"],
        )
    assert mailoutbox == []
