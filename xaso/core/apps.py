from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "xaso.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.core import checks as django_checks

        from . import checks  # noqa: F401 — registers the configuration checks
        from .cells import secure_wagtail_exports
        from .clientip import check_trusted_proxies

        django_checks.register(check_trusted_proxies)
        secure_wagtail_exports()
