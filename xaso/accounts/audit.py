"""The audit log by commune.

Every log entry records the commune it concerns (in its `data`, under "commune") when it is
written, so the record stays attributable after the object is deleted. Wagtail decides which
entries a user sees by content type alone; commune staff must see only their communes' entries, in
the site history, its exports and every history view, so `scope_log_entries` narrows Wagtail's
`viewable_by_user` to them. Holders of `accounts.view_audit_log` (auditors and commune
administrators) see every entry of their communes, whatever their other permissions.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.functional import LazyObject, empty
from wagtail.models import Collection, Page

from xaso.communes.models import Commune

COMMUNE_KEY = "commune"
AUDIT_PERMISSION = "accounts.view_audit_log"
# Staff exported residents' personal data (a campaign's households, …): who, what, when.
PERSONAL_DATA_EXPORT_ACTION = "xaso.personal_data_export"


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
