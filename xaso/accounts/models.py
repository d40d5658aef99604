"""Which commune and role each of the role groups stands for."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Role


class CommuneRole(models.Model):
    """A group made by `services.commune_roles_ensure`: one per commune and role.

    Group names can be edited by anyone who manages groups, so the commune a group works for
    is recorded here rather than read from its name.
    """

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="commune_role", verbose_name=_("group")
    )
    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.CASCADE,
        related_name="role_groups",
        verbose_name=_("commune"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("commune role")
        verbose_name_plural = _("commune roles")
        constraints = [
            models.UniqueConstraint(fields=["commune", "role"], name="accounts_one_group_per_role")
        ]
        permissions = [("view_audit_log", _("Can read the commune's audit log"))]

    def __str__(self) -> str:
        return self.group.name


class Reactivation(models.Model):
    """When a disabled account was last enabled again: the idle-account rule (`idle`) counts
    from then, or it would disable again at once an account nobody has signed in to yet."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reactivation",
        verbose_name=_("user"),
    )
    at = models.DateTimeField(_("enabled again at"))

    class Meta:
        verbose_name = _("account enabled again")
        verbose_name_plural = _("accounts enabled again")

    def __str__(self) -> str:
        return f"{self.user_id} {self.at:%Y-%m-%d}"
