"""Every step of a submission, from the sender's form to its closure (Decree 20/2008, Art. 9):
received and logged with its number → classified (not accepted for missing information; about an
official's conduct or outside the commune's competence: to be forwarded within 5 working days;
within its competence: assigned and answered by a due date in working days) → answered → closed.

Permission, rules and a handling step (`Event`) for each, one transaction each; the sender's
text is stored in NFC as typed (pages escape it).
"""

from __future__ import annotations

import datetime
import re
import secrets
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from xaso.accounts.audit import COMMUNE_KEY
from xaso.communes.models import Commune, Official
from xaso.core.calendar import working_days_later
from xaso.core.permissions import require_perm
from xaso.core.text import fold, fold_chars, nfc, nfc_fields
from xaso.core.uploads import validate_upload

from .choices import FORWARDED_CLASSES, OPEN, Classification, Status
from .models import Attachment, Event, Question, Submission

FORWARD_DAYS = 5  # Decree 20/2008, Art. 9: forwarded within 5 working days
ANSWER_DAYS = 10
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # nothing to misread: no 0/O, 1/I/L
CODE_LENGTH = 10
CHANGE_PERMISSION = "feedback.change_submission"
MAX_ATTACHMENTS = 5
ATTACHMENT_TYPES = ["jpg", "jpeg", "png", "pdf"]


def answer_days() -> int:
    return max(int(getattr(settings, "XASO_FEEDBACK_ANSWER_DAYS", ANSWER_DAYS)), 1)


def new_tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Submission.objects.filter(tracking_code=code).exists():
            return code


def _log(submission: Submission, action: str, user: Any | None) -> None:
    log(
        instance=submission,
        action=action,
        user=user,
        data={COMMUNE_KEY: submission.commune_id},
    )


def _step(submission: Submission, user: Any | None, note: str = "", public_note: str = "") -> Event:
    return Event.objects.create(
        submission=submission,
        status=submission.status,
        note=nfc(note).strip(),
        public_note=nfc(public_note).strip(),
        by=user if user is not None and user.is_authenticated else None,
    )


@transaction.atomic
def submission_create(
    *, commune: Commune, submission: Submission, attachments: list[Any] | None = None
) -> Submission:
    """A resident's submission, logged in the register with the next number of the commune's
    year and a tracking code, with its images and PDFs (judged by their content). Everything is
    checked before anything is written."""
    files = list(attachments or [])
    for name in ("content", "sender_name", "sender_address", "sender_phone", "sender_email"):
        setattr(submission, name, nfc(getattr(submission, name) or "").strip())
    errors: dict[str, str] = {}
    if not submission.content:
        errors["content"] = _("Write what you want the commune to know or do.")
    if not submission.sender_name:
        errors["sender_name"] = _("Give your full name.")
    if not submission.sender_address:
        errors["sender_address"] = _("Give your address.")
    if not submission.sender_phone:
        errors["sender_phone"] = _("Give a phone number the commune can call.")
    if not submission.consent_handling:
        errors["consent_handling"] = _(
            "The commune can handle your submission only if you agree to the use of your data "
            "for it."
        )
    if submission.consent_contact and not submission.sender_email:
        errors["consent_contact"] = _("Give an e-mail address to be told of progress.")
    if len(files) > MAX_ATTACHMENTS:
        errors["attachments"] = _("Attach at most %(count)d files.") % {"count": MAX_ATTACHMENTS}
    else:
        for file in files:
            name = PurePath(nfc(getattr(file, "name", "") or "")).name[-255:]
            try:
                validate_upload(
                    file,
                    name,
                    allowed=ATTACHMENT_TYPES,
                    max_bytes=settings.XASO_FEEDBACK_ATTACHMENT_MAX_BYTES,
                )
            except ValidationError as error:
                errors["attachments"] = f"{name}: {' '.join(error.messages)}"
                break
    if errors:
        raise ValidationError(errors)
    Commune.objects.select_for_update().filter(pk=commune.pk).first()  # one number at a time
    now = timezone.now()
    year = timezone.localtime(now).year
    last = Submission.objects.filter(commune=commune, year=year).aggregate(last=Max("number"))
    submission.commune = commune
    submission.year = year
    submission.number = (last["last"] or 0) + 1
    submission.tracking_code = new_tracking_code()
    submission.status = Status.RECEIVED
    submission.received_at = now
    submission.full_clean(exclude=["commune"])
    submission.save()
    for file in files:
        name = PurePath(nfc(file.name or "")).name[-255:]
        file.seek(0)
        Attachment.objects.create(
            submission=submission, file=File(file, name=name), name=name, size=file.size
        )
    _step(submission, None)
    _log(submission, "wagtail.create", None)
    return submission


@transaction.atomic
def submission_classify(
    *,
    user: Any | None = None,
    submission: Submission,
    classification: str,
    note: str = "",
    assigned_to: Official | None = None,
    on_date: datetime.date | None = None,
) -> Submission:
    """Classify a received submission. Not accepted: closed with the reason. About an official's
    conduct or outside the commune's competence: to be forwarded by the fifth working day after
    it was received. Within the commune's competence: assigned, to be answered by the set number
    of working days."""
    require_perm(user, CHANGE_PERMISSION)
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.status != Status.RECEIVED:
        raise ValidationError({"classification": _("This submission has already been classified.")})
    try:
        chosen = Classification(classification)
    except ValueError:
        raise ValidationError({"classification": _("Choose a classification.")}) from None
    today = on_date or timezone.localdate()
    received = timezone.localtime(locked.received_at).date()
    locked.classification = chosen
    locked.classified_on = today
    if chosen == Classification.MISSING_INFORMATION:
        if not nfc(note).strip():
            raise ValidationError({"note": _("Say what information is missing.")})
        locked.status = Status.REJECTED
        locked.closed_on = today
    elif chosen in FORWARDED_CLASSES:
        locked.status = Status.TO_FORWARD
        locked.forward_due_on = working_days_later(received, FORWARD_DAYS)
    else:
        if assigned_to is not None and assigned_to.commune_id != locked.commune_id:
            raise ValidationError({"assigned_to": _("The official works for another commune.")})
        locked.status = Status.IN_PROGRESS
        locked.assigned_to = assigned_to
        locked.due_on = working_days_later(today, answer_days())
    locked.full_clean(exclude=["commune", "assigned_to"])
    locked.save()
    _step(
        locked, user, note, public_note=note if chosen == Classification.MISSING_INFORMATION else ""
    )
    _log(locked, "wagtail.edit", user)
    _notify(locked, official=locked.assigned_to is not None)
    return locked


@transaction.atomic
def submission_forward(
    *,
    user: Any | None = None,
    submission: Submission,
    forwarded_to: str,
    on_date: datetime.date | None = None,
) -> Submission:
    """Record that a submission was sent on to the authority competent for it."""
    require_perm(user, CHANGE_PERMISSION)
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.status != Status.TO_FORWARD:
        raise ValidationError({"forwarded_to": _("This submission is not one to forward.")})
    forwarded_to = nfc(forwarded_to).strip()
    if not forwarded_to:
        raise ValidationError({"forwarded_to": _("Say to which authority it was forwarded.")})
    locked.status = Status.FORWARDED
    locked.forwarded_to = forwarded_to
    locked.forwarded_on = on_date or timezone.localdate()
    locked.full_clean(exclude=["commune", "assigned_to"])
    locked.save()
    _step(locked, user, public_note=_("Forwarded to %(authority)s.") % {"authority": forwarded_to})
    _log(locked, "wagtail.edit", user)
    _notify(locked)
    return locked


@transaction.atomic
def submission_answer(
    *,
    user: Any | None = None,
    submission: Submission,
    response: str,
    on_date: datetime.date | None = None,
) -> Submission:
    require_perm(user, CHANGE_PERMISSION)
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.status != Status.IN_PROGRESS:
        raise ValidationError({"response": _("Only a submission being handled is answered.")})
    response = nfc(response).strip()
    if not response:
        raise ValidationError({"response": _("Write the answer.")})
    locked.status = Status.ANSWERED
    locked.response = response
    locked.answered_on = on_date or timezone.localdate()
    locked.full_clean(exclude=["commune", "assigned_to"])
    locked.save()
    _step(locked, user)
    _log(locked, "wagtail.edit", user)
    _notify(locked)
    return locked


@transaction.atomic
def submission_close(
    *, user: Any | None = None, submission: Submission, note: str = ""
) -> Submission:
    require_perm(user, CHANGE_PERMISSION)
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.status in OPEN:
        raise ValidationError(_("Answer, forward or refuse the submission before closing it."))
    if locked.status == Status.CLOSED:
        return locked
    locked.status = Status.CLOSED
    locked.closed_on = timezone.localdate()
    locked.save(update_fields=["status", "closed_on"])
    _step(locked, user, note)
    _log(locked, "wagtail.edit", user)
    _notify(locked)
    return locked


def _notify(submission: Submission, *, official: bool = False) -> None:
    """Once the change is committed: the sender (if they agreed) and the newly assigned official."""
    from . import notifications

    pk = submission.pk

    def send() -> None:
        fresh = Submission.objects.select_related("commune__site", "assigned_to__user").get(pk=pk)
        notifications.notify_sender(fresh, fresh.status)
        if official:
            notifications.notify_official(fresh)

    transaction.on_commit(send)


# Questions and answers ---------------------------------------------------------------------------

QUESTIONS_TITLE = "Hỏi đáp"
QUESTIONS_SLUG = "hoi-dap"
QUESTIONS_INTRO = (
    "Câu hỏi của người dân và trả lời của chính quyền xã, theo lĩnh vực. Thông tin cá nhân của "
    "người hỏi không được đăng."
)
REDACTED = "…"

# A Vietnamese phone number: after 0, or after the country code written +84, (+84), 0084 or 84
# (and perhaps "(0)"), nine digits of a mobile number (starting 3, 5, 7, 8 or 9) or ten of a
# landline (02xx area code), with spaces, dots, dashes or a parenthesis between them:
# 0912 345 678, 0912.345.678, (+84) 912-345-678, 0084 912345678, (0225) 3842 123.
_SEP = r"[\s.\-)]{0,3}"
_PHONE = re.compile(
    r"(?<![\w+])"
    r"(?:(?:\(\s*\+?\s*84\s*\)|\+\s*84|00\s*84|84)[\s.\-]{0,3}(?:\(\s*0\s*\)|0)?[\s.\-]{0,3}"
    r"|(?:\(\s*)?0)"
    rf"(?:[35789](?:{_SEP}\d){{8}}|2(?:{_SEP}\d){{9}})"
    r"(?!\d)"
)
# A tax code (mã số thuế: 10 digits, a branch's 10-3 like 0201234567-001) is no phone number:
# one followed by a branch number, or after "MST" / "mã số thuế" / "tax code", is left alone.
_TAX_BRANCH = re.compile(r"-\s?\d{3}(?!\d)")
_TAX_BEFORE = re.compile(
    r"(?:\bmst|\bma so thue|\bma so doanh nghiep|\bmsdn|\btax (?:code|id))\W{0,4}(?:la\W{0,2})?$"
)
# A citizen identity number: the 12 digits of a căn cước (CCCD, starting with the 0 of its
# province code; together, or in groups of 3 or 4) or the 9 of an old chứng minh nhân dân (CMND,
# together). Money (1.234.000 đồng), dates (28/11/2026) and document numbers (12/2025/NĐ-CP) are
# grouped or slashed otherwise.
_CITIZEN_ID = re.compile(
    r"(?<![\w.,/+\-])"
    r"(?:0\d{11}|0\d{2}([\s.])\d{3}\1\d{3}\1\d{3}|0\d{3}([\s.])\d{4}\2\d{4}|[0-3]\d{8})"
    r"(?![\w/+]|[.,\-]\d)"
)
# An e-mail address, also as people write one to hide it from robots: hung[at]example.vn,
# hung(at)example(dot)vn, hung at example dot vn, hung a còng gmail chấm com.
_AT = r"(?:\s*@\s*|\s*[\[({<]\s*(?:at|@|a\s*c[oò]ng)\s*[\])}>]\s*|\s+(?:at|a\s*c[oò]ng)\s+)"
_DOT = r"(?:\.|\s*[\[({<]\s*(?:dot|\.|ch[aấ]m)\s*[\])}>]\s*|\s+(?:dot|ch[aấ]m)\s+)"
# Starting only where a word starts: tried from every character, 10,000 of them took 0.5 s.
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_EMAIL_WRITTEN = re.compile(
    rf"(?<![\w.%+\-])[a-z0-9._%+\-]+{_AT}[a-z0-9\-]+(?:{_DOT}[a-z0-9\-]+)*{_DOT}[a-z]{{2,10}}(?!\w)",
    re.IGNORECASE,
)


def _phones(text: str) -> list[re.Match[str]]:
    """The phone numbers in `text`, tax codes left out."""
    found = []
    for match in _PHONE.finditer(text):
        if _TAX_BRANCH.match(text, match.end()):
            continue
        if _TAX_BEFORE.search(fold(text[max(0, match.start() - 30) : match.start()])):
            continue
        found.append(match)
    return found


def _emails(text: str) -> list[re.Match[str]]:
    return [*_EMAIL.finditer(text), *_EMAIL_WRITTEN.finditer(text)]


def _without(text: str, matches: list[re.Match[str]]) -> str:
    """`text` with each of `matches` (found in it, overlapping or not) replaced by "…"."""
    spans: list[list[int]] = []
    for start, end in sorted(match.span() for match in matches):
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    for start, end in reversed(spans):
        text = text[:start] + REDACTED + text[end:]
    return text


# An address names a household when it goes below the hamlet: a house number, a lane, an alley.
_HOUSE_LEVEL = re.compile(r"\b(so|ngo|ngach|hem|kiet|nha|can ho)\b|\d+\s*/\s*\d+")


def _sender_words(submission: Submission | None) -> list[tuple[str, str]]:
    """(folded text, what it is) of the sender's identifying data, longest first. A hamlet or a
    commune alone ("Thôn 9, xã Liên Khê") names hundreds of households: it is not among them."""
    if submission is None:
        return []
    name = fold(submission.sender_name)
    address = fold(submission.sender_address)
    found = [(fold(submission.sender_email), _("the sender's e-mail"))]
    if len(name.split()) >= 2:
        found.append((name, _("the sender's name")))
    if _HOUSE_LEVEL.search(address):
        found.append((address, _("the sender's address")))
    return sorted([(text, label) for text, label in found if text], key=lambda x: -len(x[0]))


def personal_data_in(text: str, submission: Submission | None = None) -> list[str]:
    """What of a person's data `text` still holds: phone numbers, e-mail addresses (also written
    [at], (dot)…), identity card numbers, and the sender's own name, address and e-mail however
    they are accented or spaced. Tax codes, dates, sums of money and document numbers are not."""
    text = nfc(text or "")
    found: list[str] = []
    if _phones(text):
        found.append(str(_("a phone number")))
    if _emails(text):
        found.append(str(_("an e-mail address")))
    if _CITIZEN_ID.search(text):
        found.append(str(_("an identity card number")))
    folded = f" {fold(text)} "
    for words, label in _sender_words(submission):
        if f" {words} " in folded and str(label) not in found:
            found.append(str(label))
    return found


def personal_data_redact(text: str, submission: Submission | None = None) -> str:
    """`text` with phone numbers, e-mail addresses, identity card numbers and the sender's name
    and address replaced by "…": the starting point of a question or answer to publish, which an
    officer then reads."""
    text = nfc(text or "")
    text = _without(text, _emails(text))
    text = _without(text, [*_phones(text), *_CITIZEN_ID.finditer(text)])
    for words, _label in _sender_words(submission):
        pattern = r"[\W_]+".join(re.escape(word) for word in words.split())
        # Found in the folded text, replaced in the original: the same positions in both.
        while (folded := fold_chars(text)) is not None:
            match = re.search(rf"(?<!\w){pattern}(?!\w)", folded)
            if match is None:
                break
            text = text[: match.start()] + REDACTED + text[match.end() :]
    return text


def questions_page_ensure(*, commune: Commune) -> Any:
    """The commune's questions-and-answers page, created (by the system) with its first question."""
    from xaso.portal.services import page_add_and_publish

    from .models import QuestionIndexPage

    assert commune.site is not None
    home = commune.site.root_page.specific
    page = QuestionIndexPage.objects.descendant_of(home).first()
    if page is None:
        page = QuestionIndexPage(
            title=QUESTIONS_TITLE, slug=QUESTIONS_SLUG, intro=QUESTIONS_INTRO, show_in_menus=True
        )
        page_add_and_publish(user=None, parent=home, page=page)
    return page


def default_answerer(commune: Commune) -> str:
    return f"Ủy ban nhân dân {commune.get_kind_display().lower()} {commune.name}"


@transaction.atomic
def question_save(*, user: Any | None = None, question: Question) -> Question:
    """Create or change a question and answer; published ones are in the search index. Refused
    while the title, question or answer still holds a person's phone, e-mail, or (for one made
    from a submission) the sender's name or address."""
    creating = question.pk is None
    require_perm(user, "feedback.add_question" if creating else "feedback.change_question")
    nfc_fields(question, "title", "question", "answer", "answered_by")
    for name in ("title", "question", "answer", "answered_by"):
        setattr(question, name, getattr(question, name).strip())
    source = question.submission
    errors: dict[str, str] = {}
    if source is not None:
        if source.commune_id != question.commune_id:
            errors["submission"] = _("The submission belongs to another commune.")
        elif creating and source.status not in (Status.ANSWERED, Status.CLOSED):
            errors["submission"] = _("Only an answered submission can be published as a question.")
        elif creating and Question.objects.filter(submission=source).exists():
            errors["submission"] = _("This submission has already been published as a question.")
    for name in ("title", "question", "answer"):
        found = personal_data_in(getattr(question, name), source)
        if found:
            errors[name] = _(
                "Remove the personal data before publishing: %(found)s. Write “…” in its place."
            ) % {"found": ", ".join(found)}
    if errors:
        raise ValidationError(errors)
    if not question.answered_by:
        question.answered_by = default_answerer(question.commune)
    question.full_clean()
    if question.is_public and question.published_at is None:
        question.published_at = timezone.now()
    question.save()
    question_index(question)
    log(
        instance=question,
        action="wagtail.create" if creating else "wagtail.edit",
        user=user,
        data={COMMUNE_KEY: question.commune_id},
    )
    return question


@transaction.atomic
def question_from_submission(
    *,
    user: Any | None = None,
    submission: Submission,
    title: str,
    question: str,
    answer: str,
    field: str | None = None,
    answered_by: str = "",
    is_public: bool = True,
) -> Question:
    """Publish an answered submission as a question and answer, without the sender."""
    return question_save(
        user=user,
        question=Question(
            commune=submission.commune,
            submission=submission,
            field=field or submission.field,
            title=title,
            question=question,
            answer=answer,
            answered_by=answered_by,
            answered_on=submission.answered_on or timezone.localdate(),
            is_public=is_public,
        ),
    )


@transaction.atomic
def question_delete(*, user: Any | None = None, question: Question) -> None:
    require_perm(user, "feedback.delete_question")
    from xaso.search import services as search_services
    from xaso.search.models import DocumentKind

    search_services.document_remove(kind=DocumentKind.QUESTION, object_ids=[question.pk])
    log(
        instance=question,
        action="wagtail.delete",
        user=user,
        data={COMMUNE_KEY: question.commune_id},
    )
    question.delete()


def question_index(question: Question) -> None:
    """Put a public question in the search index (creating its page if needed), or take it out."""
    from xaso.search import services as search_services
    from xaso.search.models import DocumentKind

    from . import selectors

    page = questions_page_ensure(commune=question.commune) if question.is_public else None
    fields = selectors.question_search_fields(question, page)
    if fields is None:
        search_services.document_remove(kind=DocumentKind.QUESTION, object_ids=[question.pk])
    else:
        search_services.document_upsert(fields)
