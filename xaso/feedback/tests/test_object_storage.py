"""Residents' attachments on object storage (a real SeaweedFS server, xaso.testing.s3): they land
in the private bucket, nobody reaches them without the app's check (neither by the app's URL nor
by a guessed bucket URL), the commune's feedback officer downloads one (audited) and an officer
of another commune gets "not found"."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.core import challenge
from xaso.legal.tests.factories import PDF_BYTES
from xaso.testing.clients import log_in_as

from .. import forms
from ..models import Attachment, Submission

pytestmark = pytest.mark.django_db


def _anonymous_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 — loopback
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def _send(client, attachment) -> None:
    issued = challenge.issue(forms.CHALLENGE_SCOPE, issued=time.time() - 10)
    data = {
        "kind": "feedback",
        "field": "building",
        "content": "Cống thoát nước thôn 3 bị tắc sau mưa.",
        "sender_name": "Phạm Thị Lan",
        "sender_address": "Thôn 3",
        "sender_phone": "0912 345 679",
        "consent_handling": "on",
        "website": "",
        "challenge": issued.token,
        "answer": str(sum(issued.numbers)),
        "attachments": [attachment],
    }
    response = client.post("/phan-anh/", data, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302, response.content[:500]


def test_a_residents_attachment_is_private_in_the_bucket_and_only_the_officer_downloads_it(
    client, commune, other_commune, object_storage, settings
):
    settings.XASO_FORM_MIN_SECONDS = 0
    _send(client, SimpleUploadedFile("don.pdf", PDF_BYTES, content_type="application/pdf"))
    attachment = Attachment.objects.get()
    submission = Submission.objects.get()

    assert object_storage.keys(object_storage.private) == {attachment.file.name}
    assert attachment.file.name.startswith("phan-anh/")
    assert object_storage.keys(object_storage.media) == set()
    stored = object_storage.client.get_object(
        Bucket=object_storage.private, Key=attachment.file.name
    )
    assert stored["Body"].read() == PDF_BYTES

    # Not reachable anonymously: the app's URL asks to sign in; the bucket refuses a guessed URL
    # (in the private bucket where it is, and in the media bucket beside the pictures).
    url = reverse("feedback_attachment", args=[attachment.pk])
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    endpoint = object_storage.server.endpoint
    for bucket in (object_storage.private, object_storage.media):
        assert _anonymous_status(f"{endpoint}/{bucket}/{attachment.file.name}") in (403, 404)

    # An officer of another commune: not found, nothing audited.
    log_in_as(client, other_commune, Role.FEEDBACK_OFFICER)
    assert client.get(url).status_code == 404
    assert not ModelLogEntry.objects.filter(action="xaso.personal_data_export").exists()

    # The commune's feedback officer: the file, streamed through the app, and the audit entry.
    officer = log_in_as(client, commune, Role.FEEDBACK_OFFICER)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF_BYTES
    entry = ModelLogEntry.objects.get(action="xaso.personal_data_export")
    assert entry.user_id == officer.pk and entry.object_id == str(submission.pk)
    assert entry.data["what"] == "feedback_attachment" and entry.data["commune"] == commune.pk
