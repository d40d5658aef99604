from django.db import models
from django.utils.translation import gettext_lazy as _


class CellKind(models.TextChoices):
    VILLAGE = "village", _("Village cell")
    AGENCY = "agency", _("Agency cell")
    SCHOOL = "school", _("School cell")
    OTHER = "other", _("Other")


class AssignmentRole(models.TextChoices):
    IN_CHARGE = "in_charge", _("Official in charge of the cell")
    SUPERVISOR = "supervisor", _("Standing Committee member supervising")


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Regular (monthly)")
    THEMATIC = "thematic", _("Thematic")
    COMBINED = "combined", _("Regular combined with thematic")


class MeetingQuality(models.TextChoices):
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    AVERAGE = "average", _("Average")
    WEAK = "weak", _("Weak")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")


class Flag(models.TextChoices):
    """What the party committee office is shown; recorded facts are never refused for these."""

    NO_REGULAR = "no_regular", _("No regular meeting this month")
    NO_THEMATIC = "no_thematic", _("No thematic meeting this quarter")
    TOO_SHORT = "too_short", _("Shorter than the minimum")
    OFFICIAL_ABSENT = "official_absent", _("Official in charge absent")
    NOT_COVERED = "not_covered", _("No official in charge")
