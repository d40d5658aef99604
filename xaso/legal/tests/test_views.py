"""The public register as residents use it: filters, search, a document, downloads, comments."""

from __future__ import annotations

import datetime
import time
from typing import Any

import pytest
from django.utils import timezone

from xaso.core import challenge
from xaso.legal.choices import CommentStatus
from xaso.legal.forms import DraftCommentForm
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
    for _reload in range(20):
        client.get(f"/van-ban/{plan.pk}/", **UA)
    plan.refresh_from_db()
    assert plan.view_count == 1  # one reader, however often the page is reloaded
    client.get(f"/van-ban/{plan.pk}/", REMOTE_ADDR="203.0.113.9", **UA)
    plan.refresh_from_db()
    assert plan.view_count == 2  # another reader


def test_a_download_is_counted_and_leads_to_the_file(client, commune, register):
    plan = register["plan"]
    attached = plan.files.get()
    response = client.get(f"/van-ban/{plan.pk}/tai-ve/{attached.pk}/", **UA)
    assert response.status_code == 302 and response["Location"] == attached.document.url
    plan.refresh_from_db()
    assert plan.download_count == 1
    client.get(f"/van-ban/{plan.pk}/tai-ve/{attached.pk}/", **UA)
    plan.refresh_from_db()
    assert plan.download_count == 1  # the same reader again
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


def _comment(client: Any, url: str, ip: str = "203.0.113.7", **fields: Any) -> Any:
    """A comment as a resident sends it: the question answered, the honeypot left empty."""
    issued = challenge.issue(DraftCommentForm.challenge_scope, issued=time.time() - 10)
    data = {
        "author_name": "",
        "content": "Đề nghị bổ sung mức hỗ trợ cây trồng.",
        "website": "",
        "challenge": issued.token,
        "answer": str(sum(issued.numbers)),
        **fields,
    }
    headers = {key: data.pop(key) for key in list(data) if key.startswith("HTTP_")}
    return client.post(url, data, REMOTE_ADDR=ip, **headers)


def _open_draft(commune: Any, summary: str = "Dự thảo quy chế hiến đất") -> Any:
    today = timezone.localdate()
    return make_document(
        commune=commune,
        number="",
        type_name="Dự thảo",
        summary=summary,
        is_draft=True,
        comment_opens=today - datetime.timedelta(days=1),
        comment_closes=today + datetime.timedelta(days=10),
    )


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
    response = _comment(client, url, author_name="Bà Lan", content="Đề nghị hỗ trợ cây trồng.")
    assert response.status_code == 302 and "da_gui=1" in response["Location"]
    comment = draft.comments.get()
    assert comment.status == CommentStatus.PENDING and comment.author_name == "Bà Lan"
    assert "Đề nghị hỗ trợ cây trồng." not in client.get(url).content.decode()  # moderated first
    comment.status = CommentStatus.APPROVED
    comment.save()
    assert "Đề nghị hỗ trợ cây trồng." in client.get(url).content.decode()

    empty = _comment(client, url, content="  ")
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
    response = _comment(client, f"/van-ban/{draft.pk}/", content="Muộn rồi")
    page = response.content.decode()
    assert response.status_code == 400 and "đã kết thúc" in page
    assert "Đã tiếp thu 3 ý kiến" in page
    assert not draft.comments.exists()


def test_a_flood_of_comments_is_limited_per_address_and_per_draft(client, commune, settings):
    settings.XASO_DRAFT_COMMENT_LIMIT_PER_ADDRESS = 10
    settings.XASO_DRAFT_COMMENT_LIMIT_PER_DOCUMENT = 3
    draft = _open_draft(commune)
    url = f"/van-ban/{draft.pk}/"
    statuses = [_comment(client, url, content=f"Quảng cáo {n}").status_code for n in range(30)]
    assert statuses == [302] * 3 + [429] * 27
    assert draft.comments.count() == 3
    refused = _comment(client, url)
    assert "Địa chỉ này đã gửi đủ số ý kiến" in refused.content.decode()
    assert 'data-limit="true"' in refused.content.decode()
    # Another resident may still comment on it.
    assert _comment(client, url, ip="198.51.100.2").status_code == 302
    # Across drafts, an address has its hourly limit.
    others = [_open_draft(commune, f"Dự thảo {n}") for n in range(4)]
    statuses = [
        _comment(client, f"/van-ban/{other.pk}/", content=f"Quảng cáo {n}-{k}").status_code
        for n, other in enumerate(others)
        for k in range(2)
    ]
    assert statuses == [302] * 7 + [429]
    assert (
        "Đã có quá nhiều ý kiến" in _comment(client, f"/van-ban/{others[0].pk}/").content.decode()
    )


def test_behind_the_proxy_each_resident_has_their_own_comment_limit(client, commune, settings):
    settings.XASO_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.XASO_DRAFT_COMMENT_LIMIT_PER_DOCUMENT = 1
    url = f"/van-ban/{_open_draft(commune).pk}/"

    def via_proxy(forwarded: str) -> int:
        response = _comment(client, url, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
        return int(response.status_code)

    assert [via_proxy("198.51.100.1"), via_proxy("198.51.100.1")] == [302, 429]
    assert via_proxy("198.51.100.2") == 302


def test_the_honeypot_a_missing_answer_and_a_reused_token_save_nothing(client, commune):
    draft = _open_draft(commune)
    url = f"/van-ban/{draft.pk}/"
    honeypot = _comment(client, url, website="http://spam.example")
    assert honeypot.status_code == 302  # robots are told it worked
    unanswered = _comment(client, url, answer="")
    assert unanswered.status_code == 400 and "answer" in unanswered.context["form"].errors
    wrong = _comment(client, url, answer="99")
    assert wrong.status_code == 400 and "answer" in wrong.context["form"].errors
    forged = _comment(client, url, challenge="nonsense")
    assert forged.status_code == 400 and "answer" in forged.context["form"].errors
    assert not draft.comments.exists()
    issued = challenge.issue(DraftCommentForm.challenge_scope, issued=time.time() - 10)
    token = {"challenge": issued.token, "answer": str(sum(issued.numbers))}
    assert _comment(client, url, **token).status_code == 302
    again = _comment(client, url, content="Lần hai", **token)
    assert again.status_code == 400
    assert "đã được gửi một lần" in again.content.decode()
    assert draft.comments.count() == 1
    # A feedback form's token is no good here.
    feedback = challenge.issue("feedback", issued=time.time() - 10)
    crossed = _comment(
        client, url, challenge=feedback.token, answer=str(sum(feedback.numbers)), content="Khác"
    )
    assert crossed.status_code == 400 and draft.comments.count() == 1


def test_an_overlong_comment_is_refused_whole(client, commune):
    draft = _open_draft(commune)
    url = f"/van-ban/{draft.pk}/"
    response = _comment(client, url, content="ý" * 5001, author_name="A" * 121)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "content" in errors and "author_name" in errors
    assert not draft.comments.exists()
    assert _comment(client, url, content="ý" * 5000).status_code == 302
