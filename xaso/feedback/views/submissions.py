"""The intake register: the submissions of the user's communes, each with its file — the
submission, the sender, the attachments, the handling steps — and its steps: classify, forward,
answer, close, publish as a question. Nothing here adds, edits or deletes a submission:
residents send them, and every step goes through a service whose refusal is shown on the form.

Whoever opens a file or downloads an attachment is audited ("feedback.view"): the sender's data
is read only for handling.
"""

from __future__ import annotations

import mimetypes
import os
from typing import Any

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from xaso.accounts.audit import COMMUNE_KEY, personal_data_export_log
from xaso.accounts.scoping import CommuneScopedPermissionPolicy, CommuneScopedViewSetMixin
from xaso.core.admin import LocationInspectMixin, ServiceOperationView
from xaso.core.text import nfc

from .. import forms, selectors, services
from ..choices import Status
from ..models import Attachment, Question, Submission

VIEW_PERMISSION = "feedback.view_submission"
VIEW_ACTION = "feedback.view"
PUBLISH_PERMISSION = "feedback.add_question"


class SubmissionPermissionPolicy(CommuneScopedPermissionPolicy):
    """The commune-scoped policy, read-only for Wagtail's generic views: submissions are never
    added, edited or deleted through a form; their steps go through the step views below."""

    READ_ONLY = {"add", "change", "delete"}

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action not in self.READ_ONLY and super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return super().user_has_any_permission(
            user, [a for a in actions if a not in self.READ_ONLY]
        )


def audit_view(submission: Submission, user: Any) -> None:
    log(
        instance=submission,
        action=VIEW_ACTION,
        user=user,
        data={COMMUNE_KEY: submission.commune_id},
    )


def _due(submission: Submission) -> str:
    if submission.status == Status.TO_FORWARD and submission.forward_due_on:
        return str(_("to forward by %(date)s") % {"date": f"{submission.forward_due_on:%d/%m/%Y}"})
    if submission.status == Status.IN_PROGRESS and submission.due_on:
        return str(_("to answer by %(date)s") % {"date": f"{submission.due_on:%d/%m/%Y}"})
    return "–"


def flags(submission: Submission, today: Any = None) -> list[str]:
    today = today or timezone.localdate()
    found = []
    if (
        submission.status == Status.TO_FORWARD
        and submission.forward_due_on
        and submission.forward_due_on < today
    ):
        found.append(str(_("Late to forward")))
    if submission.status == Status.IN_PROGRESS and submission.due_on and submission.due_on < today:
        found.append(str(_("Overdue")))
    return found


# The register -----------------------------------------------------------------------------------


class SubmissionIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[Submission]:
        return super().get_base_queryset().select_related("assigned_to")


class SubmissionInspectView(LocationInspectMixin, InspectView):
    template_name = "feedback/admin/submission_inspect.html"

    def get_fields(self) -> list[str]:
        # The field named "field" is shown above the fields: Wagtail would take it for its own
        # `get_field_display_value`.
        return [
            "content",
            "latitude",  # with the longitude, as a link to the place on a map
            "sender_name",
            "sender_address",
            "sender_phone",
            "sender_email",
            "consent_contact",
            "classification",
            "forwarded_to",
            "forwarded_on",
            "assigned_to",
            "response",
            "answered_on",
            "closed_on",
        ]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_view(self.object, request.user)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        submission = self.object
        may_act = self.request.user.has_perm(services.CHANGE_PERMISSION)
        return super().get_context_data(
            submission=submission,
            steps=submission.events.select_related("by"),
            attachments=submission.attachments.all(),
            flags=flags(submission),
            due=_due(submission),
            actions=available_actions(submission, self.request.user) if may_act else [],
            question=Question.objects.filter(submission=submission).first(),
            **kwargs,
        )


def may_publish(submission: Submission, user: Any) -> bool:
    return (
        submission.status in (Status.ANSWERED, Status.CLOSED)
        and bool(submission.response)
        and submission.anonymised_at is None
        and bool(user.has_perm(PUBLISH_PERMISSION))
        and not Question.objects.filter(submission=submission).exists()
    )


def available_actions(submission: Submission, user: Any = None) -> list[tuple[str, str]]:
    """(URL name, label) of the steps the submission's status allows."""
    found: list[tuple[str, str]] = []
    if submission.status == Status.RECEIVED:
        found.append(("feedback_classify", str(_("Classify"))))
    if submission.status == Status.TO_FORWARD:
        found.append(("feedback_forward", str(_("Record the forwarding"))))
    if submission.status == Status.IN_PROGRESS:
        found.append(("feedback_answer", str(_("Record the answer"))))
    if submission.status in (Status.FORWARDED, Status.REJECTED, Status.ANSWERED):
        found.append(("feedback_close", str(_("Close"))))
    if user is not None and may_publish(submission, user):
        found.append(("feedback_publish_question", str(_("Publish as a question and answer"))))
    return found


class SubmissionViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Submission
    name = "feedback_submissions"
    url_prefix = "feedback/submissions"
    icon = "mail"
    menu_label = _("Intake register")
    index_view_class = SubmissionIndexView
    inspect_view_class = SubmissionInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "number",
        Column(
            "received_at",
            label=_("Received"),
            accessor=lambda s: f"{timezone.localtime(s.received_at):%d/%m/%Y}",
            sort_key="received_at",
        ),
        "kind",
        "field",
        "status",
        Column("due", label=_("Due"), accessor=_due),
        Column("flags", label=_("Flags"), accessor=lambda s: ", ".join(flags(s)) or "–"),
        "assigned_to",
    ]
    list_per_page = 50
    filterset_class = forms.SubmissionFilterSet
    search_fields = ["number", "tracking_code"]
    search_backend_name = None
    form_fields = ["classification"]  # required by the viewset; no form view is reachable


# A submission's steps ---------------------------------------------------------------------------


class SubmissionStepView(ServiceOperationView):
    """A step on a submission of the user's communes, for whoever may handle them."""

    model = Submission
    template_name = "feedback/admin/submission_action.html"
    header_icon = "mail"
    permission_required = services.CHANGE_PERMISSION
    context_object_name = "submission"

    def get_base_object_queryset(self) -> QuerySet[Submission]:
        return selectors.submissions_for(self.request.user)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "submission": self.object}

    def get_page_subtitle(self) -> str:
        return str(self.object)

    def file_url(self) -> str:
        return reverse("feedback_submissions:inspect", args=[quote(self.object.pk)])

    def get_parent_breadcrumbs(self) -> list[dict[str, Any]]:
        return [
            {
                "url": reverse("feedback_submissions:index"),
                "label": capfirst(Submission._meta.verbose_name_plural),
            },
            {"url": self.file_url(), "label": str(self.object)},
        ]

    def get_success_message(self) -> str:
        return _("Submission %(number)s is now “%(status)s”.") % {
            "number": self.result,
            "status": self.result.get_status_display(),
        }

    def get_success_url(self) -> str:
        return self.file_url()


class ClassifyView(SubmissionStepView):
    form_class = forms.ClassifyForm
    page_title = _("Classify the submission")
    submit_button_label = _("Classify")

    def call_service(self, data: dict[str, Any]) -> Submission:
        return services.submission_classify(
            user=self.request.user,
            submission=self.object,
            classification=data["classification"],
            note=nfc(data["note"]),
            assigned_to=data["assigned_to"],
        )


class ForwardView(SubmissionStepView):
    form_class = forms.ForwardForm
    page_title = _("Record the forwarding")
    submit_button_label = _("Record the forwarding")

    def call_service(self, data: dict[str, Any]) -> Submission:
        return services.submission_forward(
            user=self.request.user,
            submission=self.object,
            forwarded_to=data["forwarded_to"],
            on_date=data["forwarded_on"],
        )


class AnswerView(SubmissionStepView):
    form_class = forms.AnswerForm
    page_title = _("Record the answer")
    submit_button_label = _("Record the answer")

    def call_service(self, data: dict[str, Any]) -> Submission:
        return services.submission_answer(
            user=self.request.user, submission=self.object, response=data["response"]
        )


class CloseView(SubmissionStepView):
    form_class = forms.CloseForm
    page_title = _("Close the submission")
    submit_button_label = _("Close")

    def call_service(self, data: dict[str, Any]) -> Submission:
        return services.submission_close(
            user=self.request.user, submission=self.object, note=data["note"]
        )


class PublishQuestionView(SubmissionStepView):
    form_class = forms.PublishQuestionForm
    page_title = _("Publish as a question and answer")
    submit_button_label = _("Publish")

    def check_permission(self) -> None:
        if not may_publish(self.object, self.request.user):
            raise PermissionDenied
        super().check_permission()

    def call_service(self, data: dict[str, Any]) -> Question:
        return services.question_from_submission(
            user=self.request.user,
            submission=self.object,
            title=data["title"],
            question=data["question"],
            answer=data["answer"],
            field=data["field"],
            answered_by=data["answered_by"],
        )

    def add_success_message(self) -> None:
        page = selectors.questions_page(commune=self.object.commune)
        messages.success(
            self.request,
            _("Published as the question “%(title)s”.") % {"title": self.result.title},
            buttons=[messages.button(page.route_question(self.result.pk), _("View on the portal"))]
            if page
            else None,
        )


def attachment_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An attachment, from the private storage, to staff of its commune with the permission."""
    if not request.user.has_perm(VIEW_PERMISSION):
        return permission_denied(request, PermissionDenied())
    allowed = selectors.submissions_for(request.user).values("pk")
    attachment = get_object_or_404(
        Attachment.objects.select_related("submission"), pk=pk, submission__in=allowed
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # The resident's file leaves the platform: audited as an export of personal data.
    personal_data_export_log(
        user=request.user,
        instance=attachment.submission,
        what="feedback_attachment",
        rows=1,
        commune_id=attachment.submission.commune_id,
        filters={"attachment": attachment.pk},
        file_format=os.path.splitext(attachment.name)[1].lstrip(".").lower()[:10],
    )
    content_type = mimetypes.guess_type(attachment.name)[0] or "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
