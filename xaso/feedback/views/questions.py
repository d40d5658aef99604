"""Questions and answers: published from a submission, or written in the admin."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin
from xaso.core.admin import ServiceFormMixin

from .. import services
from ..models import Question


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
