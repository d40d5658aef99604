"""Permission checks used by services: the service decides, views only adapt."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_perm(user: Any | None, perm: str) -> None:
    """Raise PermissionDenied unless `user` holds `perm`.

    `user=None` is the system itself (migrations, management commands such as `load_demo`).
    """
    if user is None:
        return
    if not (user.is_active and user.has_perm(perm)):
        raise PermissionDenied(_("You do not have permission to do this."))
