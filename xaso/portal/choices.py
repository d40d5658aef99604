from django.db import models
from django.utils.translation import gettext_lazy as _


class BannerSlot(models.TextChoices):
    SIDEBAR = "sidebar", _("Side column")
    HOME = "home", _("Home page, below the news")
