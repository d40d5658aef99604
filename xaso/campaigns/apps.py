from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "xaso.campaigns"
    label = "campaigns"
    verbose_name = _("Mobilisation campaigns")

    def ready(self) -> None:
        from xaso.portal.cache import register_public_model
        from xaso.search.adapters import register_page_type

        from .models import Campaign, CampaignPage, Household, Segment

        register_page_type(CampaignPage)
        # The campaign page's public aggregates.
        for model in (Campaign, Segment, Household):
            register_public_model(model)
