"""The compliance panel on the admin dashboard: what each of the user's communes still lacks."""

from __future__ import annotations

from typing import Any

from wagtail.admin.ui.components import Component

from ..compliance import findings_by_commune, is_complete


class CompliancePanel(Component):
    name = "compliance"
    order = 50
    template_name = "about/admin/compliance_panel.html"

    def __init__(self, user: Any, communes: list[Any]) -> None:
        self.user = user
        self.communes = communes  # those whose pages the user works on (compliance.communes_for)

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        found = findings_by_commune(self.communes)
        return {
            "communes": [
                (commune, found[commune.pk], is_complete(found[commune.pk]))
                for commune in self.communes
            ]
        }
