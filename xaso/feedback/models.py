"""Residents' feedback and petitions (phản ánh, kiến nghị): the intake register.

Every submission gets its register number (per commune and year) and a tracking code for the
sender. The sender's name, address and phone are what Decree 20/2008 asks for, kept only for
handling the submission and removed when its retention period ends (`anonymised_at`); the
status page of a tracking code never shows them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import Storage
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from xaso.core import storage
from xaso.portal.models import PortalPage

from .choices import Classification, Field, Kind, Status

MAX_CONTENT = 10_000


def private_storage() -> Storage:
    """Outside the media (a folder of its own, or a private bucket): a sender's files are served
    only through a view that checks who asks (xaso.core.storage)."""
    return storage.private_storage()


class Submission(models.Model):
    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.CASCADE,
        related_name="feedback_submissions",
        verbose_name=_("commune"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("register number"))
    tracking_code = models.CharField(_("tracking code"), max_length=12, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    field = models.CharField(_("field"), max_length=12, choices=Field.choices)
    # Required on submission (services); emptied when the personal data is removed.
    content = models.TextField(
        _("content"),
        blank=True,
        max_length=MAX_CONTENT,
        validators=[MaxLengthValidator(MAX_CONTENT)],
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    # The sender (Decree 20/2008, Art. 7), for handling only ------------------------------------
    sender_name = models.CharField(_("sender's name"), max_length=120, blank=True)
    sender_address = models.CharField(_("sender's address"), max_length=255, blank=True)
    sender_phone = models.CharField(_("sender's phone"), max_length=20, blank=True)
    sender_email = models.EmailField(_("sender's e-mail"), blank=True)
    consent_handling = models.BooleanField(_("consents to the handling of their data"))
    consent_contact = models.BooleanField(_("consents to be told of progress"), default=False)
    # The intake ---------------------------------------------------------------------------------
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField(_("received"))
    classification = models.CharField(
        _("classification"), max_length=10, choices=Classification.choices, blank=True
    )
    classified_on = models.DateField(_("classified on"), null=True, blank=True)
    forward_due_on = models.DateField(_("to forward by"), null=True, blank=True)
    forwarded_to = models.CharField(_("forwarded to"), max_length=255, blank=True)
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        "communes.Official",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_submissions",
        verbose_name=_("assigned official"),
    )
    due_on = models.DateField(_("to answer by"), null=True, blank=True)
    response = models.TextField(
        _("response"),
        blank=True,
        max_length=MAX_CONTENT,
        validators=[MaxLengthValidator(MAX_CONTENT)],
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    reminded_on = models.DateField(_("official reminded on"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "number"], name="feedback_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(consent_handling=True), name="feedback_consent_to_handle"
            ),
            models.CheckConstraint(
                condition=~Q(status="forwarded") | ~Q(forwarded_on=None),
                name="feedback_forwarded_dated",
            ),
        ]
        indexes = [models.Index(fields=["commune", "status"], name="feedback_status_idx")]

    def __str__(self) -> str:
        return f"{self.number}/{self.year}"


class Event(models.Model):
    """One step of a submission's handling, as the register and the status page show it."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="events", verbose_name=_("submission")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)
    public_note = models.TextField(
        _("note for the sender"), blank=True, help_text=_("Shown on the tracking page.")
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        verbose_name = _("handling step")
        verbose_name_plural = _("handling steps")
        ordering = ["submission", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.submission} – {self.get_status_display()}"


class Attachment(models.Model):
    """An image or PDF sent with a submission, checked by its content (`core.uploads`). Never an
    identity document: the form says so, and nothing asks for one."""

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("submission"),
    )
    file = models.FileField(_("file"), upload_to="phan-anh/%Y/%m/", storage=private_storage)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["submission", "pk"]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    """A question and its answer published for everyone (hỏi đáp): written from an answered
    submission or from scratch, and never holding the sender's personal data (services check
    the text before it is published)."""

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.CASCADE, related_name="+", verbose_name=_("commune")
    )
    submission = models.OneToOneField(
        Submission,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="question",
        verbose_name=_("from submission"),
    )
    field = models.CharField(_("field"), max_length=12, choices=Field.choices)
    title = models.CharField(
        _("title"),
        max_length=255,
        help_text=_("The question in one line, as residents would ask it."),
    )
    question = models.TextField(
        _("question"), max_length=MAX_CONTENT, validators=[MaxLengthValidator(MAX_CONTENT)]
    )
    answer = models.TextField(
        _("answer"), max_length=MAX_CONTENT, validators=[MaxLengthValidator(MAX_CONTENT)]
    )
    answered_by = models.CharField(
        _("answered by"),
        max_length=255,
        blank=True,
        help_text=_("The body that answered, e.g. the commune People's Committee."),
    )
    answered_on = models.DateField(_("answered on"))
    is_public = models.BooleanField(_("published"), default=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")
        ordering = ["-answered_on", "-pk"]
        indexes = [
            models.Index(fields=["commune", "is_public", "field"], name="feedback_question_idx")
        ]

    def __str__(self) -> str:
        return self.title


class QuestionIndexPage(RoutablePageMixin, PortalPage):
    """The public questions and answers: by field, searchable, a page per question."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("questions and answers page")

    def page_context(self, request: HttpRequest) -> dict[str, Any]:
        """What every page of the questions shows (breadcrumb, chrome), without the list."""
        return super().get_context(request)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .views import public

        context = super().get_context(request, *args, **kwargs)
        context.update(public.questions_context(request, self))
        return context

    @path("<int:pk>/", name="question")
    def question(self, request: HttpRequest, pk: int) -> HttpResponse:
        from .views import public

        return public.question_detail(request, self, pk)

    def route_question(self, pk: int) -> str:
        return str(self.url) + str(self.reverse_subpage("question", kwargs={"pk": pk}))
