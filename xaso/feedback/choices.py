from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    FEEDBACK = "feedback", _("Feedback (phản ánh)")
    PETITION = "petition", _("Petition (kiến nghị)")


class Field(models.TextChoices):
    """What a submission is about, for routing and statistics."""

    LAND = "land", _("Land and environment")
    BUILDING = "building", _("Construction, transport and roads")
    SOCIAL = "social", _("Culture, education, health and social affairs")
    ORDER = "order", _("Security and public order")
    PROCEDURES = "procedures", _("Administrative procedures")
    OFFICIALS = "officials", _("Officials' conduct")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("Being handled")
    TO_FORWARD = "to_forward", _("To be forwarded")
    FORWARDED = "forwarded", _("Forwarded")
    REJECTED = "rejected", _("Not accepted")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class Classification(models.TextChoices):
    """The intake's four outcomes (Decree 20/2008, Art. 9)."""

    MISSING_INFORMATION = "missing", _("Missing information: not accepted")
    OFFICIAL_CONDUCT = "conduct", _("About an official's conduct: forwarded")
    WITHIN = "within", _("Within the commune's competence: handled")
    OUTSIDE = "outside", _("Outside the commune's competence: forwarded")


FORWARDED_CLASSES = [Classification.OFFICIAL_CONDUCT, Classification.OUTSIDE]
OPEN = [Status.RECEIVED, Status.IN_PROGRESS, Status.TO_FORWARD]
