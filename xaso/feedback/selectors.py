"""Reads of the intake register: what is late, what is due soon, and what a tracking code may
show (the status and its steps, never the sender)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from xaso.accounts.scoping import user_commune_ids
from xaso.search.adapters import DocumentFields
from xaso.search.models import DocumentKind

from .choices import Field, Status
from .models import Event, Question, QuestionIndexPage, Submission


def submissions_for(user: Any, *, commune: Any = None) -> QuerySet[Submission]:
    """The submissions of the communes the user reads; of `commune` alone when it is given (and
    one of them: another commune's give none)."""
    submissions = Submission.objects.select_related("commune", "assigned_to")
    ids = user_commune_ids(user)
    if ids is not None:
        submissions = submissions.filter(commune__in=ids)
    return submissions if commune is None else submissions.filter(commune=commune)


def late_to_forward(
    submissions: QuerySet[Submission], today: datetime.date
) -> QuerySet[Submission]:
    """Still to forward after the fifth working day since they were received."""
    return submissions.filter(status=Status.TO_FORWARD, forward_due_on__lt=today)


def overdue(submissions: QuerySet[Submission], today: datetime.date) -> QuerySet[Submission]:
    return submissions.filter(
        Q(status=Status.IN_PROGRESS, due_on__lt=today)
        | Q(status=Status.TO_FORWARD, forward_due_on__lt=today)
    )


def due_soon(
    submissions: QuerySet[Submission], today: datetime.date, until: datetime.date
) -> QuerySet[Submission]:
    """Due today or by `until` and not late yet."""
    return submissions.filter(
        Q(status=Status.IN_PROGRESS, due_on__gte=today, due_on__lte=until)
        | Q(status=Status.TO_FORWARD, forward_due_on__gte=today, forward_due_on__lte=until)
    )


@dataclass
class PublicStatus:
    """What the tracking page shows: no name, address, phone or e-mail."""

    number: str
    kind: str
    field: str
    received_at: datetime.datetime
    status: str
    steps: list[Event]
    response: str
    question_url: str = ""


def public_status(code: str, *, commune: Any) -> PublicStatus | None:
    """What the tracking code of a submission to `commune` may show; None for a code unknown
    there, even if another commune has it (a commune's site answers only for its own)."""
    code = (code or "").strip().upper()
    if not code.isalnum() or len(code) > 12:
        return None
    submission = Submission.objects.filter(tracking_code=code, commune=commune).first()
    if submission is None:
        return None
    question = Question.objects.filter(
        submission=submission, commune=commune, is_public=True
    ).first()
    page = questions_page(commune=commune) if question else None
    return PublicStatus(
        question_url=page.route_question(question.pk) if page and question else "",
        number=str(submission),
        kind=submission.get_kind_display(),
        field=submission.get_field_display(),
        received_at=submission.received_at,
        status=submission.get_status_display(),
        steps=list(submission.events.all()),
        response=submission.response
        if submission.status in (Status.ANSWERED, Status.CLOSED)
        else "",
    )


# Questions and answers ---------------------------------------------------------------------------


def questions_page(*, commune: Any) -> QuestionIndexPage | None:
    if commune.site is None:
        return None
    return (
        QuestionIndexPage.objects.live()
        .descendant_of(commune.site.root_page)
        .order_by("path")
        .first()
    )


def questions_for(user: Any) -> QuerySet[Question]:
    questions = Question.objects.select_related("commune", "submission")
    ids = user_commune_ids(user)
    return questions if ids is None else questions.filter(commune__in=ids)


def public_questions(
    *, commune: Any, field: str | None = None, ids: list[int] | None = None
) -> QuerySet[Question]:
    questions = Question.objects.filter(commune=commune, is_public=True)
    if field:
        questions = questions.filter(field=field)
    if ids is not None:
        questions = questions.filter(pk__in=ids)
    return questions.order_by("-answered_on", "-pk")


def public_field_counts(*, commune: Any) -> list[tuple[str, str, int]]:
    """(value, label, count) of every field with public questions, in the choices' order."""
    counts = dict(
        Question.objects.filter(commune=commune, is_public=True)
        .values_list("field")
        .annotate(n=Count("pk"))
        .values_list("field", "n")
    )
    return [(value, str(label), counts[value]) for value, label in Field.choices if value in counts]


def question_search_fields(
    question: Question, page: QuestionIndexPage | None
) -> DocumentFields | None:
    """What a public question contributes to the search index; None when it is not public."""
    if not question.is_public or page is None:
        return None
    published = question.published_at or datetime.datetime.combine(
        question.answered_on, datetime.time(12), timezone.get_current_timezone()
    )
    return DocumentFields(
        commune_id=question.commune_id,
        kind=DocumentKind.QUESTION,
        object_id=question.pk,
        title=question.title,
        lead=question.question,
        body=question.answer,
        url=page.route_question(question.pk),
        category_title=page.title,
        category_path="",
        published_at=published,
        source_id="",
    )


def question_search_source() -> Iterator[DocumentFields]:
    """Every public question of every commune, for a full rebuild of the search index."""
    pages: dict[int, QuestionIndexPage | None] = {}
    questions = Question.objects.filter(is_public=True).select_related("commune__site__root_page")
    for question in questions.iterator(chunk_size=500):
        if question.commune_id not in pages:
            pages[question.commune_id] = questions_page(commune=question.commune)
        fields = question_search_fields(question, pages[question.commune_id])
        if fields is not None:
            yield fields
