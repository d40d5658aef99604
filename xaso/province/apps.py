from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvinceConfig(AppConfig):
    """What a province sees over all of its communes: its own portal (the directory of its
    communes, their latest news, search across them, their New Rural standing) and the
    roll-ups of its administration."""

    name = "xaso.province"
    label = "province"
    verbose_name = _("Province")
