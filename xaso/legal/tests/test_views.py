"""The public register as residents use it: filters, search, a document, downloads, comments."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from xaso.legal.choices import CommentStatus
from xaso.legal.models import DocumentType, LegalField

from .factories import make_document

pytestmark = pytest.mark.django_db
UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 13) Chrome/126.0 Mobile Safari/537.36"}


@pytest.fixture
def register(commune):
    roads = LegalField.objects.get(name="Giao thông nông thôn")
    documents = {
        "plan": make_document(
            commune=commune,
            type_name="Kế hoạch",
            summary="Kế hoạch làm đường giao thông nông thôn năm 2025",
            issued_on=datetime.date(2025, 2, 10),
            field=roads,
            files=1,
        ),
        "decision": make_document(
            commune=commune,
            summary="Quyết định thành lập tổ hòa giải thôn 3",
            issued_on=datetime.date(2026, 5, 4),
        ),
        "old": make_document(
            commune=commune,
            summary="Quyết định ban hành quy chế cũ",
            issued_on=datetime.date(2024, 1, 2),
            expires_on=datetime.date(2024, 12, 31),
            effective_from=datetime.date(2024, 1, 2),
        ),
    }
    return documents


def _rows(response) -> list[str]:
    return [document.summary for document, _validity in response.context["rows"]]


def test_the_register_lists_filters_and_searches(client, commune, register):
    url = "/van-ban/"
    assert len(_rows(client.get(url))) == 3
    plan_type = DocumentType.objects.get(name="Kế hoạch")
    assert _rows(client.get(url, {"loai": plan_type.pk})) == [register["plan"].summary]
    assert _rows(client.get(url, {"nam": 2026})) == [register["decision"].summary]
    assert _rows(client.get(url, {"hieu_luc": "expired"})) == [register["old"].summary]
    parent = LegalField.objects.get(name="Xây dựng – Giao thông")
    assert _rows(client.get(url, {"linh_vuc": parent.pk})) == [register["plan"].summary]
    assert _rows(client.get(url, {"q": "hoa giai thon"})) == [register["decision"].summary]
    number = register["decision"].number
    assert _rows(client.get(url, {"q": number})) == [register["decision"].summary]
    both = client.get(url, {"q": "quyet dinh", "nam": 2024})
    assert _rows(both) == [register["old"].summary]


@pytest.mark.parametrize(
    "query",
    [
        {"loai": "abc"},
        {"loai": "999999"},
        {"nam": "-1"},
        {"nam": "2O26"},
        {"linh_vuc": "1 OR 1=1"},
        {"hieu_luc": "<script>"},
        {"co_quan": "0"},
        {"trang": "-5"},
        {"trang": "99999"},
        {"q": '") AND NEAR(*'},
        {"q": "x" * 10000},
        {"q": "\x00\x1f"},
    ],
)
def test_bad_filters_give_a_message_not_an_error(client, commune, register, query):
    response = client.get("/van-ban/", query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_a_bad_filter_is_explained_in_vietnamese(client, commune, register):
    page = client.get("/van-ban/", {"loai": "999999"}).content.decode()
    assert "Lựa chọn này không có trong danh sách." in page


def test_a_document_page_shows_its_facts_and_counts_a_reader(client, commune, register):
    plan = register["plan"]
    response = client.get(f"/van-ban/{plan.pk}/", **UA)
    page = response.content.decode()
    assert response.status_code == 200
    assert plan.number in page and "Giao thông nông thôn" in page and "Còn hiệu lực" in page
    assert "private" in response["Cache-Control"]
    plan.refresh_from_db()
    assert plan.view_count == 1
    client.get(f"/van-ban/{plan.pk}/", HTTP_USER_AGENT="Googlebot/2.1")
    plan.refresh_from_db()
    assert plan.view_count == 1  # crawlers are not readers


def test_a_download_is_counted_and_leads_to_the_file(client, commune, register):
    plan = register["plan"]
    attached = plan.files.get()
    response = client.get(f"/van-ban/{plan.pk}/tai-ve/{attached.pk}/", **UA)
    assert response.status_code == 302 and response["Location"] == attached.document.url
    plan.refresh_from_db()
    assert plan.download_count == 1
    other = register["decision"]
    assert client.get(f"/van-ban/{other.pk}/tai-ve/{attached.pk}/", **UA).status_code == 404
    plan.refresh_from_db()
    assert plan.download_count == 1


def test_unknown_or_hidden_documents_are_not_found(client, commune, register):
    hidden = register["old"]
    hidden.is_public = False
    hidden.save()
    assert client.get(f"/van-ban/{hidden.pk}/").status_code == 404
    assert client.get("/van-ban/999999/").status_code == 404


def test_a_resident_comments_on_a_draft_inside_its_window(client, commune):
    today = timezone.localdate()
    draft = make_document(
        commune=commune,
        number="",
        type_name="Dự thảo",
        summary="Dự thảo quy chế hiến đất",
        is_draft=True,
        comment_opens=today - datetime.timedelta(days=1),
        comment_closes=today + datetime.timedelta(days=10),
    )
    url = f"/van-ban/{draft.pk}/"
    response = client.post(url, {"author_name": "Bà Lan", "content": "Đề nghị hỗ trợ cây trồng."})
    assert response.status_code == 302 and "da_gui=1" in response["Location"]
    comment = draft.comments.get()
    assert comment.status == CommentStatus.PENDING and comment.author_name == "Bà Lan"
    assert "Đề nghị hỗ trợ cây trồng." not in client.get(url).content.decode()  # moderated first
    comment.status = CommentStatus.APPROVED
    comment.save()
    assert "Đề nghị hỗ trợ cây trồng." in client.get(url).content.decode()

    empty = client.post(url, {"content": "  "})
    assert empty.status_code == 400 and "Vui lòng viết ý kiến" in empty.content.decode()
    assert draft.comments.count() == 1


def test_a_comment_after_the_window_is_refused_with_a_message(client, commune):
    today = timezone.localdate()
    draft = make_document(
        commune=commune,
        number="",
        type_name="Dự thảo",
        summary="Dự thảo kế hoạch",
        is_draft=True,
        comment_opens=today - datetime.timedelta(days=20),
        comment_closes=today - datetime.timedelta(days=1),
        uptake_summary="Đã tiếp thu 3 ý kiến về mức hỗ trợ.",
    )
    response = client.post(f"/van-ban/{draft.pk}/", {"content": "Muộn rồi"})
    page = response.content.decode()
    assert response.status_code == 400 and "đã kết thúc" in page
    assert "Đã tiếp thu 3 ý kiến" in page
    assert not draft.comments.exists()
