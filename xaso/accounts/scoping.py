"""Commune scoping in the admin: staff of one commune never see nor touch another's records.

A user works for the communes of their role groups (`models.CommuneRole`, made by
`services.commune_roles_ensure`) and those whose home page one of their groups holds a page
permission on; a superuser works for all. Record
viewsets (legal documents, disclosures, units, officials, …) use `CommuneScopedViewSetMixin`:
their lists show only those communes' records, opening another's gives "not found" or
"permission denied", and every choice in their forms (the commune, an issuer, a unit) is
limited to them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.models import IndexView
from wagtail.models import GroupPagePermission, Page
from wagtail.permission_policies.base import ModelPermissionPolicy

from xaso.communes.models import Commune
from xaso.core.legacy_text import fix_legacy_values


def user_commune_ids(user: Any) -> set[int] | None:
    """The ids of the communes the user works for; None for all (a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    cached = getattr(user, "_xaso_commune_ids", None)
    if cached is not None:
        return set(cached)
    from .models import CommuneRole

    ids = set(CommuneRole.objects.filter(group__user=user).values_list("commune_id", flat=True))
    # Groups made by hand (e.g. by a province) work for the communes they hold pages of.
    paths = GroupPagePermission.objects.filter(group__user=user).values_list(
        "page__path", flat=True
    )
    roots = {path[: Page.steplen * 2] for path in paths}
    if roots:
        ids |= set(
            Commune.objects.filter(site__root_page__path__in=roots).values_list("pk", flat=True)
        )
    user._xaso_commune_ids = frozenset(ids)
    return ids


def _commune_lookup(model: type[Model]) -> str:
    """The path from `model` to its commune: "commune" or e.g. "legal_document__commune"."""
    return getattr(model, "commune_lookup", "commune")


def scope(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    ids = user_commune_ids(user)
    if ids is None:
        return queryset
    lookup = _commune_lookup(queryset.model)
    condition = Q(**{f"{lookup}__in": ids})
    field = queryset.model._meta.get_field(lookup.split("__")[0])
    if lookup == "commune" and field.null:  # shared entries (national issuing bodies)
        condition |= Q(commune__isnull=True)
    return queryset.filter(condition)


class CommuneScopedPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return self.user_has_permission(user, action) and self._in_scope(user, instance)

    def user_has_any_permission_for_instance(
        self, user: Any, actions: list[str], instance: Any
    ) -> bool:
        return self.user_has_any_permission(user, actions) and self._in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user: Any, actions: list[str]) -> Any:
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return scope(self.model._default_manager.all(), user)

    def _in_scope(self, user: Any, instance: Any) -> bool:
        return scope(type(instance)._default_manager.filter(pk=instance.pk), user).exists()


class _ScopedIndexMixin:
    """A list view showing only records of the user's communes."""

    request: Any

    def get_base_queryset(self) -> Any:
        return scope(super().get_base_queryset(), self.request.user)  # type: ignore[misc]


class CommuneScopedForm(WagtailAdminModelForm):
    """Every choice of a commune, or of a record that belongs to one, limited to the user's;
    text pasted in TCVN3 or VNI converted to Unicode."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        fix_legacy_values(cleaned)
        return cleaned

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is None:
            return
        ids = user_commune_ids(user)
        if ids is None:
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            model = queryset.model
            if model is Commune:
                field.queryset = queryset.filter(pk__in=ids)
                if len(ids) == 1 and not self.instance.pk:
                    field.initial = next(iter(ids))
            elif _has_commune(model):
                field.queryset = scope(queryset, user)
            elif model is get_user_model():
                from .users import manageable_users

                field.queryset = manageable_users(queryset, user)


def _has_commune(model: type[Model]) -> bool:
    try:
        model._meta.get_field(_commune_lookup(model).split("__")[0])
    except Exception:
        return False
    return True


def scoped(*models: type[Model]) -> None:
    """Register the commune-scoped permission policy for these models (before their viewsets
    are registered: Wagtail's edit, delete and inspect views ask it about each object)."""
    from wagtail.permissions import register_permission_policy

    for model in models:
        register_permission_policy(model, CommuneScopedPermissionPolicy(model))


class _ScopedObjectMixin:
    """An object view (edit, delete, inspect, history, usage) that finds only records of the
    user's communes: another commune's record is "not found"."""

    request: Any

    def get_base_object_queryset(self) -> Any:
        return scope(super().get_base_object_queryset(), self.request.user)  # type: ignore[misc]

    def get_queryset(self) -> Any:  # Django's SingleObjectMixin (the edit view) asks this
        return scope(super().get_queryset(), self.request.user)  # type: ignore[misc]

    def get_object(self, *args: Any, **kwargs: Any) -> Any:
        # Some views (Wagtail's inspect view) fetch the object without either queryset.
        found = super().get_object(*args, **kwargs)  # type: ignore[misc]
        if not scope(type(found)._default_manager.filter(pk=found.pk), self.request.user).exists():
            raise Http404
        return found


class _ScopedChooserMixin:
    """A chooser view (list, search, chosen) that offers only records of the user's communes."""

    request: Any
    model_class: Any

    def get_object_list(self) -> Any:
        return scope(super().get_object_list(), self.request.user)  # type: ignore[misc]

    def get_object(self, pk: Any) -> Any:
        return scope(self.model_class.objects.all(), self.request.user).get(pk=pk)

    def get_objects(self, pks: Any) -> Any:
        return scope(super().get_objects(pks), self.request.user)  # type: ignore[misc]


class CommuneScopedChooserViewSetMixin:
    def construct_view(self, view_class: Any, **kwargs: Any) -> Any:
        if not issubclass(view_class, _ScopedChooserMixin):
            view_class = type(f"Scoped{view_class.__name__}", (_ScopedChooserMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)  # type: ignore[misc]


class CommuneScopedViewSetMixin:
    """For a ModelViewSet or SnippetViewSet of commune-owned records (their models passed to
    `scoped`); a snippet's chooser is scoped too."""

    @property
    def chooser_viewset_class(self) -> Any:
        base = super().chooser_viewset_class  # type: ignore[misc]
        return type(f"Scoped{base.__name__}", (CommuneScopedChooserViewSetMixin, base), {})

    def construct_view(self, view_class: Any, **kwargs: Any) -> Any:
        if issubclass(view_class, _ScopedIndexMixin | _ScopedObjectMixin):
            pass
        elif issubclass(view_class, IndexView):
            view_class = type(f"Scoped{view_class.__name__}", (_ScopedIndexMixin, view_class), {})
        elif hasattr(view_class, "get_object"):
            view_class = type(f"Scoped{view_class.__name__}", (_ScopedObjectMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)  # type: ignore[misc]

    def get_form_class(self, for_update: bool = False) -> Any:
        form_class = super().get_form_class(for_update)  # type: ignore[misc]
        if issubclass(form_class, CommuneScopedForm):
            return form_class
        return type(
            f"Scoped{form_class.__name__}",
            (CommuneScopedForm, form_class),
            {"Meta": form_class.Meta, "__module__": form_class.__module__},
        )


# Rows by role: within the communes, only the rows a role may see (e.g. an official's own).


class _RowsIndexMixin:
    rows: Any = None
    request: Any

    def get_base_queryset(self) -> QuerySet[Any]:
        return self.rows(self.request.user)


class _RowsObjectMixin:
    rows: Any = None
    request: Any

    def get_object(self, *args: Any, **kwargs: Any) -> Any:
        found = super().get_object(*args, **kwargs)  # type: ignore[misc]
        if not self.rows(self.request.user).filter(pk=found.pk).exists():
            raise Http404
        return found


class RowScopedViewSetMixin:
    """A viewset whose lists and objects are those `row_queryset(user)` returns."""

    def row_queryset(self, user: Any) -> QuerySet[Any]:
        raise NotImplementedError

    def construct_view(self, view_class: Any, **kwargs: Any) -> Any:
        if issubclass(view_class, IndexView):
            mixin: type = _RowsIndexMixin
        elif hasattr(view_class, "get_object"):
            mixin = _RowsObjectMixin
        else:
            return super().construct_view(view_class, **kwargs)  # type: ignore[misc]
        view_class = type(f"Rows{view_class.__name__}", (mixin, view_class), {})
        return super().construct_view(view_class, rows=self.row_queryset, **kwargs)  # type: ignore[misc]
