from django.db import models
from django.utils.translation import gettext_lazy as _


class CommuneKind(models.TextChoices):
    COMMUNE = "xa", _("Commune")
    WARD = "phuong", _("Ward")
    SPECIAL_ZONE = "dac_khu", _("Special zone")


class SuccessionKind(models.TextChoices):
    WHOLE = "whole", _("Whole unit")
    PART = "part", _("Part of the unit")
    RENAME = "rename", _("Renamed")
