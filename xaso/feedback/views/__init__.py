"""The feedback screens: in the admin, the intake register (`submissions`), the questions and
answers (`questions`) and the dashboard, registered by `wagtail_hooks.py` (the menu's group is
here); on the portal, the residents' form, tracking and questions pages (`public`) and the
sender's own data (`privacy`), routed by `urls.py` and `QuestionIndexPage`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from xaso.core.admin import OverviewViewSetGroup

from .dashboard import may_view_dashboard
from .questions import QuestionViewSet
from .submissions import SubmissionViewSet

__all__ = ["FeedbackViewSetGroup"]


class FeedbackViewSetGroup(OverviewViewSetGroup):
    items = (SubmissionViewSet, QuestionViewSet)
    menu_icon = "mail"
    menu_label = _("Feedback and petitions")
    menu_name = "feedback"

    overview_url_name = "feedback_dashboard"

    def overview_shown(self, user: Any) -> bool:
        return may_view_dashboard(user)
