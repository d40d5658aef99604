"""The residents' form and tracking page as a client posts them: a good submission with an image
and a PDF; every abuse refused with a message and nothing half-saved (rate limits, honeypot,
oversize and disguised files, 100 KB of text, HTML in every field, missing fields, a wrong,
expired or hurried challenge); the tracking page never shows the sender."""

from __future__ import annotations

import html
import time
from typing import Any

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core import challenge
from xaso.legal.tests.factories import PDF_BYTES
from xaso.testing.files import PNG_BYTES

from .. import forms
from ..models import Attachment, Event, Submission
from .factories import SCRIPT

pytestmark = pytest.mark.django_db
URL = "/phan-anh/"


@pytest.fixture(autouse=True)
def _quick(settings: Any) -> None:
    settings.XASO_FORM_MIN_SECONDS = 0


def _token(seconds_ago: float = 10) -> tuple[str, int]:
    """A token as the form issues it, and its answer (known only with the site's key)."""
    issued = challenge.issue(forms.CHALLENGE_SCOPE, issued=time.time() - seconds_ago)
    return issued.token, sum(issued.numbers)


def _data(**fields: Any) -> dict[str, Any]:
    token, answer = _token()
    return {
        "kind": "feedback",
        "field": "building",
        "content": "Đoạn đường trục xã qua thôn 9 bị sụt lún sau mưa.",
        "sender_name": "Trần Văn Hùng",
        "sender_address": "Thôn 9, xã Liên Khê",
        "sender_phone": "0912.345 678",
        "sender_email": "",
        "consent_handling": "on",
        "website": "",
        "challenge": token,
        "answer": str(answer),
        **fields,
    }


def _post(client: Any, **fields: Any) -> Any:
    address = fields.pop("ip", "203.0.113.7")
    return client.post(URL, _data(**fields), REMOTE_ADDR=address)


def _nothing_saved() -> None:
    assert Submission.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert Event.objects.count() == 0


def _field_errors(response: Any) -> dict[str, list[str]]:
    return dict(response.context["form"].errors)


def test_the_form_renders_without_personal_prefill_and_with_unticked_consents(client, commune):
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    body = response.content.decode()
    assert 'name="consent_handling"' in body and 'name="consent_contact"' in body
    assert "checked" not in body
    assert 'tabindex="-1"' in body and 'aria-hidden="true"' in body  # the honeypot
    form = response.context["form"]
    assert challenge.read(forms.CHALLENGE_SCOPE, form.challenge_token) is not None
    assert str(form.fields["answer"].label) in html.unescape(body)


def test_no_commune_for_the_host_is_a_404(client, db):
    assert client.get(URL).status_code == 404


def test_a_good_submission_with_an_image_and_a_pdf(client, commune):
    files = [
        SimpleUploadedFile("duong.png", PNG_BYTES, content_type="image/png"),
        SimpleUploadedFile("don.pdf", PDF_BYTES, content_type="application/pdf"),
    ]
    response = _post(client, attachments=files, latitude="20.861234", longitude="106.681234")
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/phan-anh/da-gui/{submission.tracking_code}/"
    assert submission.commune == commune
    assert submission.sender_phone == "0912345678"
    assert str(submission.latitude) == "20.861234"
    assert submission.consent_handling and not submission.consent_contact
    attachments = list(submission.attachments.all())
    assert [a.name for a in attachments] == ["duong.png", "don.pdf"]
    assert [a.size for a in attachments] == [len(PNG_BYTES), len(PDF_BYTES)]
    assert attachments[1].file.read().startswith(b"%PDF-")

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert f'data-tracking-code="{submission.tracking_code}"' in thanks.content.decode()
    assert f"?ma={submission.tracking_code}" in thanks.content.decode()


def test_without_a_place_the_location_is_omitted(client, commune):
    _post(client, latitude="abc", longitude="")
    submission = Submission.objects.get()
    assert submission.latitude is None and submission.longitude is None


@pytest.mark.parametrize(
    "missing",
    ["kind", "field", "content", "sender_name", "sender_address", "sender_phone", "answer"],
)
def test_missing_required_fields_are_named_and_nothing_saved(client, commune, missing):
    response = _post(client, **{missing: ""})
    assert response.status_code == 200
    assert missing in _field_errors(response)
    body = response.content.decode()
    assert f'id="id_{missing}_error"' in body
    assert f'aria-describedby="id_{missing}_error' in body
    _nothing_saved()


def test_consent_to_handling_is_required(client, commune):
    data = _data()
    del data["consent_handling"]
    response = client.post(URL, data)
    assert "consent_handling" in _field_errors(response)
    _nothing_saved()


def test_consent_to_be_contacted_needs_an_email(client, commune):
    response = _post(client, consent_contact="on")
    assert "consent_contact" in _field_errors(response)
    _nothing_saved()


@pytest.mark.parametrize("phone", ["12345", "0912 345 678 999", "09123abc78", "0912-345-678"])
def test_a_phone_that_is_not_vietnamese_is_refused(client, commune, phone):
    response = _post(client, sender_phone=phone)
    assert _field_errors(response)["sender_phone"] == [
        _("Write a phone number of 10 or 11 digits; spaces and dots may separate them.")
    ]
    _nothing_saved()


def test_100_kb_of_text_is_refused(client, commune):
    response = _post(client, content="a" * 100_000)
    assert response.status_code == 200
    assert "content" in _field_errors(response)
    _nothing_saved()


def test_html_in_every_field_is_stored_as_typed_and_shown_escaped(client, commune):
    fields = {"content": SCRIPT, "sender_name": SCRIPT, "sender_address": SCRIPT}
    # A wrong answer first: the form comes back with what was typed, escaped.
    response = _post(client, answer="0", sender_email=SCRIPT, sender_phone=SCRIPT, **fields)
    body = response.content.decode()
    assert "<script>alert" not in body and "<b onmouseover" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert {"sender_email", "sender_phone", "answer"} <= set(_field_errors(response))
    _nothing_saved()

    response = _post(client, **fields)
    submission = Submission.objects.get()
    assert submission.content == SCRIPT
    assert submission.sender_name == SCRIPT
    assert submission.sender_address == SCRIPT
    Event.objects.filter(submission=submission).update(public_note=SCRIPT)
    for url in (response["Location"], f"/phan-anh/tra-cuu/?ma={submission.tracking_code}"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page
    tracking = client.get(f"/phan-anh/tra-cuu/?ma={submission.tracking_code}").content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in tracking  # the public note


def test_the_honeypot_thanks_without_a_code_and_saves_nothing(client, commune):
    response = _post(client, website="http://spam.example")
    assert response.status_code == 200
    assert response.context["code"] is None
    assert "data-tracking-code" not in response.content.decode()
    _nothing_saved()


def test_an_oversized_attachment_is_refused(client, commune, settings):
    settings.XASO_FEEDBACK_ATTACHMENT_MAX_BYTES = 1000
    big = SimpleUploadedFile("anh.png", PNG_BYTES + b"\x00" * 2000, content_type="image/png")
    response = _post(client, attachments=[big])
    errors = _field_errors(response)["attachments"]
    assert errors and errors[0].startswith("anh.png")
    _nothing_saved()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("anh.png", b"MZ\x90\x00" + b"\x00" * 200),  # a program named as a picture
        ("don.pdf", PNG_BYTES),  # a picture named as a PDF
        ("trang.html", b"<html><script>x()</script></html>"),
        ("cccd.exe", b"MZ\x90\x00" + b"\x00" * 200),
    ],
)
def test_a_disguised_or_wrong_attachment_is_refused_and_nothing_saved(
    client, commune, name, content
):
    files = [
        SimpleUploadedFile("tot.png", PNG_BYTES, content_type="image/png"),
        SimpleUploadedFile(name, content, content_type="image/png"),
    ]
    response = _post(client, attachments=files)
    assert response.status_code == 200
    assert _field_errors(response)["attachments"][0].startswith(name)
    _nothing_saved()


def test_at_most_five_attachments(client, commune):
    files = [SimpleUploadedFile(f"a{i}.png", PNG_BYTES) for i in range(6)]
    response = _post(client, attachments=files)
    assert "attachments" in _field_errors(response)
    _nothing_saved()


def test_a_wrong_answer_is_refused_and_a_word_answer_accepted(client, commune):
    token, answer = _token()
    response = _post(client, challenge=token, answer=str(answer + 1))
    assert _field_errors(response)["answer"] == [
        _("The answer is not right. Write the sum in digits.")
    ]
    # The same question is asked again.
    assert response.context["form"].challenge_token == token
    _nothing_saved()
    assert _post(client, challenge=token, answer=f" {answer} ").status_code == 302
    token, answer = next((t, a) for t, a in (_token() for _ in range(200)) if a <= 9)
    word = str(challenge.NUMBER_WORDS[answer - 1])
    assert _post(client, challenge=token, answer=word.upper()).status_code == 302


def test_the_token_does_not_tell_the_answer(client, commune):
    response = client.get(URL)
    form = response.context["form"]
    payload = signing.loads(form.challenge_token, salt=f"{challenge.SALT}:feedback")
    assert set(payload) == {"n", "t"}  # a random nonce and the time: no numbers
    # The question is derived from the nonce with the site's key: another key, another question.
    first, second = form.challenge.numbers
    label = form.fields["answer"].label.lower()
    assert label.startswith(str(challenge.NUMBER_WORDS[first - 1]).lower())
    assert str(challenge.NUMBER_WORDS[second - 1]).lower() in label


def test_a_token_is_good_for_one_submission(client, commune):
    token, answer = _token()
    first = _post(client, challenge=token, answer=str(answer))
    assert first.status_code == 302
    again = _post(client, challenge=token, answer=str(answer), sender_phone="0987654321")
    assert again.status_code == 200
    assert _field_errors(again)["answer"] == [
        "Biểu mẫu này đã được gửi một lần và không gửi lại được. "
        "Hãy trả lời câu hỏi mới dưới đây nếu muốn gửi tiếp."
    ]
    assert again.context["form"].challenge_token != token  # a new question to answer
    assert Submission.objects.count() == 1


def test_a_question_takes_only_a_few_wrong_answers(client, commune):
    token, answer = _token()
    for _index in range(challenge.MAX_WRONG - 1):
        response = _post(client, challenge=token, answer=str(answer + 1))
        assert response.context["form"].challenge_token == token
    response = _post(client, challenge=token, answer=str(answer + 1))
    assert response.context["form"].challenge_token != token
    response = _post(client, challenge=token, answer=str(answer))
    assert response.status_code == 200 and "answer" in _field_errors(response)
    _nothing_saved()


def test_a_tampered_or_expired_challenge_is_refused(client, commune):
    token, _answer = _token(seconds_ago=3 * 3600)
    for sent in ("nonsense", token):
        response = _post(client, challenge=sent)
        assert "answer" in _field_errors(response)
        # A fresh question is offered in its place.
        assert response.context["form"].challenge_token != sent
    _nothing_saved()


def test_a_form_sent_faster_than_a_person_can_is_refused(client, commune, settings):
    settings.XASO_FORM_MIN_SECONDS = 3
    token, answer = _token(seconds_ago=0.5)
    response = _post(client, challenge=token, answer=str(answer))
    assert _field_errors(response)["answer"] == [
        _("The form was sent too quickly. Check it and send it again.")
    ]
    _nothing_saved()


def test_rate_limit_per_address(client, commune, settings):
    settings.XASO_FEEDBACK_LIMIT_PER_ADDRESS = 2
    for index in range(2):
        phone = f"091234567{index}"
        assert _post(client, sender_phone=phone).status_code == 302
    response = _post(client, sender_phone="0987654321")
    assert response.status_code == 429
    assert 'data-limit="true"' in response.content.decode()
    assert Submission.objects.count() == 2
    # Another address is not held back.
    assert _post(client, sender_phone="0987654321", ip="198.51.100.2").status_code == 302


def test_rate_limit_per_phone(client, commune, settings):
    settings.XASO_FEEDBACK_LIMIT_PER_PHONE = 2
    for index in range(2):
        assert _post(client, ip=f"198.51.100.{index}").status_code == 302
    # The same number written differently is the same phone.
    response = _post(client, sender_phone="+84 912 345 678", ip="198.51.100.9")
    assert response.status_code == 429
    assert Submission.objects.count() == 2
    assert _post(client, sender_phone="0988 000 111", ip="198.51.100.9").status_code == 302


def _post_behind_proxy(client: Any, forwarded: str, **fields: Any) -> Any:
    """Posted through nginx: the connection comes from 127.0.0.1, the client is in the header."""
    return client.post(
        URL, _data(**fields), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
    )


def test_behind_the_proxy_each_resident_has_their_own_limit(client, commune, settings):
    settings.XASO_TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    settings.XASO_FEEDBACK_LIMIT_PER_ADDRESS = 2
    for index in range(2):
        response = _post_behind_proxy(client, "198.51.100.1", sender_phone=f"091234567{index}")
        assert response.status_code == 302
    assert _post_behind_proxy(client, "198.51.100.1", sender_phone="0987654321").status_code == 429
    # Another resident behind the same proxy is not held back.
    for index in range(2):
        response = _post_behind_proxy(client, "198.51.100.2", sender_phone=f"098765432{index}")
        assert response.status_code == 302
    # Nor is anyone by a resident who writes a header of their own: nginx appends the real one.
    response = _post_behind_proxy(client, "198.51.100.2, 198.51.100.3", sender_phone="0977000111")
    assert response.status_code == 302
    assert Submission.objects.count() == 5


def test_a_forged_forwarded_header_does_not_escape_the_limit(client, commune, settings):
    settings.XASO_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.XASO_FEEDBACK_LIMIT_PER_ADDRESS = 1
    forged = {"HTTP_X_FORWARDED_FOR": "198.51.100.77"}
    assert client.post(URL, _data(), REMOTE_ADDR="203.0.113.7", **forged).status_code == 302
    forged = {"HTTP_X_FORWARDED_FOR": "198.51.100.78"}
    data = _data(sender_phone="0987654321")
    assert client.post(URL, data, REMOTE_ADDR="203.0.113.7", **forged).status_code == 429
    assert Submission.objects.count() == 1


def test_filling_the_page_cache_does_not_reset_the_limit(client, commune, settings):
    from django.core.cache import cache, caches

    settings.XASO_FEEDBACK_LIMIT_PER_ADDRESS = 1
    assert _post(client).status_code == 302
    for number in range(1000):  # pages with random query strings, as a visitor can ask for
        cache.set(f"xaso:page:lien-khe:/?x={number}", b"<html></html>", 60)
    assert _post(client, sender_phone="0987654321").status_code == 429
    assert Submission.objects.count() == 1
    # The counter's key holds no address.
    keys = list(caches["ratelimit"]._cache)
    assert keys and not [key for key in keys if "203.0.113" in key]


def test_tracking_shows_the_status_and_steps_but_never_the_sender(client, commune):
    _post(client, sender_email="hung@example.vn")
    submission = Submission.objects.get()
    Event.objects.filter(submission=submission).update(public_note="Đã chuyển cán bộ địa chính.")
    response = client.get(f"/phan-anh/tra-cuu/?ma={submission.tracking_code.lower()}")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    body = response.content.decode()
    assert 'data-status="true"' in body
    assert f"{submission.number}/{submission.year}" in body
    assert timezone.localtime(submission.received_at).strftime("%d/%m/%Y") in body
    assert "Đã chuyển cán bộ địa chính." in body
    for private in ("Trần Văn Hùng", "Thôn 9, xã Liên Khê", "0912345678", "hung@example.vn"):
        assert private not in body
    assert "sụt lún" not in body  # nor the sender's own words


def test_a_tracking_code_is_found_only_on_its_own_communes_site(client, commune, other_commune):
    _post(client)
    code = Submission.objects.get().tracking_code
    elsewhere = {"HTTP_HOST": other_commune.site.hostname}
    response = client.get("/phan-anh/tra-cuu/", {"ma": code}, **elsewhere)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-not-found="true"' in body and 'data-status="true"' not in body
    assert client.get(f"/phan-anh/da-gui/{code}/", **elsewhere).status_code == 404
    # Its own commune's site finds it.
    assert 'data-status="true"' in client.get("/phan-anh/tra-cuu/", {"ma": code}).content.decode()
    assert client.get(f"/phan-anh/da-gui/{code}/").status_code == 200


@pytest.mark.parametrize("code", ["ZZZZZZZZZZ", "<script>", "a" * 40, "' OR 1=1 --"])
def test_an_unknown_or_malformed_code_is_a_clear_message(client, commune, code):
    response = client.get("/phan-anh/tra-cuu/", {"ma": code})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-not-found="true"' in body
    assert "<script>" not in body.split("<main", 1)[1].split("</main>", 1)[0]


def test_an_unknown_code_on_the_thanks_page_is_not_an_error(client, commune):
    response = client.get("/phan-anh/da-gui/ZZZZZZZZZZ/")
    assert response.status_code == 404
    assert 'data-not-found="true"' in response.content.decode()


def test_no_cache_key_holds_the_senders_address_phone_or_email(client, commune):
    from django.core.cache import caches

    assert _post(client, sender_email="hung@example.vn").status_code == 302
    assert _post(client, sender_phone="0987 654 321", ip="198.51.100.23").status_code == 302
    keys = [str(key) for alias in ("default", "local", "ratelimit") for key in caches[alias]._cache]
    assert [key for key in keys if ":rl:" in key]  # the form was counted, under hashed keys
    for raw in ("203.0.113.7", "198.51.100.23", "912345678", "0912.345", "987654321", "hung@"):
        assert not [key for key in keys if raw in key], raw


def test_the_form_and_the_tracking_page_name_the_petitions_kind_not_a_disclosures(client, commune):
    form = client.get("/phan-anh/").content.decode()
    assert "Loại phản ánh, kiến nghị" in form
    assert "Loại nội dung công khai" not in form
    _post(client)
    code = Submission.objects.get().tracking_code
    tracking = client.get("/phan-anh/tra-cuu/", {"ma": code}).content.decode()
    assert "Loại phản ánh, kiến nghị" in tracking
    assert "Loại nội dung công khai" not in tracking
