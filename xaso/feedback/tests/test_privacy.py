"""Senders' personal data: the retention job anonymises handled submissions past the period and
nothing else; a sender downloads or erases their data with the tracking code and phone number;
erasing removes everything personal (files on disk included) and keeps the statistics; a wrong
code, a wrong phone and data already erased get the same message; tries are limited; the page is
never cached; every removal and export is audited without personal data."""

from __future__ import annotations

import datetime
import html
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import Count
from django.test import Client
from django.utils import timezone
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from xaso.accounts.audit import COMMUNE_KEY
from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.core import jobs
from xaso.legal.tests.factories import PDF_BYTES
from xaso.testing.browser import assert_accessible
from xaso.testing.files import PNG_BYTES

from .. import privacy, selectors, services
from ..choices import Classification, Status
from ..models import Attachment, Event, Submission, private_storage
from ..views import privacy as views_privacy
from .factories import SCRIPT, make_submission

pytestmark = pytest.mark.django_db
URL = "/phan-anh/du-lieu-ca-nhan/"
NAME = "Trần Văn Hùng"
ADDRESS = "Thôn 9, xã Liên Khê"
PHONE = "0912345678"
EMAIL = "hung@example.vn"
CONTENT = "Đoạn đường trục xã qua thôn 9 bị sụt lún sau mưa, xe máy đi lại nguy hiểm."
NOTE = "Ông Hùng gọi điện lúc 8 giờ, số 0912 345 678."
PUBLIC_NOTE = "Chưa nêu rõ vị trí đoạn đường gần nhà ông Hùng."
PERSONAL = ("sender_name", "sender_address", "sender_phone", "sender_email", "content", "response")
KEPT = (
    "commune_id",
    "year",
    "number",
    "tracking_code",
    "kind",
    "field",
    "status",
    "classification",
    "received_at",
    "classified_on",
    "forward_due_on",
    "forwarded_to",
    "forwarded_on",
    "assigned_to_id",
    "due_on",
    "answered_on",
    "closed_on",
    "consent_handling",
    "consent_contact",
)


def _files() -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile("duong.png", PNG_BYTES, content_type="image/png"),
        SimpleUploadedFile("don.pdf", PDF_BYTES, content_type="application/pdf"),
    ]


def _full_submission(commune: Any, **fields: Any) -> Submission:
    """A submission holding every kind of personal data: the sender, a map point, files, and the
    commune's notes and answer."""
    data = {
        "kind": "feedback",
        "field": "building",
        "content": CONTENT,
        "sender_name": NAME,
        "sender_address": ADDRESS,
        "sender_phone": PHONE,  # as the form stores it
        "sender_email": EMAIL,
        "consent_handling": True,
        "consent_contact": True,
        "latitude": "20.861234",
        "longitude": "106.681234",
        **fields,
    }
    return services.submission_create(
        commune=commune, submission=Submission(**data), attachments=_files()
    )


def _answered(commune: Any, **fields: Any) -> Submission:
    submission = _full_submission(commune, **fields)
    services.submission_classify(
        submission=submission, classification=Classification.WITHIN, note=NOTE
    )
    return services.submission_answer(
        submission=submission, response=f"Kính gửi ông {NAME}: xã đã san lấp đoạn sụt lún."
    )


def _rejected(commune: Any, **fields: Any) -> Submission:
    submission = _full_submission(commune, **fields)
    return services.submission_classify(
        submission=submission,
        classification=Classification.MISSING_INFORMATION,
        note=PUBLIC_NOTE,
    )


def _last_step_on(submission: Submission, day: datetime.date) -> None:
    """Move every step and the reception to noon of `day`."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    Event.objects.filter(submission=submission).update(at=moment)
    Submission.objects.filter(pk=submission.pk).update(received_at=moment)


def _kept(submission: Submission) -> dict[str, Any]:
    fresh = Submission.objects.get(pk=submission.pk)
    return {name: getattr(fresh, name) for name in KEPT}


def _statistics() -> list[dict[str, Any]]:
    return list(
        Submission.objects.values("commune", "field", "status", "kind", "classification")
        .annotate(n=Count("pk"))
        .order_by("commune", "field", "status", "kind", "classification")
    )


def _assert_nothing_personal(submission: Submission, file_names: list[str]) -> None:
    fresh = Submission.objects.get(pk=submission.pk)
    for name in PERSONAL:
        assert getattr(fresh, name) == "", name
    assert fresh.latitude is None and fresh.longitude is None
    assert fresh.anonymised_at is not None
    assert not Attachment.objects.filter(submission=fresh).exists()
    storage = private_storage()
    assert file_names and not any(storage.exists(name) for name in file_names)
    for event in fresh.events.all():
        assert event.note == "" and event.public_note == ""
    values = json.dumps(
        list(Submission.objects.filter(pk=fresh.pk).values()), default=str, ensure_ascii=False
    )
    for personal in (NAME, "Hùng", ADDRESS, PHONE, "345 678", EMAIL, "sụt lún", "20.86"):
        assert personal not in values


def _file_names(submission: Submission) -> list[str]:
    names = [a.file.name for a in Attachment.objects.filter(submission=submission)]
    storage = private_storage()
    assert names and all(storage.exists(name) for name in names)
    return names


def _post(client: Any, ip: str = "203.0.113.9", **fields: Any) -> Any:
    data = {"code": "", "phone": "", "action": "export", **fields}
    return client.post(URL, data, REMOTE_ADDR=ip)


def _audit_entries(submission: Submission, action: str) -> list[ModelLogEntry]:
    return list(ModelLogEntry.objects.filter(object_id=str(submission.pk), action=action))


def _assert_audit_holds_no_personal_data(entry: ModelLogEntry, submission: Submission) -> None:
    assert entry.data == {COMMUNE_KEY: submission.commune_id}
    text = f"{entry.label} {json.dumps(entry.data)}"
    for personal in (NAME, ADDRESS, PHONE, "0912 345 678", EMAIL):
        assert personal not in text


# The retention job ------------------------------------------------------------------------------


def test_retention_anonymises_only_handled_submissions_past_the_period(
    commune, settings, django_capture_on_commit_callbacks
):
    settings.XASO_FEEDBACK_RETENTION_DAYS = 30
    today = timezone.localdate()
    past = _rejected(commune)
    inside = _rejected(commune, field="land")
    old_open = _full_submission(commune, field="order")
    answered_past = _answered(commune)
    _last_step_on(past, today - datetime.timedelta(days=31))
    _last_step_on(inside, today - datetime.timedelta(days=30))
    _last_step_on(old_open, today - datetime.timedelta(days=400))
    _last_step_on(answered_past, today - datetime.timedelta(days=31))
    past_files = _file_names(past)
    answered_files = _file_names(answered_past)
    kept_before = {s.pk: _kept(s) for s in (past, inside, old_open, answered_past)}
    steps_before = {
        s.pk: list(s.events.values_list("status", "at", "by")) for s in (past, answered_past)
    }
    statistics = _statistics()
    officer = make_staff(commune=commune, role=Role.FEEDBACK_OFFICER)
    register = selectors.submissions_for(officer)
    counts = {status: register.filter(status=status).count() for status in Status.values}

    with django_capture_on_commit_callbacks(execute=True):
        assert privacy.submissions_anonymise_expired(today=today) == 2

    _assert_nothing_personal(past, past_files)
    _assert_nothing_personal(answered_past, answered_files)
    for untouched in (inside, old_open):
        fresh = Submission.objects.get(pk=untouched.pk)
        assert fresh.anonymised_at is None
        assert (fresh.sender_name, fresh.sender_phone, fresh.content) == (NAME, PHONE, CONTENT)
        assert fresh.attachments.count() == 2
    # The statistics: every counted value as it was, the steps' status, time and author kept.
    assert {s.pk: _kept(s) for s in (past, inside, old_open, answered_past)} == kept_before
    for submission in (past, answered_past):
        assert (
            list(submission.events.values_list("status", "at", "by")) == steps_before[submission.pk]
        )
    assert _statistics() == statistics
    register = selectors.submissions_for(officer)
    assert {status: register.filter(status=status).count() for status in Status.values} == counts
    shown = selectors.public_status(past.tracking_code, commune=commune)
    assert shown is not None and shown.status == Status.REJECTED.label
    assert [step.public_note for step in shown.steps] == ["", ""]

    # Idempotent: nothing more to do, nothing changes.
    stamped = Submission.objects.get(pk=past.pk).anonymised_at
    with django_capture_on_commit_callbacks(execute=True):
        assert privacy.submissions_anonymise_expired(today=today) == 0
    assert Submission.objects.get(pk=past.pk).anonymised_at == stamped
    entries = _audit_entries(past, privacy.ANONYMISE_ACTION)
    assert len(entries) == 1 and entries[0].user is None
    _assert_audit_holds_no_personal_data(entries[0], past)


def test_a_submission_with_no_step_counts_from_its_reception(commune, settings):
    settings.XASO_FEEDBACK_RETENTION_DAYS = 30
    submission = make_submission(commune)  # no files, no map point
    services.submission_classify(
        submission=submission, classification=Classification.MISSING_INFORMATION, note=NOTE
    )
    Event.objects.filter(submission=submission).delete()
    old = timezone.now() - datetime.timedelta(days=40)
    Submission.objects.filter(pk=submission.pk).update(received_at=old)
    assert privacy.submissions_anonymise_expired() == 1
    fresh = Submission.objects.get(pk=submission.pk)
    assert fresh.status == Status.REJECTED and fresh.sender_name == fresh.content == ""


def test_anonymising_twice_changes_nothing(commune, django_capture_on_commit_callbacks):
    submission = _answered(commune)
    with django_capture_on_commit_callbacks(execute=True):
        first = privacy.submission_anonymise(submission=submission, reason="retention")
        second = privacy.submission_anonymise(submission=submission, reason="erase")
    assert first.anonymised_at == second.anonymised_at is not None
    assert len(_audit_entries(submission, privacy.ANONYMISE_ACTION)) == 1
    assert _audit_entries(submission, privacy.ERASE_ACTION) == []
    with pytest.raises(ValueError):
        privacy.submission_anonymise(submission=submission, reason="whim")


def test_the_job_is_registered_and_the_command_runs(commune, settings):
    settings.XASO_FEEDBACK_RETENTION_DAYS = 30
    submission = _rejected(commune)
    _last_step_on(submission, timezone.localdate() - datetime.timedelta(days=31))
    assert "feedback.anonymise" in jobs._jobs
    assert jobs._jobs["feedback.anonymise"]() == 1
    assert Submission.objects.get(pk=submission.pk).anonymised_at is not None

    other = _rejected(commune)
    _last_step_on(other, timezone.localdate() - datetime.timedelta(days=31))
    out = io.StringIO()
    call_command("feedback_anonymise", stdout=out)
    assert "1" in out.getvalue() and "30" in out.getvalue()
    assert Submission.objects.get(pk=other.pk).anonymised_at is not None
    out = io.StringIO()
    call_command("feedback_anonymise", stdout=out)
    assert out.getvalue().strip()


def test_the_privacy_actions_are_named_in_the_audit_log(db):
    for action in (privacy.ANONYMISE_ACTION, privacy.ERASE_ACTION, privacy.EXPORT_ACTION):
        assert str(registry.get_action_label(action))


def test_the_retention_is_a_setting(settings):
    settings.XASO_FEEDBACK_RETENTION_DAYS = 1095
    assert privacy.retention_months() == 36
    settings.XASO_FEEDBACK_RETENTION_DAYS = 730
    assert privacy.retention_months() == 24


# The sender's page ------------------------------------------------------------------------------


def test_the_page_is_never_cached_and_needs_the_csrf_token(client, commune):
    response = client.get(URL)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "max-age=0" in cache_control
    body = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in body
    for name in ("code", "phone", "action", "confirm"):
        assert f'name="{name}"' in body
    assert 'for="id_code"' in body and 'aria-describedby="id_code_help"' in body
    assert "checked" not in body
    strict = Client(enforce_csrf_checks=True)
    submission = _answered(commune)
    response = strict.post(
        URL, {"code": submission.tracking_code, "phone": PHONE, "action": "erase", "confirm": "on"}
    )
    assert response.status_code == 403
    assert Submission.objects.get(pk=submission.pk).anonymised_at is None


def test_the_form_and_the_tracking_page_link_to_it(client, commune):
    form = client.get("/phan-anh/").content.decode()
    assert f'href="{URL}"' in form
    assert "data-retention>" in form and "36" in form.split("data-retention>")[1][:200]
    track = client.get("/phan-anh/tra-cuu/").content.decode()
    assert f'href="{URL}"' in track


def test_erasing_by_code_and_phone_removes_everything_personal_and_keeps_the_statistics(
    client, commune, django_capture_on_commit_callbacks
):
    submission = _answered(commune)
    other = _answered(commune, field="land")
    files = _file_names(submission)
    kept = _kept(submission)
    statistics = _statistics()
    steps = list(submission.events.values_list("status", "at"))

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client,
            code=f"  {submission.tracking_code.lower()} ",
            phone="+84 912.345.678",
            action="erase",
            confirm="on",
        )
    assert response.status_code == 200
    assert response.templates[0].name == "feedback/privacy_erased.html"
    assert "no-store" in response["Cache-Control"]
    assert f"?ma={submission.tracking_code}" in response.content.decode()
    _assert_nothing_personal(submission, files)
    assert _kept(submission) == kept
    assert _statistics() == statistics
    assert list(submission.events.values_list("status", "at")) == steps
    # The other sender's submission is untouched.
    assert Submission.objects.get(pk=other.pk).sender_name == NAME
    assert Attachment.objects.filter(submission=other).count() == 2

    track = client.get("/phan-anh/tra-cuu/", {"ma": submission.tracking_code})
    body = track.content.decode()
    assert track.status_code == 200 and 'data-status="true"' in body
    assert body.count("data-step=") == 3
    for personal in (NAME, "Hùng", PHONE, "sụt lún", "san lấp"):
        assert personal not in body

    entries = _audit_entries(submission, privacy.ERASE_ACTION)
    assert len(entries) == 1 and entries[0].user is None
    _assert_audit_holds_no_personal_data(entries[0], submission)


def test_erasing_needs_the_confirmation(client, commune):
    submission = _answered(commune)
    response = _post(client, code=submission.tracking_code, phone=PHONE, action="erase")
    assert response.status_code == 200
    assert "confirm" in response.context["form"].errors
    body = response.content.decode()
    assert 'id="id_confirm_error"' in body
    assert 'aria-describedby="id_confirm_error id_confirm_help"' in body
    fresh = Submission.objects.get(pk=submission.pk)
    assert fresh.anonymised_at is None and fresh.sender_name == NAME
    assert fresh.attachments.count() == 2


def test_export_gives_everything_held_as_json(client, commune):
    submission = _answered(commune)
    before = list(Submission.objects.filter(pk=submission.pk).values())
    response = _post(client, code=submission.tracking_code.lower(), phone="0912 345 678")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="phan-anh-{submission.tracking_code}.json"'
    )
    assert "no-store" in response["Cache-Control"]
    raw = response.content.decode("utf-8")
    assert NAME in raw and CONTENT in raw  # Vietnamese as written, not \u escapes
    data = json.loads(raw)
    assert data["tracking_code"] == submission.tracking_code
    assert data["number"] == str(submission)
    assert data["sender"] == {
        "name": NAME,
        "address": ADDRESS,
        "phone": PHONE,
        "email": EMAIL,
    }
    assert data["content"] == CONTENT
    assert data["location"] == {"latitude": "20.861234", "longitude": "106.681234"}
    assert data["consents"] == {"handling": True, "contact": True}
    assert data["response"].startswith(f"Kính gửi ông {NAME}")
    assert data["attachments"] == [
        {"name": "duong.png", "size": len(PNG_BYTES)},
        {"name": "don.pdf", "size": len(PDF_BYTES)},
    ]
    assert [step["status"] for step in data["steps"]] == [
        str(Status.RECEIVED.label),
        str(Status.IN_PROGRESS.label),
        str(Status.ANSWERED.label),
    ]
    assert all(NOTE not in json.dumps(step, ensure_ascii=False) for step in data["steps"])
    assert data["received_at"].startswith(str(timezone.localdate(submission.received_at)))
    # Nothing changed; the export is audited without personal data.
    assert list(Submission.objects.filter(pk=submission.pk).values()) == before
    entries = _audit_entries(submission, privacy.EXPORT_ACTION)
    assert len(entries) == 1
    _assert_audit_holds_no_personal_data(entries[0], submission)


def test_wrong_phone_wrong_code_and_erased_data_get_the_same_message(
    client, commune, django_capture_on_commit_callbacks
):
    submission = _answered(commune)
    erased = _answered(commune)
    with django_capture_on_commit_callbacks(execute=True):
        privacy.sender_data_erase(submission=erased)
    before = list(Submission.objects.order_by("pk").values())
    attachments = Attachment.objects.count()
    tries = [
        {"code": submission.tracking_code, "phone": "0987654321"},
        {"code": "ABCDEFGH23", "phone": PHONE},
        {"code": erased.tracking_code, "phone": PHONE},
        {"code": erased.tracking_code, "phone": ""},
    ]
    messages = set()
    for number, data in enumerate(tries):
        for action in ("export", "erase"):
            response = _post(client, ip=f"198.51.100.{number}", action=action, confirm="on", **data)
            assert response.status_code == 200
            assert response.templates[0].name == "feedback/privacy_request.html"
            if data["phone"]:
                messages.add(response.context["message"])
                assert 'data-privacy-message="true"' in response.content.decode()
    assert len(messages) == 1
    assert list(Submission.objects.order_by("pk").values()) == before
    assert Attachment.objects.count() == attachments
    assert not ModelLogEntry.objects.filter(action=privacy.EXPORT_ACTION).exists()


def test_a_code_of_another_commune_is_not_found_here(client, commune, other_commune):
    submission = _answered(commune)
    found = privacy.sender_data_find(code=submission.tracking_code, phone=PHONE, commune=commune)
    assert found == submission
    elsewhere = other_commune
    assert (
        privacy.sender_data_find(code=submission.tracking_code, phone=PHONE, commune=elsewhere)
        is None
    )
    # On the other commune's site, the right code and phone find nothing and change nothing.
    data = {"code": submission.tracking_code, "phone": PHONE}
    host = {"HTTP_HOST": elsewhere.site.hostname}
    for action in ("export", "erase"):
        response = client.post(URL, {**data, "action": action, "confirm": "on"}, **host)
        assert response.status_code == 200 and "Content-Disposition" not in response
        assert 'data-privacy-message="true"' in response.content.decode()
    assert Submission.objects.get(pk=submission.pk).anonymised_at is None
    assert not ModelLogEntry.objects.filter(action=privacy.EXPORT_ACTION).exists()
    # On its own commune's site, they do.
    response = client.post(URL, {**data, "action": "export"})
    assert "Content-Disposition" in response


def test_tries_are_limited_per_client_address(client, commune, monkeypatch):
    monkeypatch.setattr(views_privacy, "LIMIT_PER_HOUR", 3)
    submission = _answered(commune)
    for _ in range(3):
        assert _post(client, code="ABCDEFGH23", phone=PHONE).status_code == 200
    response = _post(client, code=submission.tracking_code, phone=PHONE)
    assert response.status_code == 429
    assert response.context["message"]
    assert "Content-Disposition" not in response
    assert 'name="code"' in response.content.decode()
    assert not ModelLogEntry.objects.filter(action=privacy.EXPORT_ACTION).exists()
    # Another address is not held back.
    response = _post(client, ip="192.0.2.50", code=submission.tracking_code, phone=PHONE)
    assert response.status_code == 200 and "Content-Disposition" in response


@pytest.mark.parametrize("missing", ["code", "phone", "action"])
def test_missing_fields_are_named_and_nothing_changes(client, commune, missing):
    submission = _answered(commune)
    data = {"code": submission.tracking_code, "phone": PHONE, "action": "erase", "confirm": "on"}
    data[missing] = ""
    response = _post(client, **data)
    assert response.status_code == 200
    assert missing in response.context["form"].errors
    body = response.content.decode()
    assert f'id="id_{missing}_error"' in body
    assert f'data-error-for="{missing}"' in body
    if missing != "action":
        assert f'aria-describedby="id_{missing}_error' in body
    assert Submission.objects.get(pk=submission.pk).anonymised_at is None


def test_html_in_the_fields_is_harmless(client, commune):
    submission = _answered(commune)
    response = _post(client, code=SCRIPT[:40], phone=SCRIPT[:20], action=SCRIPT)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert" not in body and 'onmouseover="x()"' not in body
    assert html.escape(SCRIPT[:20]) in body or "&lt;script&gt;" in body
    assert Submission.objects.get(pk=submission.pk).anonymised_at is None
    # A sender's markup comes back in the export as the text they wrote, in a JSON file.
    marked = _answered(commune, sender_address=SCRIPT)
    response = _post(client, code=marked.tracking_code, phone=PHONE)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert json.loads(response.content)["sender"]["address"] == SCRIPT


# In a browser ----------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_sender_erases_their_data_from_a_phone(live_server, commune, phone, desktop):
    from playwright.sync_api import expect

    submission = _answered(commune)
    files = _file_names(submission)
    page = phone.new_page()
    page.goto(live_server.url + "/phan-anh/tra-cuu/")
    page.locator(f"a[href='{URL}']").click()
    expect(page.locator("form[data-privacy-form]")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)

    page.locator("form[data-privacy-form] button[type=submit]").click()  # everything missing
    expect(page.locator("#feedback-errors")).to_be_visible()
    expect(page.locator("#id_code")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.fill("#id_code", submission.tracking_code)
    page.fill("#id_phone", "0987 654 321")  # not the sender's
    page.check("#id_action_1")
    page.check("#id_confirm")
    page.locator("form[data-privacy-form] button[type=submit]").click()
    expect(page.locator("[data-privacy-message=true]")).to_be_visible()
    assert Submission.objects.get(pk=submission.pk).anonymised_at is None
    assert_accessible(page)

    page.fill("#id_phone", "0912 345 678")
    page.check("#id_action_1")
    page.check("#id_confirm")
    page.locator("form[data-privacy-form] button[type=submit]").click()
    expect(page.locator("[data-erased=true]")).to_be_visible()
    assert_accessible(page)
    _assert_nothing_personal(submission, files)

    page.locator(f"a[href$='?ma={submission.tracking_code}']").click()
    expect(page.locator("[data-status=true]")).to_be_visible()
    assert NAME not in page.content()

    wide = desktop.new_page()
    wide.goto(live_server.url + URL)
    assert_accessible(wide)
