"""The guide of the user's roles in the admin ("Hướng dẫn"): the list, and one guide."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem

from .. import guide


def guide_index(request: HttpRequest) -> HttpResponse:
    names = guide.guides_for(request.user)
    return TemplateResponse(
        request,
        "accounts/admin/guide_index.html",
        {
            "page_title": _("Guide"),
            "header_icon": "help",
            "guides": [(name, guide.title_of(name)) for name in names],
        },
    )


def guide_detail(request: HttpRequest, role: str) -> HttpResponse:
    if role not in guide.guides_for(request.user):
        raise Http404
    body = guide.render(role)
    if body is None:
        raise Http404
    return TemplateResponse(
        request,
        "accounts/admin/guide_detail.html",
        {"page_title": guide.title_of(role), "header_icon": "help", "body": body},
    )


def guide_menu_item() -> MenuItem:
    return MenuItem(
        gettext_lazy("Guide for my work"),
        reverse("accounts_guide"),
        name="xaso-guide",
        icon_name="help",
    )


def keep_own_help(request: Any, menu_items: list[Any]) -> None:
    """Wagtail's help menu links to its English guides and release notes: ours instead."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]
