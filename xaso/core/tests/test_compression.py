"""Text responses leave the application gzipped when the reader accepts it (no proxy needed);
the admin and what is compressed already (pictures, PDFs) are sent as they are."""

from __future__ import annotations

import gzip

import pytest

from xaso.core.compression import is_text
from xaso.portal.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_the_reference_article_is_sent_gzipped_at_about_a_third_of_its_size(demo_commune, client):
    article = ArticlePage.objects.get(source_name="Hải Phòng Online")
    plain = client.get(article.url)
    assert plain.status_code == 200 and "Content-Encoding" not in plain
    packed = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content).decode().count(article.title) >= 1
    ratio = len(packed.content) / len(plain.content)
    print(f"reference article: {len(plain.content)} bytes, gzipped {len(packed.content)}")
    assert ratio < 0.4, ratio
    # From the page cache (the second reader) it is compressed again, with its own padding.
    again = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")
    assert again["Content-Encoding"] == "gzip"
    assert gzip.decompress(again.content) == gzip.decompress(packed.content)


def test_the_feedback_form_with_its_token_is_compressed_with_random_padding(commune, client):
    sizes = {len(client.get("/phan-anh/", HTTP_ACCEPT_ENCODING="gzip").content) for _ in range(8)}
    assert len(sizes) > 1  # the same page does not compress to the same length twice


def test_the_admin_is_not_compressed(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "a@example.com", "mat-khau-dai-1")
    client.force_login(admin)
    response = client.get("/admin/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and "Content-Encoding" not in response


def test_compression_can_be_left_to_a_proxy(demo_commune, client, settings):
    settings.XASO_COMPRESS_RESPONSES = False
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and "Content-Encoding" not in response


@pytest.mark.parametrize(
    ("content_type", "text"),
    [
        ("text/html; charset=utf-8", True),
        ("application/json", True),
        ("application/rss+xml; charset=utf-8", True),
        ("image/svg+xml", True),
        ("image/jpeg", False),
        ("application/pdf", False),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
        ("", False),
    ],
)
def test_only_text_is_compressed(content_type, text):
    assert is_text(content_type) is text
