from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor")
    APPROVER = "approver", _("Approver (editorial board)")
    ADMINISTRATOR = "administrator", _("Commune administrator")
    AUDITOR = "auditor", _("Auditor (read only)")
