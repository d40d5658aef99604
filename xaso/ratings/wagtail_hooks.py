"""The ratings admin's registrations: the report's URLs and menu item, the log actions. The
report lives in `views/report.py`."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import services
from .views.report import VIEW_PERMISSION, comment_hide, report


class RatingsMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return bool(request.user.has_perm(VIEW_PERMISSION))


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[Any]:
    return [
        path("ratings/", report, name="ratings_report"),
        path("ratings/<int:pk>/hide/", comment_hide, name="ratings_comment_hide"),
    ]


@hooks.register("register_admin_menu_item")
def register_menu_item() -> MenuItem:
    return RatingsMenuItem(
        gettext_lazy("Satisfaction ratings"),
        reverse("ratings_report"),
        name="ratings",
        icon_name="pick",
        order=900,
    )


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    actions.register_action(
        services.HIDE_ACTION, gettext_lazy("Hide comment"), gettext_lazy("Rating comment hidden")
    )
    actions.register_action(
        "ratings.show_comment",
        gettext_lazy("Show comment"),
        gettext_lazy("Rating comment shown again"),
    )
