"""Whom a commune administrator may manage: the accounts holding a role of their communes
(never an administrator), the roles they may give, whose password and second factor they may
reset. The province (a superuser) manages everyone. The screens are `views/users.py`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db.models import QuerySet

# Managing accounts is a change: by role only (the province viewer manages nobody).
from .scoping import user_role_commune_ids as user_commune_ids

CHANGE_PERMISSION = "auth.change_user"


def manageable_users(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """The accounts `user` may see and edit."""
    ids = user_commune_ids(user)
    if ids is None:
        return queryset
    in_scope = queryset.model._default_manager.filter(
        groups__commune_role__commune__in=ids, is_superuser=False
    ).values("pk")
    return queryset.filter(pk__in=in_scope)


def credentials_manageable(user: Any, account: Any) -> bool:
    """Whether `user` may set the password or reset the second factor of `account`: the
    province for anyone; a commune administrator only for an account that works for none but
    their communes and is not an administrator itself. Taking over an account with a role
    elsewhere would hand them that other commune."""
    from django.contrib.auth import get_user_model

    ids = user_commune_ids(user)
    if ids is None:
        return True
    if account.is_superuser:
        return False
    if not manageable_users(get_user_model().objects.filter(pk=account.pk), user).exists():
        return False
    theirs = user_commune_ids(account)  # not None: not a superuser
    return (
        bool(theirs)
        and theirs is not None
        and theirs <= ids
        and not account.has_perm("auth.change_user")
    )


def grantable_groups(user: Any) -> QuerySet[Group]:
    ids = user_commune_ids(user)
    groups = Group.objects.order_by("name")
    return groups if ids is None else groups.filter(commune_role__commune__in=ids)
