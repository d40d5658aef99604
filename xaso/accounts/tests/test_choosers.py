"""Two communes: every chooser an editor opens offers only their own commune's pages, images,
documents and snippets — browsing, searching, or asking for the other's by its id."""

from __future__ import annotations

import datetime

import pytest

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.legal.tests.factories import make_pdf
from xaso.portal import services as portal_services
from xaso.portal.models import Slogan
from xaso.portal.tests.factories import make_article, make_category, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(commune, category, other_commune):
    other = other_commune
    other_category = make_category(parent=other.site.root_page, title="Tin Lưu Kiếm")
    ours_doc, theirs_doc = make_pdf(title="Kế hoạch Liên Khê"), make_pdf(title="Kế hoạch Lưu Kiếm")
    ours_doc.collection, theirs_doc.collection = commune.collection, other.collection
    ours_doc.save()
    theirs_doc.save()
    for owner in (commune, other):
        Slogan.objects.create(
            commune=owner, text=f"Khẩu hiệu {owner.name}", starts_on=datetime.date(2026, 1, 1)
        )
    return {
        "ours": commune,
        "theirs": other,
        "their_home": other.site.root_page,
        "their_article": make_article(category=other_category, title="Chợ mới Lưu Kiếm"),
        "our_article": make_article(category=category, title="Đường mới Liên Khê"),
        "our_image": make_image(title="Ảnh Liên Khê", collection=commune.collection),
        "their_image": make_image(title="Ảnh Lưu Kiếm", collection=other.collection, seed=2),
    }


@pytest.fixture
def editor_client(client, two):
    client.force_login(make_staff(commune=two["ours"], role=Role.EDITOR))
    return client


def _text(client, url):
    response = client.get(url)
    assert response.status_code in (200, 302, 403, 404), url
    return response.content.decode() if response.status_code == 200 else ""


def test_the_page_chooser_offers_only_our_pages(editor_client, two):
    ours = two["ours"].site.root_page
    screens = [
        "/admin/choose-page/",
        f"/admin/choose-page/{ours.pk}/",
        f"/admin/choose-page/{two['our_article'].get_parent().pk}/",
        "/admin/choose-page/search/?q=m%E1%BB%9Bi",  # "mới", in both communes' titles
    ]
    seen = "".join(_text(editor_client, url) for url in screens)
    assert "Đường mới Liên Khê" in seen
    assert "Lưu Kiếm" not in seen
    # Asking for the other commune's pages by id shows none of them.
    for page in (two["their_home"], two["their_article"].get_parent()):
        assert "Chợ mới Lưu Kiếm" not in _text(editor_client, f"/admin/choose-page/{page.pk}/")


def test_the_image_chooser_offers_only_our_images(editor_client, two):
    seen = _text(editor_client, "/admin/images/chooser/") + _text(
        editor_client, "/admin/images/chooser/results/?q=%E1%BA%A2nh"
    )
    assert "Ảnh Liên Khê" in seen and "Ảnh Lưu Kiếm" not in seen
    chosen = _text(editor_client, f"/admin/images/chooser/{two['their_image'].pk}/")
    assert "Ảnh Lưu Kiếm" not in chosen


def test_the_document_chooser_offers_only_our_documents(editor_client, two):
    seen = _text(editor_client, "/admin/documents/chooser/") + _text(
        editor_client, "/admin/documents/chooser/results/?q=K%E1%BA%BF"
    )
    assert "Kế hoạch Liên Khê" in seen and "Kế hoạch Lưu Kiếm" not in seen


def test_the_snippet_chooser_offers_only_our_slogans(client, two):
    client.force_login(make_staff(commune=two["ours"], role=Role.ADMINISTRATOR))
    seen = _text(client, "/admin/snippets/choose/portal/slogan/") + _text(
        client, "/admin/snippets/choose/portal/slogan/results/?q=Kh%E1%BA%A9u"
    )
    assert "Khẩu hiệu Liên Khê" in seen and "Khẩu hiệu Lưu Kiếm" not in seen
    theirs = Slogan.objects.get(commune=two["theirs"])
    chosen = _text(client, f"/admin/snippets/choose/portal/slogan/chosen/{theirs.pk}/")
    assert "Lưu Kiếm" not in chosen


def test_the_explorer_and_the_page_search_show_only_our_pages(editor_client, two):
    seen = _text(editor_client, "/admin/pages/") + _text(
        editor_client, "/admin/pages/search/?q=m%E1%BB%9Bi"
    )
    assert "Chợ mới Lưu Kiếm" not in seen
    assert _text(editor_client, f"/admin/pages/{two['their_article'].pk}/edit/") == ""


_ = portal_services  # the factories create through services


def test_the_image_and_document_libraries_hold_only_our_files(editor_client, two):
    images = _text(editor_client, "/admin/images/")
    assert "Ảnh Liên Khê" in images and "Ảnh Lưu Kiếm" not in images
    documents = _text(editor_client, "/admin/documents/")
    assert "Kế hoạch Liên Khê" in documents and "Kế hoạch Lưu Kiếm" not in documents
    theirs = two["their_image"]
    assert "Ảnh Lưu Kiếm" not in _text(editor_client, f"/admin/images/{theirs.pk}/")
    editor_client.post(f"/admin/images/{theirs.pk}/delete/")
    theirs.refresh_from_db()  # still there
