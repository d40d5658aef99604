"""The compliance panel on the admin dashboard: what each of the user's communes still lacks."""

from __future__ import annotations

from typing import Any

from django.urls import Resolver404, resolve
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from ..compliance import Finding, findings_by_commune, is_complete

# The screens a finding links to, by URL namespace: the model whose permission they ask.
LINKED_MODELS = {
    "unit": "communes.{action}_unit",
    "official": "communes.{action}_official",
    "legaldocument": "legal.{action}_legaldocument",
    "procedure": "legal.{action}_procedure",
    "disclosure": "disclosures.{action}_disclosure",
}
ACTIONS = {"add": "add", "edit": "change", "index": "view"}


def may_follow(user: Any, url: str) -> bool:
    """Whether the user may do what a finding's link leads to: no link offered to an editor who
    would be told "you do not have permission" on the other side."""
    try:
        match = resolve(url)
    except Resolver404:
        return False
    if match.namespace in LINKED_MODELS:
        action = ACTIONS.get(match.url_name or "", "change")
        return bool(user.has_perm(LINKED_MODELS[match.namespace].format(action=action)))
    page_id = match.kwargs.get("page_id") or match.kwargs.get("parent_page_id")
    page = Page.objects.filter(pk=page_id).first() if page_id else None
    if page is None:
        return False
    permissions = page.permissions_for_user(user)
    if match.namespace == "wagtailadmin_pages" and match.url_name == "edit":
        return bool(permissions.can_edit())
    if match.url_name == "wagtailadmin_explore":
        return bool(permissions.can_add_subpage())
    return False


class CompliancePanel(Component):
    name = "compliance"
    order = 50
    template_name = "about/admin/compliance_panel.html"

    def __init__(self, user: Any, communes: list[Any]) -> None:
        self.user = user
        self.communes = communes  # those whose pages the user works on (compliance.communes_for)

    def linked(self, findings: list[Finding]) -> list[tuple[Finding, bool]]:
        known: dict[str, bool] = {}
        for finding in findings:
            if finding.url not in known:
                known[finding.url] = may_follow(self.user, finding.url)
        return [(finding, known[finding.url]) for finding in findings]

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        found = findings_by_commune(self.communes)
        return {
            "communes": [
                (commune, self.linked(found[commune.pk]), is_complete(found[commune.pk]))
                for commune in self.communes
            ]
        }
