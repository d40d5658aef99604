"""The compliance panel on the admin dashboard: what each of the user's communes still lacks."""

from __future__ import annotations

from typing import Any

from wagtail.admin.ui.components import Component

from ..compliance import findings_for


class CompliancePanel(Component):
    name = "compliance"
    order = 50
    template_name = "about/admin/compliance_panel.html"

    def __init__(self, user: Any, communes: list[Any]) -> None:
        self.user = user
        self.communes = communes  # those whose pages the user works on (compliance.communes_for)

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return {"communes": [(commune, findings_for(commune)) for commune in self.communes]}
