from django.db import models
from django.utils.translation import gettext_lazy as _


class Basis(models.TextChoices):
    """What a set's thresholds depend on."""

    GROUP = "group", _("Commune group (2026–2030)")
    REGION = "region", _("Region (2021–2025)")


class Level(models.TextChoices):
    STANDARD = "standard", _("New rural commune")
    ADVANCED = "advanced", _("Advanced new rural commune")
    MODEL = "model", _("Model new rural commune")
    MODERN = "modern", _("Modern new rural commune")


class IndicatorKind(models.TextChoices):
    PASS_FAIL = "pass_fail", _("Met / not met")
    PERCENT = "percent", _("Percentage")
    NUMBER = "number", _("Number with a unit")
    LEVEL = "level", _("Level")


class Direction(models.TextChoices):
    AT_LEAST = "at_least", _("At least the threshold")
    AT_MOST = "at_most", _("At most the threshold")


# Where thresholds differ: commune groups of Decision 51/2025 and the regions of 2021–2025.
GROUPS = {"1": _("Group 1"), "2": _("Group 2"), "3": _("Group 3")}
REGIONS = {
    "northern_mountains": _("Northern Midlands and Mountains"),
    "red_river_delta": _("Red River Delta"),
    "north_central": _("North Central"),
    "south_central_coast": _("South Central Coast"),
    "central_highlands": _("Central Highlands"),
    "south_east": _("South East"),
    "mekong_delta": _("Mekong Delta"),
}
