from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Validity(models.TextChoices):
    """Where a document stands on a given day; worked out from its dates and replacements."""

    DRAFT = "draft", _("Draft for comment")
    NOT_YET = "not_yet", _("Not yet in force")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    REPLACED = "replaced", _("Replaced")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", pgettext_lazy("comment status", "Published")
    REJECTED = "rejected", _("Not published")


class ProcedureLevel(models.TextChoices):
    FULL = "full", _("Fully online")
    PARTIAL = "partial", _("Partly online")
    OFFLINE = "offline", _("At the office")
