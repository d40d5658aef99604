"""Questions and answers (hỏi đáp): an answered submission published without its sender's data,
the public page by field with folded search, a page per question, the admin screens."""

from __future__ import annotations

import unicodedata

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes.tests.factories import make_commune
from xaso.search import selectors as search_selectors
from xaso.search.models import DocumentKind, SearchDocument

from .. import selectors, services
from ..models import Question, QuestionIndexPage
from .factories import make_submission

pytestmark = pytest.mark.django_db

CONTENT = (
    "Tôi là Trần Văn Hùng ở số 12 ngõ 3, thôn 9. Đoạn đường trục xã qua thôn 9 bị sụt lún sau "
    "mưa, xe máy đi lại nguy hiểm. Khi nào xã sửa? Gọi tôi: 0912.345.678 hoặc hung@example.vn."
)
RESPONSE = (
    "Gửi ông Trần Văn Hùng: UBND xã đã giao Ban quản lý dự án khảo sát, đoạn đường sẽ được vá "
    "trong tháng 12/2026 bằng kinh phí duy tu năm 2026."
)


def _answered(commune, **fields):
    submission = make_submission(
        commune,
        content=CONTENT,
        sender_email="hung@example.vn",
        sender_address="Số 12 ngõ 3, thôn 9",
        consent_contact=True,
        **fields,
    )
    submission = services.submission_classify(submission=submission, classification="within")
    return services.submission_answer(submission=submission, response=RESPONSE)


@pytest.fixture
def answered(commune):
    return _answered(commune)


def _publish(submission, **fields):
    values = {
        "title": "Khi nào sửa đoạn đường trục xã bị sụt lún qua thôn 9?",
        "question": services.personal_data_redact(submission.content, submission),
        "answer": services.personal_data_redact(submission.response, submission),
        **fields,
    }
    return services.question_from_submission(submission=submission, **values)


# The text's personal data ---------------------------------------------------------------------


def test_redaction_removes_phone_email_name_and_address_however_written(answered):
    redacted = services.personal_data_redact(answered.content, answered)
    for gone in ("Trần Văn Hùng", "0912.345.678", "hung@example.vn", "số 12 ngõ 3, thôn 9"):
        assert gone not in redacted
    assert "sụt lún" in redacted and "…" in redacted
    # Written without accents, in NFD, with other spacing: still the sender.
    for variant in (
        "tran van hung",
        unicodedata.normalize("NFD", "TRẦN VĂN HÙNG"),
        "+84 912 345 678",
    ):
        text = f"Ông {variant} hỏi về đường."
        assert services.personal_data_in(text, answered), variant
        assert variant not in services.personal_data_redact(text, answered)
    # A hamlet names hundreds of households, a given name alone thousands of people.
    assert services.personal_data_in("Đường thôn 9 bị sụt lún, anh Hùng báo.", answered) == []


# Written as residents and officers write them; each must be found and replaced by "…".
PERSONAL_DATA = [
    ("Gọi 0912 345 678 nhé", "a phone number"),
    ("SĐT: 0912.345.678", "a phone number"),
    ("0912-345-678", "a phone number"),
    ("số 0868123456.", "a phone number"),
    ("ĐT (+84) 912 345 678", "a phone number"),
    ("(+84)912-345-678", "a phone number"),
    ("+84 912 345 678", "a phone number"),
    ("+84912345678", "a phone number"),
    ("+84 (0) 912 345 678", "a phone number"),
    ("0084 912 345 678", "a phone number"),
    ("0084912345678", "a phone number"),
    ("(091) 234 5678", "a phone number"),
    ("máy bàn (0225) 3842 123", "a phone number"),
    ("0225 3842 123", "a phone number"),
    ("CCCD 001089012345", "an identity card number"),
    ("căn cước số 001 089 012 345", "an identity card number"),
    ("CCCD: 0010.8901.2345", "an identity card number"),
    ("CMND 031234567", "an identity card number"),
    ("số CMND: 123456789", "an identity card number"),
    ("hung@example.vn", "an e-mail address"),
    ("Hung.Tran@Example.Gov.VN", "an e-mail address"),
    ("hung[at]example.vn", "an e-mail address"),
    ("hung(at)example(dot)vn", "an e-mail address"),
    ("hung [at] example [dot] com", "an e-mail address"),
    ("hung at example dot vn", "an e-mail address"),
    ("hung{at}gmail.com", "an e-mail address"),
    ("hung[@]gmail[.]com", "an e-mail address"),
    ("hung a còng gmail chấm com", "an e-mail address"),
]
# Numbers a question or answer about the commune's work holds that name nobody.
NOT_PERSONAL = [
    "MST 0312345678",
    "MST: 0201234567",
    "mã số thuế: 0801234567",
    "Mã số thuế là 0901234567",
    "Công ty có mã số thuế 0201234567-001",
    "chi nhánh 0312345678-001",
    "0201234567",
    "ngày 28/11/2026",
    "28/11/2026 lúc 09:30",
    "ngày 01.02.2026",
    "hỗ trợ 1.234.000 đồng",
    "tổng mức đầu tư 12.345.678.000 đồng",
    "123.456.789 đồng",
    "Nghị định 12/2025/NĐ-CP",
    "Quyết định số 318/QĐ-TTg ngày 08/3/2022",
    "Thông tư 02/2025/TT-BTC",
    "tổng đài 1900 1234, đường dây nóng 1022",
    "diện tích 1.250 m2 năm 2026, thôn 9",
    "điểm (a) khoản 2 Điều 9",
    "Kế hoạch 2025-2030",
    "Km 12+300 quốc lộ 10",
]


@pytest.mark.parametrize(("text", "label"), PERSONAL_DATA)
def test_personal_data_however_written_is_found_and_redacted(text, label):
    sentence = f"Ông Hùng cho biết: {text}, đề nghị xã trả lời."
    assert services.personal_data_in(sentence) == [_(label)]
    redacted = services.personal_data_redact(sentence)
    assert services.personal_data_in(redacted) == []
    assert redacted.startswith("Ông Hùng cho biết: ") and "…" in redacted
    assert redacted.endswith(", đề nghị xã trả lời.")


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_tax_codes_dates_money_and_document_numbers_are_not_personal_data(text):
    sentence = f"Theo {text}, xã đã trả lời."
    assert services.personal_data_in(sentence) == []
    assert services.personal_data_redact(sentence) == sentence


def test_publishing_keeps_no_personal_data(answered):
    question = _publish(answered)
    stored = " ".join([question.title, question.question, question.answer, question.answered_by])
    for personal in (
        answered.sender_name,
        answered.sender_phone,
        answered.sender_email,
        answered.sender_address,
        "0912.345.678",
    ):
        assert personal not in stored
    assert "sụt lún" in question.question and "tháng 12/2026" in question.answer
    assert question.field == answered.field and question.answered_on == answered.answered_on
    assert question.answered_by == "Ủy ban nhân dân xã Liên Khê"
    assert question.is_public and question.published_at is not None
    assert ModelLogEntry.objects.filter(
        object_id=str(question.pk), action="wagtail.create"
    ).exists()


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("question", "Ông Trần Văn Hùng hỏi khi nào sửa đường?"),
        ("question", "Khi nào sửa đường? Liên hệ 0988 111 222."),
        ("answer", "Đã trả lời qua hung@example.vn."),
        ("title", "Câu hỏi của ông tran van hung"),
        ("answer", "Đã đến nhà ông ở Số 12 - Ngõ 3 - Thôn 9 để xem."),
    ],
)
def test_publishing_is_refused_while_the_text_names_the_sender(answered, field, text):
    with pytest.raises(ValidationError) as refused:
        _publish(answered, **{field: text})
    assert field in refused.value.message_dict
    assert not Question.objects.exists()
    assert not QuestionIndexPage.objects.exists()


def test_only_an_answered_submission_is_published_and_only_once(commune, answered):
    received = make_submission(commune)
    with pytest.raises(ValidationError):
        _publish(received)
    _publish(answered)
    with pytest.raises(ValidationError):
        _publish(answered)
    assert Question.objects.count() == 1


def test_publishing_needs_the_permission(commune, answered):
    editor = make_staff(commune=commune, role=Role.EDITOR)
    with pytest.raises(PermissionDenied):
        services.question_from_submission(
            user=editor, submission=answered, title="Đường", question="Hỏi", answer="Đáp"
        )
    officer = make_staff(commune=commune, role=Role.FEEDBACK_OFFICER)
    assert _publish(answered, user=officer).pk


def test_the_first_question_creates_the_page_and_is_found_by_folded_search(commune, answered):
    question = _publish(answered)
    page = selectors.questions_page(commune=commune)
    assert page is not None and page.live and page.get_parent().pk == commune.site.root_page_id
    results = search_selectors.search(commune_id=commune.pk, text="duong truc xa sut lun")
    assert [hit.document.object_id for hit in results.hits if hit.document.kind == "question"] == [
        question.pk
    ]
    question.is_public = False
    services.question_save(question=question)
    assert not SearchDocument.objects.filter(kind=DocumentKind.QUESTION).exists()


# The public page ---------------------------------------------------------------------------------


@pytest.fixture
def published(commune, answered):
    first = _publish(answered)
    other = services.question_save(
        question=Question(
            commune=commune,
            field="procedures",
            title="Làm giấy khai sinh cho con ở đâu?",
            question="Con tôi mới sinh, làm giấy khai sinh ở đâu, cần giấy tờ gì?",
            answer="Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia hoặc tại Bộ phận Một cửa.",
            answered_on=answered.answered_on,
        )
    )
    return {"road": first, "birth": other, "page": selectors.questions_page(commune=commune)}


def _titles(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".question-card__title")]


def test_the_page_lists_by_field_and_finds_without_accents(client, published):
    url = published["page"].url
    assert len(_titles(client.get(url))) == 2
    assert _titles(client.get(url, {"linh_vuc": "procedures"})) == [published["birth"].title]
    assert _titles(client.get(url, {"q": "giay khai sinh"})) == [published["birth"].title]
    assert _titles(client.get(url, {"q": "sụt lún"})) == [published["road"].title]
    response = client.get(url)
    assert "0912" not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"q": '"'},
        {"q": "a" * 10_000},
        {"q": "AND NEAR *"},
        {"linh_vuc": "<script>"},
        {"trang": "x"},
    ],
)
def test_odd_links_never_fail(client, published, query):
    response = client.get(published["page"].url, query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_a_question_has_its_page_and_an_unpublished_one_is_gone(client, published):
    road = published["road"]
    url = published["page"].route_question(road.pk)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert road.title in body and "tháng 12/2026" in body and "Trần Văn Hùng" not in body
    road.is_public = False
    services.question_save(question=road)
    assert client.get(url).status_code == 404


def test_a_question_published_or_withdrawn_shows_at_once_to_anonymous_readers(
    client, settings, published
):
    settings.XASO_PAGE_CACHE_SECONDS = 60
    url = published["page"].url
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"
    new = services.question_save(
        question=Question(
            commune=published["road"].commune,
            field="procedures",
            title="Đăng ký thường trú cho người mới chuyển đến ở đâu?",
            question="Gia đình tôi mới chuyển đến, đăng ký thường trú ở đâu?",
            answer="Nộp hồ sơ tại Công an xã hoặc trên Cổng Dịch vụ công quốc gia.",
            answered_on=published["road"].answered_on,
        )
    )
    assert new.title in _titles(client.get(url))
    new.is_public = False
    services.question_save(question=new)
    assert new.title not in _titles(client.get(url))


def _far_question(published):
    """A question of another commune."""
    return services.question_save(
        question=Question(
            commune=make_commune(name="Lưu Kiếm"),
            field="other",
            title="Câu hỏi của xã khác",
            question="Hỏi",
            answer="Đáp",
            answered_on=published["road"].answered_on,
        )
    )


def test_another_communes_question_is_not_shown_here(client, published):
    far = _far_question(published)
    assert client.get(published["page"].route_question(far.pk)).status_code == 404


def test_the_tracking_page_links_the_published_answer(client, published):
    road = published["road"]
    response = client.get("/phan-anh/tra-cuu/", {"ma": road.submission.tracking_code})
    assert published["page"].route_question(road.pk) in response.content.decode()


def test_another_communes_site_does_not_link_the_answer(client, published, other_commune):
    road = published["road"]
    host = other_commune.site.hostname
    response = client.get(
        "/phan-anh/tra-cuu/", {"ma": road.submission.tracking_code}, HTTP_HOST=host
    )
    body = response.content.decode()
    assert published["page"].route_question(road.pk) not in body
    assert road.title not in body and 'data-not-found="true"' in body


# The admin ---------------------------------------------------------------------------------------


@pytest.fixture
def officer(client, commune):
    user = make_staff(commune=commune, role=Role.FEEDBACK_OFFICER)
    client.force_login(user)
    return user


def test_the_officer_publishes_from_the_file_with_the_text_redacted(client, answered, officer):
    file = client.get(reverse("feedback_submissions:inspect", args=[answered.pk]))
    publish_url = reverse("feedback_publish_question", args=[answered.pk])
    assert publish_url in file.content.decode()
    form = client.get(publish_url)
    soup = BeautifulSoup(form.content.decode(), "html.parser")
    prefilled = soup.select_one("textarea[name=question]").get_text()
    assert "sụt lún" in prefilled and "0912" not in prefilled and "Hùng" not in prefilled
    answer = soup.select_one("textarea[name=answer]").get_text()
    response = client.post(
        publish_url,
        {
            "title": "Khi nào sửa đường trục xã qua thôn 9?",
            "field": "building",
            "question": prefilled,
            "answer": answer,
            "answered_by": "Ủy ban nhân dân xã Liên Khê",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(submission=answered)
    assert question.title == "Khi nào sửa đường trục xã qua thôn 9?"
    assert publish_url not in client.get(response.url).content.decode()  # once only
    assert client.get(publish_url).status_code == 403


def test_a_refused_publication_is_shown_on_the_form(client, answered, officer):
    response = client.post(
        reverse("feedback_publish_question", args=[answered.pk]),
        {
            "title": "Đường thôn 9",
            "field": "building",
            "question": "Ông Trần Văn Hùng hỏi.",
            "answer": "Đã trả lời.",
            "answered_by": "",
        },
    )
    assert response.status_code == 200
    assert BeautifulSoup(response.content.decode(), "html.parser").select(".error-message")
    assert not Question.objects.exists()


def test_the_officer_lists_and_edits_only_their_communes_questions(client, published, officer):
    far = _far_question(published)
    listing = client.get(reverse("feedback_questions:index")).content.decode()
    assert published["birth"].title in listing and far.title not in listing
    assert client.get(reverse("feedback_questions:edit", args=[far.pk])).status_code == 404
    edit = reverse("feedback_questions:edit", args=[published["birth"].pk])
    response = client.post(
        edit,
        {
            "commune": published["birth"].commune_id,
            "field": "procedures",
            "title": "Làm giấy khai sinh ở đâu? Gọi 0912345678",
            "question": published["birth"].question,
            "answer": published["birth"].answer,
            "answered_by": "UBND xã",
            "answered_on": published["birth"].answered_on.strftime("%Y-%m-%d"),
            "is_public": "on",
        },
    )
    assert response.status_code == 200  # refused: a phone number in the title
    published["birth"].refresh_from_db()
    assert "0912345678" not in published["birth"].title
