"""Questions and answers published on the commune's questions page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from xaso.accounts.audit import COMMUNE_KEY
from xaso.communes.models import Commune
from xaso.core.permissions import require_perm
from xaso.core.text import nfc_fields

from ..choices import Status
from ..models import Question, Submission
from .personal_data import personal_data_in

QUESTIONS_TITLE = "Hỏi đáp"
QUESTIONS_SLUG = "hoi-dap"
QUESTIONS_INTRO = (
    "Câu hỏi của người dân và trả lời của chính quyền xã, theo lĩnh vực. Thông tin cá nhân của "
    "người hỏi không được đăng."
)


def questions_page_ensure(*, commune: Commune) -> Any:
    """The commune's questions-and-answers page, created (by the system) with its first question."""
    from xaso.portal.services import page_add_and_publish

    from ..models import QuestionIndexPage

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

    from .. import selectors

    page = questions_page_ensure(commune=question.commune) if question.is_public else None
    fields = selectors.question_search_fields(question, page)
    if fields is None:
        search_services.document_remove(kind=DocumentKind.QUESTION, object_ids=[question.pk])
    else:
        search_services.document_upsert(fields)
