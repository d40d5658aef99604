"""The intake register's admin: the submissions of the user's communes, each with its file — the
submission, the sender, the attachments, the handling steps — and its four actions: classify,
forward, answer, close. Nothing here adds, edits or deletes a submission: residents send them,
and every step goes through a service whose refusal is shown on the form.

Whoever opens a file or downloads an attachment is audited ("feedback.view"): the sender's data
is read only for handling.
"""

from __future__ import annotations

import mimetypes
import os
from typing import Any

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    InspectView,
)
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput
from wagtail.log_actions import log
from wagtail.permissions import register_permission_policy

from xaso.accounts.audit import COMMUNE_KEY, personal_data_export_log
from xaso.accounts.scoping import (
    CommuneScopedPermissionPolicy,
    CommuneScopedViewSetMixin,
    scoped,
)
from xaso.communes.models import Official
from xaso.core.admin import OverviewViewSetGroup, ServiceFormMixin, add_service_errors
from xaso.core.text import nfc

from . import selectors, services
from .choices import Classification, Field, Kind, Status
from .models import MAX_CONTENT, Attachment, Question, Submission

VIEW_PERMISSION = "feedback.view_submission"
VIEW_ACTION = "feedback.view"
PUBLISH_PERMISSION = "feedback.add_question"


class SubmissionPermissionPolicy(CommuneScopedPermissionPolicy):
    """The commune-scoped policy, read-only for Wagtail's generic views: submissions are never
    added, edited or deleted through a form; their steps go through the action views below."""

    READ_ONLY = {"add", "change", "delete"}

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action not in self.READ_ONLY and super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return super().user_has_any_permission(
            user, [a for a in actions if a not in self.READ_ONLY]
        )


register_permission_policy(Submission, SubmissionPermissionPolicy(Submission))
scoped(Question)


def audit_view(submission: Submission, user: Any) -> None:
    log(
        instance=submission,
        action=VIEW_ACTION,
        user=user,
        data={COMMUNE_KEY: submission.commune_id},
    )


def _today() -> Any:
    return timezone.localdate()


def _due(submission: Submission) -> str:
    if submission.status == Status.TO_FORWARD and submission.forward_due_on:
        return str(_("to forward by %(date)s") % {"date": f"{submission.forward_due_on:%d/%m/%Y}"})
    if submission.status == Status.IN_PROGRESS and submission.due_on:
        return str(_("to answer by %(date)s") % {"date": f"{submission.due_on:%d/%m/%Y}"})
    return "–"


def flags(submission: Submission, today: Any = None) -> list[str]:
    today = today or _today()
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


# The register ----------------------------------------------------------------------------------


def _officials(request: Any) -> QuerySet[Official]:
    if request is None:
        return Official.objects.none()
    from xaso.accounts.scoping import scope

    return scope(Official.objects.all(), request.user)


class SubmissionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    field = django_filters.ChoiceFilter(label=_("Subject area"), choices=Field.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    classification = django_filters.ChoiceFilter(
        label=_("Classification"), choices=Classification.choices
    )
    assigned_to = django_filters.ModelChoiceFilter(
        label=_("Assigned official"), queryset=_officials
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Submission
        fields = ["status", "field", "kind", "classification", "assigned_to", "overdue"]

    def filter_overdue(self, queryset: QuerySet[Submission], name: str, value: Any) -> Any:
        if value is None:
            return queryset
        late = selectors.overdue(queryset, _today()).values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)


class SubmissionIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[Submission]:
        return super().get_base_queryset().select_related("assigned_to")


class SubmissionInspectView(InspectView):
    template_name = "feedback/admin/submission_inspect.html"

    def get_fields(self) -> list[str]:
        # The field named "field" is shown above the fields: Wagtail would take it for its own
        # `get_field_display_value`.
        return [
            "content",
            "latitude",
            "longitude",
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
    filterset_class = SubmissionFilterSet
    search_fields = ["number", "tracking_code"]
    search_backend_name = None
    form_fields = ["classification"]  # required by the viewset; no form view is reachable


# A submission's actions ------------------------------------------------------------------------


class ClassifyForm(forms.Form):
    classification = forms.ChoiceField(
        label=_("Classification"), choices=[("", "---------"), *Classification.choices]
    )
    assigned_to = forms.ModelChoiceField(
        label=_("Assigned official"),
        queryset=Official.objects.none(),
        required=False,
        help_text=_("For a submission within the commune's competence."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a submission not accepted, the missing information: the sender sees it."),
    )

    def __init__(self, *args: Any, submission: Submission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = Official.objects.filter(  # type: ignore[attr-defined]
            commune_id=submission.commune_id, is_active=True
        )


class ForwardForm(forms.Form):
    forwarded_to = forms.CharField(label=_("Forwarded to"), max_length=255, required=False)
    forwarded_on = forms.DateField(label=_("Forwarded on"), widget=AdminDateInput, initial=_today)

    def __init__(self, *args: Any, submission: Submission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def clean_forwarded_on(self) -> Any:
        value = self.cleaned_data["forwarded_on"]
        if value > _today():
            raise ValidationError(_("The date cannot be in the future."))
        return value


class AnswerForm(forms.Form):
    response = forms.CharField(
        label=_("Response"),
        required=False,
        max_length=MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Sent to the sender's tracking page."),
    )

    def __init__(self, *args: Any, submission: Submission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, submission: Submission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class _SubmissionActionView(WagtailAdminTemplateMixin, FormView):
    template_name = "feedback/admin/submission_action.html"
    header_icon = "mail"
    submit_label: Any = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.submission = get_object_or_404(
            selectors.submissions_for(request.user), pk=kwargs["pk"]
        )
        if not request.user.has_perm(services.CHANGE_PERMISSION):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "submission": self.submission}

    def get_page_subtitle(self) -> str:
        return str(self.submission)

    def file_url(self) -> str:
        return reverse("feedback_submissions:inspect", args=[quote(self.submission.pk)])

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("feedback_submissions:index"),
                "label": capfirst(Submission._meta.verbose_name_plural),
            },
            {"url": self.file_url(), "label": str(self.submission)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            submission=self.submission,
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_label,
            submit_button_active_label=_("Saving…"),
            **kwargs,
        )

    def perform(self, data: dict[str, Any]) -> Submission:
        raise NotImplementedError

    def form_valid(self, form: forms.Form) -> HttpResponse:
        try:
            submission = self.perform(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            return permission_denied(self.request, denied)
        messages.success(
            self.request,
            _("Submission %(number)s is now “%(status)s”.")
            % {"number": submission, "status": submission.get_status_display()},
        )
        return redirect(self.file_url())


class ClassifyView(_SubmissionActionView):
    form_class = ClassifyForm
    page_title = _("Classify the submission")
    submit_label = _("Classify")

    def perform(self, data: dict[str, Any]) -> Submission:
        return services.submission_classify(
            user=self.request.user,
            submission=self.submission,
            classification=data["classification"],
            note=nfc(data["note"]),
            assigned_to=data["assigned_to"],
        )


class ForwardView(_SubmissionActionView):
    form_class = ForwardForm
    page_title = _("Record the forwarding")
    submit_label = _("Record the forwarding")

    def perform(self, data: dict[str, Any]) -> Submission:
        return services.submission_forward(
            user=self.request.user,
            submission=self.submission,
            forwarded_to=data["forwarded_to"],
            on_date=data["forwarded_on"],
        )


class AnswerView(_SubmissionActionView):
    form_class = AnswerForm
    page_title = _("Record the answer")
    submit_label = _("Record the answer")

    def perform(self, data: dict[str, Any]) -> Submission:
        return services.submission_answer(
            user=self.request.user, submission=self.submission, response=data["response"]
        )


class CloseView(_SubmissionActionView):
    form_class = CloseForm
    page_title = _("Close the submission")
    submit_label = _("Close")

    def perform(self, data: dict[str, Any]) -> Submission:
        return services.submission_close(
            user=self.request.user, submission=self.submission, note=data["note"]
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


class PublishQuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        help_text=_("The question in one line, as residents would ask it."),
    )
    field = forms.ChoiceField(label=_("Subject area"), choices=Field.choices)
    question = forms.CharField(
        label=_("Question"),
        max_length=MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "The sender's words with their phone, e-mail, name and address replaced by “…”. "
            "Read it: remove anything else that could identify a person."
        ),
    )
    answer = forms.CharField(
        label=_("Answer"), max_length=MAX_CONTENT, widget=forms.Textarea(attrs={"rows": 8})
    )
    answered_by = forms.CharField(label=_("Answered by"), max_length=255, required=False)

    def __init__(self, *args: Any, submission: Submission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        question = services.personal_data_redact(submission.content, submission)
        first_line = question.strip().split("\n", 1)[0]
        self.fields["title"].initial = first_line[:120].rstrip() + (
            "…" if len(first_line) > 120 else ""
        )
        self.fields["field"].initial = submission.field
        self.fields["question"].initial = question
        self.fields["answer"].initial = services.personal_data_redact(
            submission.response, submission
        )
        self.fields["answered_by"].initial = services.default_answerer(submission.commune)


class PublishQuestionView(_SubmissionActionView):
    form_class = PublishQuestionForm
    page_title = _("Publish as a question and answer")
    submit_label = _("Publish")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        submission = get_object_or_404(selectors.submissions_for(request.user), pk=kwargs["pk"])
        if not may_publish(submission, request.user):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: forms.Form) -> HttpResponse:
        data = form.cleaned_data
        try:
            question = services.question_from_submission(
                user=self.request.user,
                submission=self.submission,
                title=data["title"],
                question=data["question"],
                answer=data["answer"],
                field=data["field"],
                answered_by=data["answered_by"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            return permission_denied(self.request, denied)
        page = selectors.questions_page(commune=self.submission.commune)
        messages.success(
            self.request,
            _("Published as the question “%(title)s”.") % {"title": question.title},
            buttons=[messages.button(page.route_question(question.pk), _("View on the portal"))]
            if page
            else None,
        )
        return redirect(self.file_url())


# Questions and answers ------------------------------------------------------------------------


class QuestionCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Question:
        return services.question_save(user=self.request.user, question=self.form.save(commit=False))


class QuestionEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Question:
        return services.question_save(user=self.request.user, question=self.form.save(commit=False))


class QuestionDeleteView(DeleteView):
    def delete_action(self) -> None:
        services.question_delete(user=self.request.user, question=self.object)


class QuestionViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Question
    name = "feedback_questions"
    url_prefix = "feedback/questions"
    icon = "help"
    menu_label = _("Questions and answers")
    add_view_class = QuestionCreateView
    edit_view_class = QuestionEditView
    delete_view_class = QuestionDeleteView
    copy_view_enabled = False
    form_fields = [
        "commune",
        "field",
        "title",
        "question",
        "answer",
        "answered_by",
        "answered_on",
        "is_public",
    ]
    list_display = [
        "title",
        "field",
        Column(
            "answered_on",
            label=_("Answered on"),
            accessor=lambda q: f"{q.answered_on:%d/%m/%Y}",
            sort_key="answered_on",
        ),
        "is_public",
    ]
    list_filter = ["field", "is_public"]
    search_fields = ["title", "question", "answer"]
    search_backend_name = None


# Menu, URLs, log actions -----------------------------------------------------------------------


class FeedbackViewSetGroup(OverviewViewSetGroup):
    items = (SubmissionViewSet, QuestionViewSet)
    menu_icon = "mail"
    menu_label = _("Feedback and petitions")
    menu_name = "feedback"

    overview_url_name = "feedback_dashboard"

    def overview_shown(self, user: Any) -> bool:
        return bool(user.has_perm(VIEW_PERMISSION))


@hooks.register("register_admin_viewset")
def register_viewset() -> FeedbackViewSetGroup:
    return FeedbackViewSetGroup()


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[Any]:
    from . import views_admin

    return [
        path("feedback/", views_admin.dashboard, name="feedback_dashboard"),
        path(
            "feedback/submissions/<int:pk>/classify/",
            ClassifyView.as_view(),
            name="feedback_classify",
        ),
        path(
            "feedback/submissions/<int:pk>/forward/",
            ForwardView.as_view(),
            name="feedback_forward",
        ),
        path("feedback/submissions/<int:pk>/answer/", AnswerView.as_view(), name="feedback_answer"),
        path("feedback/submissions/<int:pk>/close/", CloseView.as_view(), name="feedback_close"),
        path(
            "feedback/submissions/<int:pk>/publish/",
            PublishQuestionView.as_view(),
            name="feedback_publish_question",
        ),
        path(
            "feedback/attachments/<int:pk>/",
            attachment_download,
            name="feedback_attachment",
        ),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    actions.register_action(VIEW_ACTION, _("View"), _("Personal data viewed"))
