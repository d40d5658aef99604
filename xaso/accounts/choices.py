from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor")
    APPROVER = "approver", _("Approver (editorial board)")
    ADMINISTRATOR = "administrator", _("Commune administrator")
    AUDITOR = "auditor", _("Auditor (read only)")
    PARTY_OFFICE = "party_office", _("Party committee office")
    PARTY_SUPERVISOR = "party_supervisor", _("Standing Committee member")
    PARTY_OFFICIAL = "party_official", _("Official in charge of a party cell")
    NTM_OFFICER = "ntm_officer", _("New Rural programme officer")
    CAMPAIGN_LEAD = "campaign_lead", _("Campaign lead")
    CAMPAIGN_OFFICIAL = "campaign_official", _("Official canvassing households")
    FEEDBACK_OFFICER = "feedback_officer", _("Officer receiving residents' feedback")
