from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartyConfig(AppConfig):
    name = "xaso.party"
    label = "party"
    verbose_name = _("Party-cell work")

    def ready(self) -> None:
        from django.utils import timezone

        from xaso.core import jobs

        from .services import tasks_escalate

        jobs.register("party.escalate", lambda: tasks_escalate(today=timezone.localdate()))
