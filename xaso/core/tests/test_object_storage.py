"""What an anonymous client reaches on the real S3-compatible server (SeaweedFS,
xaso.testing.s3) once the media bucket carries its policy (`storage.media_bucket_policy`, as
docs/deployment.md sets it): a public picture and its rendition, straight from the bucket; not a
document of the media library (served through the app's check), and not a resident's attachment
in the private bucket, unless by the short-lived URL the app signs."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from django.core.files.base import ContentFile

from xaso.core.storage import media_bucket_policy
from xaso.feedback.models import Attachment
from xaso.feedback.tests.factories import make_submission
from xaso.legal.tests.factories import PDF_BYTES, make_pdf
from xaso.portal.tests.factories import make_image

pytestmark = pytest.mark.django_db


def _anonymous(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 — loopback
            return int(response.status), response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_anonymous_clients_read_the_pictures_and_nothing_private(commune, object_storage):
    client = object_storage.client
    client.put_bucket_policy(
        Bucket=object_storage.media, Policy=json.dumps(media_bucket_policy(object_storage.media))
    )
    base = f"{object_storage.server.endpoint}/{object_storage.media}/"

    # A public picture: its rendition, as a page links it, answers anyone, from the bucket.
    image = make_image(collection=commune.collection)
    rendition = image.get_rendition("fill-160x100")
    assert rendition.url.startswith(base + "images/")
    status, body = _anonymous(rendition.url)
    assert status == 200 and body[:4] in (b"\x89PNG", b"RIFF", b"\xff\xd8\xff\xe0")
    assert _anonymous(base + image.file.name)[0] == 200  # the original, as on one server

    # A document of the media library: only through the app's serve view, never the bucket.
    document = make_pdf(title="Biên bản nội bộ")
    assert document.file.name.startswith("documents/")
    assert _anonymous(base + document.file.name)[0] == 403
    assert _anonymous(base)[0] == 403  # nor the bucket's listing

    # A resident's attachment: in the private bucket, refused without a signature (there and
    # beside the pictures); the URL the storage signs (five minutes) is the only way in.
    attachment = Attachment(submission=make_submission(commune), name="don.pdf", size=1)
    attachment.file.save("don.pdf", ContentFile(PDF_BYTES), save=True)
    assert object_storage.keys(object_storage.private) == {attachment.file.name}
    endpoint = object_storage.server.endpoint
    for bucket in (object_storage.private, object_storage.media):
        assert _anonymous(f"{endpoint}/{bucket}/{attachment.file.name}")[0] in (403, 404)
    signed = attachment.file.url
    assert "Signature=" in signed or "X-Amz-Signature=" in signed
    assert _anonymous(signed) == (200, PDF_BYTES)
    unsigned = signed.split("?")[0]
    assert _anonymous(unsigned)[0] == 403
