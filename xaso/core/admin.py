"""The admin's building blocks for writes through a service: a service's refusal is shown on the
form, never as a server error.

- `ServiceFormMixin` — Wagtail's create and edit views with `save_instance()` calling a service;
- `ServiceOperationView` — every other operation: one form on one object whose valid submission
  calls one service (resolve a task, classify a submission, move a household, import a workbook);
- `OverviewViewSetGroup` — a domain's admin menu opening on its dashboard.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.defaults import permission_denied
from django.views.generic.edit import FormMixin
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import BaseOperationView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names when the form has it."""
    if hasattr(error, "error_dict"):
        for name, problems in error.error_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.error_list)


def bound_panel(panels: list[Any], form_class: type, model: type) -> Any:
    """Panels bound to a model with their form class: a viewset's second form (e.g. its add
    view's, when editing shows other fields) passed as `panel` and `form_class`."""
    return ObjectList(panels, base_form_class=form_class).bind_to_model(model)


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


class ServiceOperationView(WagtailAdminTemplateMixin, BaseOperationView, FormMixin):
    """One form on one object whose valid submission calls one service.

    Built on Wagtail's `BaseOperationView` ("do X to this object"), with a form in front:

    - the object is looked up (`get_base_object_queryset()`, scoped to the user: another
      commune's is "not found"), then `check_permission()` decides; a view without a
      `pk_url_kwarg` in its URL works on no object (`self.object` is None);
    - GET shows the form; POST validates it and calls `call_service(cleaned_data)`, which calls
      the service with the user, the object and the data and returns what it returns
      (`self.result`);
    - the service's `ValidationError` comes back as errors on the form (`show_service_error()`),
      its `PermissionDenied` — like `check_permission()`'s — as a 403 page: here a refusal is
      answered, where Wagtail's own screens redirect to the dashboard with a message;
    - then the success message (`get_success_message()`) and the redirect
      (`get_success_url()`: a safe `?next=` when the view honours it, else
      `success_url_name` with the object's key).
    """

    template_name = "wagtailadmin/generic/form.html"
    permission_required = ""  # checked after the object is found; "" for none
    context_object_name = ""  # the object's name in the template's context too, e.g. "task"
    submit_button_label: Any = gettext_lazy("Save")
    submit_button_active_label: Any = gettext_lazy("Saving…")
    follow_next = False  # whether a safe `?next=` is where the view goes after success
    object: Any = None
    result: Any = None

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        # Not Wagtail's setup: the object is looked up in dispatch(), where a refusal answers 403.
        View.setup(self, request, *args, **kwargs)
        following = get_valid_next_url_from_request(request)
        secure = url_has_allowed_host_and_scheme(
            following, {request.get_host()}, require_https=request.is_secure()
        )
        self.next_url = following if self.follow_next and secure else ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            self.object = self.get_object()
            self.check_permission()
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as denied:
            return permission_denied(request, denied)

    def get_object(self) -> Any:
        if self.pk_url_kwarg not in self.kwargs:
            return None
        self.pk = self.get_pk()
        return super().get_object()

    def check_permission(self) -> None:
        """Raise `PermissionDenied` when the user may not take this step on this object."""
        if self.permission_required and not self.request.user.has_perm(self.permission_required):
            raise PermissionDenied

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form()
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def call_service(self, data: dict[str, Any]) -> Any:
        """Call the one service with `user=self.request.user`, the object and the data."""
        raise NotImplementedError

    def show_service_error(self, form: forms.BaseForm, error: ValidationError) -> None:
        add_service_errors(form, error)

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            self.result = self.call_service(form.cleaned_data)
        except ValidationError as error:
            self.show_service_error(form, error)
            return self.form_invalid(form)
        self.add_success_message()
        return redirect(self.get_success_url())

    def get_action_url(self) -> str:
        return self.request.get_full_path()

    def get_parent_breadcrumbs(self) -> list[dict[str, Any]]:
        """The crumbs between "Home" and this page: the listing, the object's page…"""
        return []

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            *self.get_parent_breadcrumbs(),
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.context_object_name:
            context[self.context_object_name] = self.object
        form = context.get("form")
        context.update(
            # The form's widgets bring their scripts (the date picker's `initDateChooser`).
            media=form.media if form is not None else forms.Media(),
            action_url=self.get_action_url(),
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_active_label,
        )
        return context


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


class LocationInspectMixin:
    """An inspect view showing a record's `latitude` and `longitude` as one "location": a link
    opening the place on a map, instead of two raw numbers (a dash when there is none)."""

    def get_field_label(self, field_name: str, field: Any) -> Any:
        if field_name == "latitude":
            return gettext_lazy("Location")
        return super().get_field_label(field_name, field)  # type: ignore[misc]

    def get_latitude_display_value(self) -> Any:
        record = self.object  # type: ignore[attr-defined]
        if record.latitude is None or record.longitude is None:
            return "—"
        return format_html(
            '<a href="https://www.openstreetmap.org/?mlat={lat}&amp;mlon={lon}#map=18/{lat}/{lon}"'
            ' target="_blank" rel="noopener">{label}</a>',
            lat=record.latitude,
            lon=record.longitude,
            label=gettext_lazy("Show the place on a map"),
        )
