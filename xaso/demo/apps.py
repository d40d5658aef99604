from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo commune Liên Khê (`manage.py load_demo`): above every other app, it builds the
    commune through each app's services; no app imports it."""

    name = "xaso.demo"
    label = "demo"
    verbose_name = _("Demo commune")
