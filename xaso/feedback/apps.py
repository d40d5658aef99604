from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "xaso.feedback"
    label = "feedback"
    verbose_name = _("Residents' feedback")

    def ready(self) -> None:
        from django.utils import timezone

        from xaso.core import jobs
        from xaso.core.backup import register_data_model
        from xaso.portal.cache import register_public_model
        from xaso.search.adapters import register_source

        from . import privacy_hooks  # noqa: F401 — the audit log's names for privacy actions
        from .models import Question, Submission
        from .notifications import officials_remind
        from .privacy import submissions_anonymise_expired
        from .selectors import question_search_source

        register_source(question_search_source)
        register_public_model(Question)  # the questions and answers (/hoi-dap/)
        register_data_model(Submission)  # a restore never overwrites residents' submissions

        jobs.register("feedback.remind", lambda: officials_remind(today=timezone.localdate()))
        jobs.register(
            "feedback.anonymise",
            lambda: submissions_anonymise_expired(today=timezone.localdate(), limit=200),
        )
