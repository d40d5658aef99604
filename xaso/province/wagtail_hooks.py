"""The province's registrations in the Wagtail admin: the roll-ups' URLs and menu item, shown
to the province's roles alone (`access.can_see_rollups`). The screens live in `views/`."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access import can_see_rollups
from .views.rollups import export, rollups


class RollupsMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return can_see_rollups(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[Any]:
    return [
        path("province/communes/", rollups, name="province_rollups"),
        path("province/communes/export.xlsx", export, name="province_rollups_export"),
    ]


@hooks.register("register_admin_menu_item")
def register_menu_item() -> MenuItem:
    return RollupsMenuItem(
        gettext_lazy("Communes at a glance"),
        reverse("province_rollups"),
        name="province-rollups",
        icon_name="table",
        order=150,
    )
