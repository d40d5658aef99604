"""The audit log of a commune, for its auditors and administrators: filter, read, export; its
entry in the reports menu, and how a personal-data export reads in it."""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports.audit_logging import (
    LogEntriesView,
    SiteHistoryReportFilterSet,
    get_users_for_filter,
)
from wagtail.log_actions import LogFormatter

from xaso.communes.models import Commune

from ..audit import AUDIT_PERMISSION, COMMUNE_KEY, PERSONAL_DATA_EXPORTS
from ..scoping import user_commune_ids


def communes_for_user(user: Any) -> Any:
    ids = user_commune_ids(user)
    communes = Commune.objects.order_by("province", "name")
    return communes if ids is None else communes.filter(pk__in=ids)


def may_read_audit_log(user: Any) -> bool:
    return bool(user.is_active and (user.is_superuser or user.has_perm(AUDIT_PERMISSION)))


class AuditLogFilterSet(SiteHistoryReportFilterSet):
    commune = django_filters.ModelChoiceFilter(
        label=_("Commune"),
        method="filter_commune",
        queryset=lambda request: communes_for_user(request.user),
    )

    def get_users_queryset(self) -> Any:
        # Wagtail offers only the users of page entries; records' editors are people too.
        return get_users_for_filter(self.request.user)

    def filter_commune(self, queryset: Any, name: str, value: Commune) -> Any:
        return queryset.filter(**{f"data__{COMMUNE_KEY}": value.pk})

    class Meta(SiteHistoryReportFilterSet.Meta):
        fields: list[str] = []


def _local(value: Any) -> Any:
    return timezone.localtime(value) if timezone.is_aware(value) else value


class AuditLogView(LogEntriesView):
    """Wagtail's site history (entries already narrowed to the user's communes by
    `audit.scope_log_entries`) with a commune filter, times in Vietnam's time zone."""

    page_title = _("Audit log")
    filterset_class = AuditLogFilterSet
    index_url_name = "accounts_audit_log"
    index_results_url_name = "accounts_audit_log_results"
    export_headings = {**LogEntriesView.export_headings, "commune_name": _("Commune")}
    list_export = [*LogEntriesView.list_export, "commune_name"]

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not may_read_audit_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Wagtail writes times in UTC; a commune reads them as the clock on its wall showed.
        self.custom_field_preprocess["timestamp"] = {
            self.FORMAT_CSV: lambda value: date_format(_local(value), "d/m/Y H:i:s"),
            self.FORMAT_XLSX: lambda value: timezone.make_naive(_local(value)),
        }

    def get_filename(self) -> str:
        return "nhat-ky-{}".format(timezone.localdate().strftime("%Y-%m-%d"))

    def decorate_paginated_queryset(self, queryset: Any) -> list[Any]:
        entries = super().decorate_paginated_queryset(queryset)
        names = dict(Commune.objects.values_list("pk", "name"))
        for entry in entries:
            data = entry.data if isinstance(entry.data, dict) else {}
            entry.commune_name = names.get(int(data.get(COMMUNE_KEY) or 0), "")
        return entries


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return may_read_audit_log(request.user)


def audit_log_menu_item() -> AuditLogMenuItem:
    """The audit log's entry in the reports menu, for those who may read it."""
    return AuditLogMenuItem(
        _("Audit log"),
        reverse("accounts_audit_log"),
        name="audit-log",
        icon_name="history",
        order=1000,
    )


class PersonalDataExportFormatter(LogFormatter):
    """Names what was exported and how many rows, when the entry says."""

    label = _("Export a list with personal data")
    message = _("List with personal data exported")

    def format_message(self, log_entry: Any) -> Any:
        data = log_entry.data if isinstance(log_entry.data, dict) else {}
        what = PERSONAL_DATA_EXPORTS.get(str(data.get("what", "")))
        rows = data.get("rows", data.get("households"))
        if what is None or not isinstance(rows, int):
            return self.message
        return ngettext(
            "Exported %(what)s: %(rows)d row", "Exported %(what)s: %(rows)d rows", rows
        ) % {"what": what, "rows": rows}
