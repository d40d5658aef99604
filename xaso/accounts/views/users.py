"""User management for commune administrators: their commune's staff, their commune's roles
(who may manage whom is `users.py`).

Wagtail lets anyone holding the user permissions see every account, make administrators and put
people in any group. A commune administrator instead sees and edits only the accounts holding a
role of their communes (never an administrator), can give only those roles, keeps whatever
roles an account has elsewhere, and cannot make anyone an administrator. A superuser (the
province) keeps Wagtail's full screens.

An account locked out after repeated failed sign-ins says so, and until when, in the list and on
its edit screen; whoever may manage it releases it there (`LockoutReleaseView`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.utils import get_user_display_name, get_valid_next_url_from_request
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

from xaso.core.admin import ServiceOperationView

from ..lockout import AccountLockout, account_lockouts
from ..scoping import user_commune_ids
from ..users import CHANGE_PERMISSION, credentials_manageable, grantable_groups, manageable_users


class _CommuneUserFormMixin:
    fields: dict[str, Any]
    instance: Any
    cleaned_data: dict[str, Any]

    def limit_to(self, user: Any) -> None:
        if user_commune_ids(user) is None:
            self.kept_groups: list[Group] = []
            return
        self.fields.pop("is_superuser", None)
        grantable = grantable_groups(user)
        self.fields["groups"].queryset = grantable
        self.fields["groups"].help_text = _("The roles this person has in your commune.")
        self.kept_groups = (
            list(self.instance.groups.exclude(pk__in=grantable.values("pk")))
            if self.instance.pk
            else []
        )
        self.must_have_role = True
        if self.instance.pk and not credentials_manageable(user, self.instance):
            # Someone with a role elsewhere, or a fellow administrator: not their password.
            for name in ("password1", "password2"):
                self.fields.pop(name, None)
            self._password_locked = True

    @property
    def password_enabled(self) -> bool:
        # Wagtail's save() reads the password fields when this is true.
        if getattr(self, "_password_locked", False):
            return False
        return bool(super().password_enabled)  # type: ignore[misc]

    def clean_groups(self) -> Any:
        chosen = self.cleaned_data.get("groups")
        if getattr(self, "must_have_role", False) and not chosen:
            raise ValidationError(
                _("Choose at least one role in your commune."), code="role_required"
            )
        if not getattr(self, "kept_groups", None):
            return chosen
        # Roles held in other communes stay as they are.
        return Group.objects.filter(
            pk__in=[g.pk for g in chosen or []] + [g.pk for g in self.kept_groups]
        )


def _form_class(base: type) -> type:
    return type(f"Commune{base.__name__}", (_CommuneUserFormMixin, base), {})


CommuneUserCreationForm = _form_class(wagtail_users.UserCreationForm)
CommuneUserEditForm = _form_class(wagtail_users.UserEditForm)


class _LimitedFormMixin:
    request: Any

    def get_form(self, *args: Any, **kwargs: Any) -> Any:
        form = super().get_form(*args, **kwargs)  # type: ignore[misc]
        form.limit_to(self.request.user)
        return form


class _ScopedObjectMixin:
    request: Any

    def get_object(self, queryset: Any = None) -> Any:
        from django.http import Http404

        obj = super().get_object()  # type: ignore[misc]
        if not manageable_users(type(obj)._default_manager.filter(pk=obj.pk), self.request.user):
            raise Http404
        return obj


def may_release_lockout(user: Any) -> bool:
    return bool(user.is_active and user.has_perm(CHANGE_PERMISSION))


def lockout_label(lockouts: list[AccountLockout]) -> str:
    """The words "Locked out until 10:45 12/03/2026" (the latest, when locked out from several
    addresses), or "" for an account that is not."""
    if not lockouts:
        return ""
    until = max(lockout.until for lockout in lockouts)
    return _("Locked out until %(time)s") % {
        "time": date_format(timezone.localtime(until), "H:i d/m/Y")
    }


class ActiveColumn(BooleanColumn):
    cell_template_name = "accounts/admin/tables/active_cell.html"


def _release_url(account: Any, next_url: str = "") -> str:
    url = reverse("wagtailusers_users:release_lockout", args=[account.pk])
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class IndexView(wagtail_users.IndexView):
    def get_base_queryset(self) -> Any:
        return manageable_users(super().get_base_queryset(), self.request.user)

    @cached_property
    def lockouts(self) -> dict[str, list[AccountLockout]]:
        return account_lockouts()

    @cached_property
    def columns(self) -> list[Any]:
        return [
            *(
                ActiveColumn(
                    column.name,
                    label=column.label,
                    sort_key=column.sort_key,
                    classname=column.classname,
                    width=column.width,
                )
                if isinstance(column, BooleanColumn) and column.name == "is_active"
                else column
                for column in super().columns
            ),
            Column(
                "lockout",
                accessor=lambda account: lockout_label(
                    self.lockouts.get(account.get_username(), [])
                ),
                label=gettext_lazy("Sign-in lockout"),
                width="15%",
            ),
        ]

    def get_list_more_buttons(self, instance: Any) -> list[Any]:
        buttons = list(super().get_list_more_buttons(instance))
        if self.lockouts.get(instance.get_username()) and may_release_lockout(self.request.user):
            buttons.append(
                Button(
                    _("Release the sign-in lockout"),
                    url=_release_url(instance, reverse("wagtailusers_users:index")),
                    icon_name="lock-open",
                    priority=5,
                )
            )
        return buttons


class CommuneUserFilterSet(wagtail_users.UserFilterSet):
    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        if request is not None:  # other communes' group names are theirs
            self.filters["group"].queryset = grantable_groups(request.user)


class CreateView(_LimitedFormMixin, wagtail_users.CreateView):
    pass


class EditView(_ScopedObjectMixin, _LimitedFormMixin, wagtail_users.EditView):
    @cached_property
    def header_more_buttons(self) -> list[Any]:
        from .. import second_factor

        buttons = list(super().header_more_buttons)
        account = self.object
        if second_factor.has_second_factor(account) and second_factor.may_reset(
            self.request.user, account
        ):
            buttons.append(
                Button(
                    _("Reset the second factor"),
                    url=reverse("accounts_second_factor_reset", args=[account.pk]),
                    icon_name="key",
                    priority=30,
                )
            )
        return buttons

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        username = self.object.get_username()
        return super().get_context_data(
            lockouts=account_lockouts([username]).get(username, []),
            may_release_lockout=may_release_lockout(self.request.user),
            release_lockout_url=_release_url(self.object),
            **kwargs,
        )


class DeleteView(_ScopedObjectMixin, wagtail_users.DeleteView):
    pass


class HistoryView(_ScopedObjectMixin, wagtail_users.HistoryView):
    pass


class LockoutReleaseView(ServiceOperationView):
    """Release an account's sign-in lockout (`services.account_lockout_release`): the account's
    lockouts and a button; the button posts here. Only for whoever may change accounts, only an
    account they manage (else "not found")."""

    model = get_user_model()
    template_name = "accounts/admin/lockout_release.html"
    form_class = forms.Form  # the button alone
    page_title = gettext_lazy("Release the sign-in lockout")
    header_icon = "lock-open"
    context_object_name = "account"
    follow_next = True

    def get_object(self) -> Any:
        # The right is asked before the account is looked up.
        if not may_release_lockout(self.request.user):
            raise PermissionDenied
        pk = str(self.kwargs.get("pk", ""))
        found = (
            manageable_users(self.model._default_manager.filter(pk=int(pk)), self.request.user)
            if pk.isdigit() and len(pk) < 12
            else None
        )
        account = found.first() if found is not None else None
        if account is None:
            raise Http404
        return account

    def get_page_subtitle(self) -> str:
        return get_user_display_name(self.object)

    def edit_url(self) -> str:
        return reverse("wagtailusers_users:edit", args=[self.object.pk])

    def get_parent_breadcrumbs(self) -> list[dict[str, Any]]:
        return [
            {"url": reverse("wagtailusers_users:index"), "label": _("Users")},
            {"url": self.edit_url(), "label": self.get_page_subtitle()},
        ]

    def lockouts(self) -> list[AccountLockout]:
        username = self.object.get_username()
        return account_lockouts([username]).get(username, [])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            lockouts=self.lockouts(),
            back_url=get_valid_next_url_from_request(self.request) or self.edit_url(),
            **kwargs,
        )

    def call_service(self, data: dict[str, Any]) -> bool:
        """Whether there was a lockout to release."""
        from ..services import account_lockout_release

        if not self.lockouts():
            return False
        account_lockout_release(user=self.request.user, account=self.object)
        return True

    def add_success_message(self) -> None:
        name = get_user_display_name(self.object)
        if self.result:
            messages.success(
                self.request, _("“%(name)s” may sign in again at once.") % {"name": name}
            )
        else:
            messages.info(self.request, _("“%(name)s” is not locked out.") % {"name": name})

    def get_success_url(self) -> str:
        return self.next_url or self.edit_url()


class CommuneUserViewSet(wagtail_users.UserViewSet):
    filterset_class = CommuneUserFilterSet
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    # Wagtail's, with the account's sign-in lockout above the form.
    edit_template_name = "accounts/admin/user_edit.html"

    def get_form_class(self, for_update: bool = False) -> Any:
        return CommuneUserEditForm if for_update else CommuneUserCreationForm

    def get_urlpatterns(self) -> list[Any]:
        return [
            *super().get_urlpatterns(),
            path(
                "release-lockout/<str:pk>/",
                LockoutReleaseView.as_view(),
                name="release_lockout",
            ),
        ]


# Bulk actions on the accounts list: only accounts the user may manage, only their roles.


class _ScopedUserBulkActionMixin:
    request: Any
    model: Any

    def check_perm(self, obj: Any) -> bool:
        manageable = manageable_users(
            type(obj)._default_manager.filter(pk=obj.pk), self.request.user
        )
        return super().check_perm(obj) and manageable.exists()  # type: ignore[misc]

    def get_all_objects_in_listing_query(self, parent_id: Any) -> Any:
        found = list(super().get_all_objects_in_listing_query(parent_id))  # type: ignore[misc]
        queryset = self.model.objects.filter(pk__in=found)
        return manageable_users(queryset, self.request.user).values_list("pk", flat=True)

    def get_execution_context(self) -> dict[str, Any]:
        return {**super().get_execution_context(), "acting_user": self.request.user}  # type: ignore[misc]


class ScopedAssignRoleBulkAction(_ScopedUserBulkActionMixin, AssignRoleBulkAction):
    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        form.fields["role"].queryset = grantable_groups(self.request.user)
        form.fields["role"].label = _("Role")
        return form

    @classmethod
    def execute_action(cls, objects: Any, role: Any = None, **kwargs: Any) -> Any:
        result = super().execute_action(objects, role=role, **kwargs)
        for account in objects if role is not None else []:
            log(instance=account, action="wagtail.edit", user=kwargs.get("acting_user"))
        return result


class ScopedSetActiveStateBulkAction(_ScopedUserBulkActionMixin, SetActiveStateBulkAction):
    @classmethod
    def execute_action(cls, objects: Any, **kwargs: Any) -> Any:
        result = super().execute_action(objects, **kwargs)
        acting = kwargs.get("acting_user")
        if kwargs.get("mark_as_active"):
            from ..idle import reactivated

            # The idle-account rule counts from now (a queryset update sends no signal).
            reactivated([a.pk for a in objects if acting is None or a.pk != acting.pk])
        for account in objects:
            if acting is None or account.pk != acting.pk:
                log(instance=account, action="wagtail.edit", user=acting)
        return result


class ScopedDeleteBulkAction(_ScopedUserBulkActionMixin, DeleteBulkAction):
    @classmethod
    def execute_action(cls, objects: Any, **kwargs: Any) -> Any:
        for account in objects:
            log(instance=account, action="wagtail.delete", user=kwargs.get("acting_user"))
        return super().execute_action(objects, **kwargs)
