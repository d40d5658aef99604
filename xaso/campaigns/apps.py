from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "xaso.campaigns"
    label = "campaigns"
    verbose_name = _("Mobilisation campaigns")

    def ready(self) -> None:
        from xaso.search.adapters import register_page_type

        from .models import CampaignPage

        register_page_type(CampaignPage)
