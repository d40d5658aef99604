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
from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.models import IndexView
from wagtail.models import Collection, GroupPagePermission, Page
from wagtail.permission_policies.base import ModelPermissionPolicy

from xaso.communes.models import Commune
from xaso.core.legacy_text import fix_legacy_values

VIEW_ALL_COMMUNES = "communes.view_all_communes"


def user_commune_ids(user: Any) -> set[int] | None:
    """The ids of the communes whose records the user may read: those of their roles, or every
    commune's for the province viewer (`communes.view_all_communes`, given as a set of ids, not
    None: nothing that treats None as "the province" treats the viewer so); None for all (a
    superuser)."""
    ids = user_role_commune_ids(user)
    if ids is None or not user.has_perm(VIEW_ALL_COMMUNES):
        return ids
    cached = getattr(user, "_xaso_all_commune_ids", None)
    if cached is None:
        cached = frozenset(Commune.objects.values_list("pk", flat=True))
        user._xaso_all_commune_ids = cached
    return set(cached)


def user_role_commune_ids(user: Any) -> set[int] | None:
    """The ids of the communes the user works for, with a role (where they may change what
    their role allows); None for all (a superuser)."""
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
    """Model permissions, on the records of the user's communes only. Shared entries (no
    commune: national issuing bodies) are read by all and changed by the province alone."""

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(
        self, user: Any, actions: list[str], instance: Any
    ) -> bool:
        if not user.is_superuser and _is_shared(instance):
            actions = [action for action in actions if action == "view"]
        return self.user_has_any_permission(user, actions) and self._in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user: Any, actions: list[str]) -> Any:
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return scope(self.model._default_manager.all(), user)

    def _in_scope(self, user: Any, instance: Any) -> bool:
        return scope(type(instance)._default_manager.filter(pk=instance.pk), user).exists()


def _is_shared(instance: Any) -> bool:
    return _commune_lookup(type(instance)) == "commune" and (
        getattr(instance, "commune_id", 0) is None
    )


class _ScopedIndexMixin:
    """A list view showing only records of the user's communes, and filters offering only
    those communes and their records."""

    request: Any

    def get_base_queryset(self) -> Any:
        return scope(super().get_base_queryset(), self.request.user)  # type: ignore[misc]

    @cached_property
    def filters(self) -> Any:
        filters = super().filters  # type: ignore[misc]
        if filters is not None:
            for name, item in filters.filters.items():
                queryset = getattr(item, "queryset", None)
                if isinstance(queryset, QuerySet):
                    item.queryset = limit_choices(queryset, self.request.user)
                    if name in filters.form.fields:  # the form is already made
                        filters.form.fields[name].queryset = item.queryset
        return filters


def limit_choices(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """The choices among `queryset` that belong to the user's communes: communes, their
    records, their images and documents, their accounts and role groups."""
    ids = user_commune_ids(user)
    if ids is None:
        return queryset
    model = queryset.model
    if model is Commune:
        return queryset.filter(pk__in=ids)
    if _has_commune(model):
        return scope(queryset, user)
    if model is get_user_model():
        from .users import manageable_users

        return manageable_users(queryset, user)
    if model is Group:
        return queryset.filter(commune_role__commune__in=ids)
    if _has_collection(model):
        return queryset.filter(
            collection__in=Collection.objects.filter(collections_of(ids)).values("pk")
        )
    return queryset


def _has_collection(model: type[Model]) -> bool:
    try:
        return model._meta.get_field("collection").related_model is Collection
    except FieldDoesNotExist:
        return False


def _under(paths: Any) -> Q:
    """Tree nodes (pages, collections) at or below any of these paths."""
    within = Q(pk__in=[])
    for path in paths:
        within |= Q(path__startswith=path)
    return within


def pages_of(ids: set[int]) -> Q:
    """The pages of these communes: their home pages and everything below."""
    return _under(
        Commune.objects.filter(pk__in=ids, site__isnull=False).values_list(
            "site__root_page__path", flat=True
        )
    )


def collections_of(ids: set[int]) -> Q:
    """The collections of these communes and those under them."""
    return _under(
        Commune.objects.filter(pk__in=ids, collection__isnull=False).values_list(
            "collection__path", flat=True
        )
    )


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
            field.queryset = limit_choices(queryset, user)
            if queryset.model is Commune and len(ids) == 1 and not self.instance.pk:
                field.initial = next(iter(ids))


def _has_commune(model: type[Model]) -> bool:
    try:
        model._meta.get_field(_commune_lookup(model).split("__")[0])
    except FieldDoesNotExist:
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
        queryset = super().get_queryset()  # type: ignore[misc]
        model = getattr(queryset, "model", None)
        if model is None or model is not getattr(self, "model", model):
            return queryset  # a history view's log entries, a usage view's references: of
            # its object, found scoped above
        return scope(queryset, self.request.user)

    def get_object(self, *args: Any, **kwargs: Any) -> Any:
        # Some views (Wagtail's inspect view) fetch the object without either queryset.
        found = super().get_object(*args, **kwargs)  # type: ignore[misc]
        if found is None:  # a create view (snippets' create views ask too)
            return None
        user = self.request.user
        if not scope(type(found)._default_manager.filter(pk=found.pk), user).exists():
            raise Http404
        changing = getattr(self, "permission_required", None) in ("change", "delete")
        if changing and _is_shared(found) and not user.is_superuser:
            raise PermissionDenied  # national entries are the province's
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


def scoped_viewset(viewset_class: type) -> type:
    """`viewset_class` scoped to the user's communes (and its model's permission policy
    registered), for a lower app's viewset that cannot name `CommuneScopedViewSetMixin`."""
    scoped(viewset_class.model)  # type: ignore[attr-defined]
    return type(
        f"Scoped{viewset_class.__name__}",
        (CommuneScopedViewSetMixin, viewset_class),
        {"__module__": viewset_class.__module__},
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
