"""The audit log by commune.

Every log entry records the commune it concerns (in its `data`, under "commune") when it is
written, so the record stays attributable after the object is deleted. Wagtail decides which
entries a user sees by content type alone; commune staff must see only their communes' entries, in
the site history, its exports and every history view, so `scope_log_entries` narrows Wagtail's
`viewable_by_user` to them. Holders of `accounts.view_audit_log` (auditors and commune
administrators) see every entry of their communes, whatever their other permissions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, Page

from xaso.communes.models import Commune

COMMUNE_KEY = "commune"
AUDIT_PERMISSION = "accounts.view_audit_log"
# Staff took a file of personal data out of the platform (a campaign's households, the audit
# log, …): who, what, how many rows, with which filters, of which commune.
PERSONAL_DATA_EXPORT_ACTION = "xaso.personal_data_export"
# What each export holds, as the audit log names it (`PersonalDataExportFormatter`).
PERSONAL_DATA_EXPORTS = {
    "audit_log": _("the audit log (account names, client addresses)"),
    "campaign_households": _("a campaign's households (names, addresses, phone numbers)"),
    "feedback_attachment": _("a file a resident attached to their submission"),
    "party_report": _("a party-cell report (officials in charge)"),
    "locked_pages": _("the locked pages report (who locked them)"),
    "aging_pages": _("the aging pages report (who published them)"),
    "workflows": _("the workflows report (who asked for approval)"),
    "workflow_tasks": _("the workflow tasks report (who asked and who approved)"),
}
_MAX_FILTERS = 20
_MAX_FILTER_CHARS = 200


def concrete(obj: Any) -> Any:
    """The object itself rather than a lazy stand-in (`request.user`), which the audit log
    cannot file under a model: `log()` would write nothing."""
    # django-otp wraps the lazy user of AuthenticationMiddleware in another one.
    while isinstance(obj, LazyObject):
        if obj._wrapped is empty:  # type: ignore[attr-defined]
            obj._setup()  # type: ignore[attr-defined]
        obj = obj._wrapped  # type: ignore[attr-defined]
    return obj


def _commune_id_by_page_path(path: str) -> int | None:
    return (
        Commune.objects.filter(site__root_page__path=path[: Page.steplen * 2])
        .values_list("pk", flat=True)
        .first()
    )


def commune_id_of(obj: Model) -> int | None:
    """The commune a page, record, image, document, group or user belongs to, if exactly one."""
    from .models import CommuneRole

    if isinstance(obj, Commune):
        return obj.pk
    if isinstance(obj, Page):
        return _commune_id_by_page_path(obj.path)
    lookup = getattr(type(obj), "commune_lookup", None)
    if lookup:  # e.g. "legal_document__commune"
        *path, last = lookup.split("__")
        target: Any = obj
        for part in path:
            target = getattr(target, part, None)
            if target is None:
                return None
        return getattr(target, f"{last}_id", None)
    commune_id = getattr(obj, "commune_id", None)
    if commune_id is not None:
        return int(commune_id)
    if isinstance(obj, Group):
        return CommuneRole.objects.filter(group=obj).values_list("commune_id", flat=True).first()
    if isinstance(obj, AbstractBaseUser):
        ids = set(
            CommuneRole.objects.filter(group__user=obj.pk).values_list("commune_id", flat=True)
        )
        return ids.pop() if len(ids) == 1 else None
    collection_id = getattr(obj, "collection_id", None)
    if collection_id is not None:
        path = Collection.objects.filter(pk=collection_id).values_list("path", flat=True).first()
        if path:
            return (
                Commune.objects.filter(collection__path=path[: Collection.steplen * 2])
                .values_list("pk", flat=True)
                .first()
            )
    return None


def _entry_commune_id(entry: Any) -> int | None:
    page_id = getattr(entry, "page_id", None)
    if page_id is not None:
        path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
        return _commune_id_by_page_path(path) if path else None
    model = entry.content_type.model_class() if entry.content_type_id else None
    if model is None:
        return None
    try:
        # By primary key alone: a model's default ordering may join other tables.
        obj = model._default_manager.filter(pk=entry.object_id).order_by().first()
    except (ValueError, ValidationError):
        return None
    return commune_id_of(obj) if obj is not None else None


def stamp_commune(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """pre_save of every log entry model: note the commune the entry concerns."""
    if raw or instance.pk is not None:
        return
    data = instance.data if isinstance(instance.data, dict) else {}
    if COMMUNE_KEY in data:
        return
    commune_id = _entry_commune_id(instance)
    if commune_id is not None:
        instance.data = {**data, COMMUNE_KEY: commune_id}


def scope_log_entries(manager_class: type) -> None:
    """Narrow `manager_class.viewable_by_user` to the entries of the user's communes."""
    original = manager_class.viewable_by_user  # type: ignore[attr-defined]
    if getattr(original, "commune_scoped", False):
        return

    def viewable_by_user(self: Any, user: Any) -> Any:
        from .scoping import user_commune_ids

        ids = user_commune_ids(user)
        if ids is None:  # a superuser
            return original(self, user)
        entries = self.all() if user.has_perm(AUDIT_PERMISSION) else original(self, user)
        return entries.filter(**{f"data__{COMMUNE_KEY}__in": sorted(ids)})

    viewable_by_user.commune_scoped = True  # type: ignore[attr-defined]
    manager_class.viewable_by_user = viewable_by_user  # type: ignore[attr-defined]


def export_filters(query: Mapping[str, Any]) -> dict[str, Any]:
    """The filters of an export request as the audit entry keeps them: the query string without
    the export's own parameters and empty values, each value cut short (the query is the
    client's to write)."""
    getlist = getattr(query, "getlist", None)
    kept: dict[str, Any] = {}
    for key in list(query)[:_MAX_FILTERS]:
        if key in ("export", "p", "next") or len(key) > 50:
            continue
        values = getlist(key) if getlist is not None else [query[key]]
        values = [str(value)[:_MAX_FILTER_CHARS] for value in values if str(value).strip()]
        if values:
            kept[key] = values[0] if len(values) == 1 else values[:_MAX_FILTERS]
    return kept


def personal_data_export_log(
    *,
    user: Any,
    instance: Model,
    what: str,
    rows: int,
    commune_id: int | None,
    filters: Mapping[str, Any] | None = None,
    file_format: str = "",
) -> Any:
    """One audit entry (`xaso.personal_data_export`) for a file of personal data leaving the
    platform, whatever the screen: `what` (a key of PERSONAL_DATA_EXPORTS), how many `rows`,
    with which `filters`, in which format, of which commune (None: several, the province's
    only). `instance` is what was exported from (a campaign, a commune, …)."""
    from wagtail.log_actions import log

    if what not in PERSONAL_DATA_EXPORTS:
        raise ValueError(f"unknown personal data export {what!r}")
    return log(
        instance=instance,
        action=PERSONAL_DATA_EXPORT_ACTION,
        user=user,
        data={
            "what": what,
            "rows": int(rows),
            "filters": dict(filters or {}),
            "format": file_format,
            COMMUNE_KEY: commune_id,
        },
    )


def _export_commune_id(view: Any) -> int | None:
    """The commune a report export concerns: the one its commune filter names (if the user's),
    else the user's only commune; None for several (the province)."""
    from .scoping import user_commune_ids

    ids = user_commune_ids(view.request.user)
    wanted = str(view.request.GET.get(COMMUNE_KEY, ""))
    if wanted.isdigit() and len(wanted) < 12 and (ids is None or int(wanted) in ids):
        return int(wanted)
    return next(iter(ids)) if ids is not None and len(ids) == 1 else None


def _row_count(rows: Any) -> int:
    return len(rows) if isinstance(rows, list | tuple) else int(rows.count())


def audit_spreadsheet_exports() -> None:
    """Every CSV or Excel export of Wagtail's report and listing views (`?export=csv|xlsx`:
    the audit log, the site history, the page and workflow reports, any viewset with
    `list_export`) goes through `SpreadsheetExportMixin.as_spreadsheet`. A view declares what it
    exports in `personal_data_export` (a key of PERSONAL_DATA_EXPORTS, or False when it holds
    no personal data); each export of one that holds personal data is audited. Wagtail's own
    views are declared here; `accounts/tests/test_exports.py` fails on an export route whose
    view declares nothing."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin
    from wagtail.admin.views.reports.aging_pages import AgingPagesView
    from wagtail.admin.views.reports.audit_logging import LogEntriesView
    from wagtail.admin.views.reports.locked_pages import LockedPagesView
    from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
    from wagtail.contrib.redirects.views import IndexView as RedirectsIndexView

    declared: dict[type, str | bool] = {
        LogEntriesView: "audit_log",  # the site history and xaso's audit log
        LockedPagesView: "locked_pages",
        AgingPagesView: "aging_pages",
        WorkflowView: "workflows",
        WorkflowTasksView: "workflow_tasks",
        RedirectsIndexView: False,  # addresses of pages only
    }
    for view_class, what in declared.items():
        view_class.personal_data_export = what  # type: ignore[attr-defined]
    original = SpreadsheetExportMixin.as_spreadsheet
    if getattr(original, "xaso_audited", False):
        return

    def as_spreadsheet(self: Any, queryset: Any, spreadsheet_format: str) -> Any:
        what = getattr(self, "personal_data_export", None)
        rows = _row_count(queryset) if what else 0
        response = original(self, queryset, spreadsheet_format)
        if what and response is not None:
            commune_id = _export_commune_id(self)
            commune = Commune.objects.filter(pk=commune_id).first() if commune_id else None
            personal_data_export_log(
                user=self.request.user,
                # Several communes' entries (the province's export): the account that took them.
                instance=commune if commune is not None else self.request.user,
                what=what,
                rows=rows,
                commune_id=commune.pk if commune is not None else None,
                filters=export_filters(self.request.GET),
                file_format=spreadsheet_format,
            )
        return response

    as_spreadsheet.xaso_audited = True  # type: ignore[attr-defined]
    SpreadsheetExportMixin.as_spreadsheet = as_spreadsheet
