"""The few records of xaso's own plumbing."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobLock(models.Model):
    """Who runs a periodic job now (xaso.core.jobs.exclusive): one row per job name, claimed by
    one conditional UPDATE, so that application servers whose timers fire at the same minute run
    it once between them."""

    name = models.CharField(_("name"), max_length=64, primary_key=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    # Nobody else starts the job before this moment: the claim's expiry while it runs (a holder
    # that crashed frees it then), the end of the shortest spacing between runs once it is done.
    until = models.DateTimeField(_("claimed until"))

    class Meta:
        verbose_name = _("job lock")
        verbose_name_plural = _("job locks")

    def __str__(self) -> str:
        return self.name
