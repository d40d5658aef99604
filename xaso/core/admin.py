"""Admin views whose writes go through a service: its refusal is shown on the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names when the form has it."""
    if hasattr(error, "error_dict"):
        for name, problems in error.error_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.error_list)


class ServiceFormMixin:
    """A create or edit view whose `save_instance` calls a service: the service's refusal is
    shown on the form (its transaction rolled back), never as a server error."""

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except ValidationError as error:
            add_service_errors(form, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()  # type: ignore[attr-defined]
            return self.form_invalid(form)  # type: ignore[attr-defined]


class OverviewMenuItem(MenuItem):
    """A domain's dashboard, first in its menu, for whoever `shown(user)` lets see it."""

    def __init__(self, url_name: str, shown: Callable[[Any], bool]) -> None:
        super().__init__(
            gettext_lazy("Overview"),
            reverse_lazy(url_name),
            name=url_name,
            icon_name="view",
            order=0,
        )
        self.shown = shown

    def is_shown(self, request: HttpRequest) -> bool:
        return bool(self.shown(request.user))


class OverviewViewSetGroup(ViewSetGroup):
    """A domain's admin menu opening on its dashboard (`overview_url_name`)."""

    overview_url_name = ""

    def overview_shown(self, user: Any) -> bool:
        raise NotImplementedError

    def get_submenu_items(self) -> list[Any]:
        overview = OverviewMenuItem(self.overview_url_name, self.overview_shown)
        return [overview, *super().get_submenu_items()]
