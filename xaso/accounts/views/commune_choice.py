"""Which commune a dashboard shows, for those who read several (the province's roles): `?xa=<id>`
picks one of the communes the user reads; without it, all of them together. An id that is not
among them (another commune's, for a commune's staff) shows nothing of that commune: the user's
own figures are shown, with a message saying so."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail.admin import messages

from xaso.communes.models import Commune

from .audit import communes_for_user

COMMUNE_PARAM = "xa"


@dataclass
class CommuneChoice:
    """`commune`: the one chosen, or None for all the user's communes; `communes`: those offered
    in the select (none when the user reads only one)."""

    commune: Commune | None = None
    communes: list[Commune] = field(default_factory=list)
    param: str = COMMUNE_PARAM

    def query(self) -> dict[str, Any]:
        """The choice as query parameters, for links that keep it."""
        return {self.param: self.commune.pk} if self.commune is not None else {}


def commune_choice(request: HttpRequest) -> CommuneChoice:
    communes = list(communes_for_user(request.user))
    wanted = request.GET.get(COMMUNE_PARAM, "").strip()
    chosen = None
    if wanted:
        chosen = next((c for c in communes if wanted.isdigit() and c.pk == int(wanted)), None)
        if chosen is None:
            messages.warning(
                request,
                _("That commune is not one you may see; your communes' figures are shown."),
            )
    return CommuneChoice(commune=chosen, communes=communes if len(communes) > 1 else [])
