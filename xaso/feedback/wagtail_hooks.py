"""The feedback admin's registrations: the intake register's permission policy, its menu of
viewsets, its URLs and its log actions. The screens live in `views/`, one module per entity."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from xaso.accounts.scoping import scoped

from .models import Question, Submission
from .views import FeedbackViewSetGroup, dashboard
from .views.submissions import (
    VIEW_ACTION,
    AnswerView,
    ClassifyView,
    CloseView,
    ForwardView,
    PublishQuestionView,
    SubmissionPermissionPolicy,
    attachment_download,
)

register_permission_policy(Submission, SubmissionPermissionPolicy(Submission))
scoped(Question)


@hooks.register("register_admin_viewset")
def register_viewset() -> FeedbackViewSetGroup:
    return FeedbackViewSetGroup()


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[Any]:
    return [
        path("feedback/", dashboard.dashboard, name="feedback_dashboard"),
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
