from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "xaso.feedback"
    label = "feedback"
    verbose_name = _("Residents' feedback")

    def ready(self) -> None:
        from django.utils import timezone

        from xaso.core import jobs

        from .notifications import officials_remind

        jobs.register("feedback.remind", lambda: officials_remind(today=timezone.localdate()))
