from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """The forms of disclosure of Law 10/2022, Art. 12(1), that a commune uses most."""

    PORTAL = "portal", _("Commune portal")
    NOTICE_BOARD = "notice_board", _("Notice board at the commune office")
    LOUDSPEAKER = "loudspeaker", _("Loudspeakers")
    VILLAGE_HEADS = "village_heads", _("Through village heads")
    MEETING = "meeting", _("Meetings and dialogues")
    LETTER = "letter", _("Letters to households")
    SOCIAL = "social", _("Social networks and messaging groups")
