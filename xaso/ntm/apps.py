from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NtmConfig(AppConfig):
    name = "xaso.ntm"
    label = "ntm"
    verbose_name = _("New Rural programme")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from xaso.communes.documents import register_public_source
        from xaso.portal.cache import register_public_model
        from xaso.search.adapters import register_page_type

        from . import signal_handlers
        from .models import (
            Assessment,
            CriteriaSet,
            Criterion,
            Indicator,
            NtmResultsPage,
            Programme,
            Threshold,
        )
        from .selectors import evidence_is_public

        post_migrate.connect(_load_shipped_sets, sender=self, dispatch_uid="xaso_ntm_sets")
        register_page_type(NtmResultsPage)
        signal_handlers.connect()
        register_public_source("ntm", evidence_is_public)
        # The public results page. An assessment's evidence and photos are saved after it; it
        # reaches its commune through its programme. Criteria sets are national: every page.
        register_public_model(Programme)
        for model in (CriteriaSet, Criterion, Indicator, Threshold):
            register_public_model(model)
        register_public_model(
            Assessment, commune=_assessment_commune, relations=("evidence", "photos")
        )


def _assessment_commune(assessment: object) -> int | None:
    return assessment.programme.commune_id  # type: ignore[attr-defined]


def _load_shipped_sets(sender: AppConfig, **kwargs: object) -> None:
    """The criteria sets shipped with xaso (data/*.json), loaded once; never overwritten."""
    from .services import shipped_sets_ensure

    shipped_sets_ensure()
