from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "xaso.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.core import checks

        from .clientip import check_trusted_proxies

        checks.register(check_trusted_proxies)
