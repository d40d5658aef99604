from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Where a household stands. The first seven follow each other in order; the last two are
    side states a household can enter before its site is handed over, and leave to be canvassed
    again."""

    NOT_CONTACTED = "not_contacted", _("Not yet canvassed")
    MOBILISING = "mobilising", _("Being canvassed")
    AGREED = "agreed", _("Agreed")
    SIGNED = "signed", _("Commitment signed")
    HANDED_OVER = "handed_over", _("Site handed over")
    CLEARED = "cleared", _("Structures removed")
    RECORDED = "recorded", _("Land records updated")
    REFUSED = "refused", _("Refused")
    DISPUTED = "disputed", _("Problem to resolve")


PIPELINE = [
    Status.NOT_CONTACTED,
    Status.MOBILISING,
    Status.AGREED,
    Status.SIGNED,
    Status.HANDED_OVER,
    Status.CLEARED,
    Status.RECORDED,
]
SIDE = [Status.REFUSED, Status.DISPUTED]
# Side states can be entered from these (after the handover the land is the road's).
BEFORE_HANDOVER = [Status.NOT_CONTACTED, Status.MOBILISING, Status.AGREED, Status.SIGNED]
# Taking part: agreed or further along the pipeline.
TAKING_PART = [Status.AGREED, Status.SIGNED, Status.HANDED_OVER, Status.CLEARED, Status.RECORDED]
# Land given: the site handed over or further.
DONATED = [Status.HANDED_OVER, Status.CLEARED, Status.RECORDED]
# The strip cleared of structures, ready for the road.
CLEARED = [Status.CLEARED, Status.RECORDED]


class SupportKind(models.TextChoices):
    NONE = "none", _("None")
    IN_KIND = "in_kind", _("In kind")
    CASH = "cash", _("Cash")
    REBUILT = "rebuilt", _("Rebuilt by the project")


class LandType(models.TextChoices):
    RESIDENTIAL = "residential", _("Residential land")
    GARDEN = "garden", _("Garden land")
    AGRICULTURAL = "agricultural", _("Agricultural land")
    PUBLIC = "public", _("Encroached public land")
    UNKNOWN = "", _("Not known")


class RoadClass(models.TextChoices):
    """Rural road classes of TCVN 10380:2014 (to check against the standard)."""

    A = "A", _("Class A")
    B = "B", _("Class B")
    C = "C", _("Class C")
    D = "D", _("Class D")


class Side(models.TextChoices):
    LEFT = "left", _("Left")
    RIGHT = "right", _("Right")
    UNKNOWN = "", _("Not known")


class VisitKind(models.TextChoices):
    VISIT = "visit", _("Home visit")
    MEETING = "meeting", _("Meeting")
    PHONE = "phone", _("Phone call")
