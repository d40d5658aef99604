"""Media on S3-compatible object storage (a real SeaweedFS server, xaso.testing.s3), as several
application servers share it: what an editor uploads lands in the bucket, the public page shows
its picture from there, and a document is still sent only through the app's check."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from xaso.accounts.choices import Role
from xaso.legal.tests.factories import PDF_BYTES
from xaso.testing.clients import log_in_as
from xaso.testing.files import png
from xaso.testing.server import PHONE_UA

from .factories import make_article

pytestmark = pytest.mark.django_db


def _anonymous_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 — loopback
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_an_editors_picture_and_document_go_to_the_bucket_and_the_page_shows_it_from_there(
    client, commune, category, object_storage
):
    log_in_as(client, commune, Role.EDITOR)
    picture = png(320, 200)
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Đường trục thôn 9",
            "file": SimpleUploadedFile("duong-thon-9.png", picture),
            "collection": commune.collection.pk,
        },
    )
    assert response.status_code == 302, response.content[:500]
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Quyết định 12",
            "file": SimpleUploadedFile("quyet-dinh-12.pdf", PDF_BYTES),
            "collection": commune.collection.pk,
        },
    )
    assert response.status_code == 302, response.content[:500]
    image = get_image_model().objects.get()
    document = get_document_model().objects.get()

    media = object_storage.keys(object_storage.media)
    assert image.file.name in media and image.file.name.startswith("original_images/")
    assert document.file.name in media and document.file.name.startswith("documents/")
    stored = object_storage.client.get_object(Bucket=object_storage.media, Key=image.file.name)
    assert stored["Body"].read() == picture
    assert object_storage.keys(object_storage.private) == set()

    # The public page: its picture is a rendition made from the bucket's original and kept in
    # the bucket, linked where browsers fetch the bucket's pictures.
    client.logout()
    article = make_article(category=category, image=image)
    page = client.get(article.url)
    assert page.status_code == 200
    sources = re.findall(r'src="([^"]+)"', page.content.decode())
    base = f"{object_storage.server.endpoint}/{object_storage.media}/"
    shown = [source for source in sources if source.startswith(base)]
    assert shown, sources
    renditions = {key for key in object_storage.keys(object_storage.media) if "images/" in key}
    for source in shown:
        key = source.removeprefix(base)
        assert key.startswith("images/") and key in renditions
        body = object_storage.client.get_object(Bucket=object_storage.media, Key=key)["Body"]
        assert body.read()[:4] in (b"RIFF", b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb")

    # Saved for reading offline: the picture read back from the bucket, embedded.
    saved = client.get(f"{article.url}luu/", HTTP_USER_AGENT=PHONE_UA)
    assert saved.status_code == 200 and "data:image/jpeg;base64," in saved.content.decode()

    # The document is in no published content: the app sends it to nobody anonymous, and the
    # bucket gives nothing without the application's key.
    assert client.get(document.url).status_code == 404
    assert _anonymous_status(base + document.file.name) == 403
    log_in_as(client, commune, Role.EDITOR)
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
