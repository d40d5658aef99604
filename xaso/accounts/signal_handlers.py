"""Security events in the audit log: sign-ins, sign-outs, refused sign-ins and lockouts (with the
client's address), sessions ended by their time limits, role changes. Every entry notes its
commune."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from . import lockout, sessions

ROLES_ACTION = "xaso.roles_change"
SESSION_EXPIRED_ACTION = "xaso.session_expired"


def _address(request: Any) -> dict[str, str]:
    from xaso.core.clientip import client_address

    return {"address": client_address(request)} if request is not None else {}


def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from wagtail.log_actions import log

    if request is not None and hasattr(request, "session"):
        sessions.start(request.session)
    log(instance=user, action="xaso.login", user=user, data=_address(request))


def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from wagtail.log_actions import log

    if user is None:
        return
    ended = getattr(request, "xaso_session_ended", None)
    if ended:  # by `sessions.SessionLimitMiddleware`, not by the user
        log(instance=user, action=SESSION_EXPIRED_ACTION, user=None, data={"reason": ended})
    else:
        log(instance=user, action="xaso.logout", user=user)


def _login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    from wagtail.log_actions import log

    # Only for an existing account (no record of made-up names); never the password.
    username = str(credentials.get("username", ""))[:150]
    lockout.count_failure(request, username)
    user = get_user_model().objects.filter(username=username).first()
    if user is not None:
        log(instance=user, action="xaso.login_failed", user=None, data=_address(request))


def _locked_out(sender: Any, request: Any = None, username: Any = None, **kwargs: Any) -> None:
    lockout.record_lockout(request, username)


def _group_names(pks: Any) -> list[str]:
    from django.contrib.auth.models import Group

    return sorted(Group.objects.filter(pk__in=pks or ()).values_list("name", flat=True))


def _roles_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    """An account's groups changed (the user forms, the bulk action, the services, a group's
    members): who gained or lost which role. The acting user is Wagtail's log context's."""
    from django.contrib.auth.models import Group
    from wagtail.log_actions import log

    if action == "pre_clear":
        # Which groups a clear removes, read before they go.
        if reverse:
            instance._xaso_cleared = list(instance.user_set.values_list("pk", flat=True))
        else:
            instance._xaso_cleared = list(instance.groups.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    key = "added" if action == "post_add" else "removed"
    if action == "post_clear":
        pk_set = getattr(instance, "_xaso_cleared", [])
    if not pk_set:
        return
    if reverse:  # group.user_set.add(…): each account gained or lost this one role
        accounts = list(get_user_model().objects.filter(pk__in=pk_set))
        changes = [
            (account, [instance.name]) for account in accounts if isinstance(instance, Group)
        ]
    else:
        changes = [(instance, _group_names(pk_set))]
    for account, names in changes:
        log(instance=account, action=ROLES_ACTION, data={key: names})


def _note_reactivation(
    sender: Any, instance: Any, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    """pre_save of an account: is it being enabled again? (`idle`)"""
    if raw or instance.pk is None or not instance.is_active:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return  # e.g. the last sign-in's time
    was_active = (
        type(instance)
        ._default_manager.filter(pk=instance.pk)
        .values_list("is_active", flat=True)
        .first()
    )
    instance._xaso_reactivated = was_active is False


def _record_reactivation(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw and getattr(instance, "_xaso_reactivated", False):
        from .idle import reactivated

        instance._xaso_reactivated = False
        reactivated([instance.pk])


def _commune_completed(sender: Any, commune: Any, user: Any = None, **kwargs: Any) -> None:
    """A new commune gets its role groups at once (permissions on its finished home page)."""
    from xaso.communes.models import Commune

    from .services import commune_roles_ensure

    fresh = Commune.objects.select_related("site__root_page", "collection").get(pk=commune.pk)
    commune_roles_ensure(user=user, commune=fresh)


def connect() -> None:
    from axes.signals import user_locked_out
    from django.db.models.signals import m2m_changed, post_save, pre_save
    from wagtail.models import ModelLogEntry, PageLogEntry

    from xaso.communes.signals import commune_completed

    from .audit import stamp_commune

    commune_completed.connect(_commune_completed, dispatch_uid="accounts_commune_roles")

    for log_model in (ModelLogEntry, PageLogEntry):
        pre_save.connect(stamp_commune, sender=log_model, dispatch_uid=f"xaso_audit_{log_model}")
    user_logged_in.connect(_logged_in, dispatch_uid="xaso_audit_login")
    user_logged_out.connect(_logged_out, dispatch_uid="xaso_audit_logout")
    user_login_failed.connect(_login_failed, dispatch_uid="xaso_audit_login_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="xaso_audit_lockout")
    m2m_changed.connect(
        _roles_changed, sender=get_user_model().groups.through, dispatch_uid="xaso_audit_roles"
    )
    pre_save.connect(
        _note_reactivation, sender=get_user_model(), dispatch_uid="xaso_account_reactivation"
    )
    post_save.connect(
        _record_reactivation, sender=get_user_model(), dispatch_uid="xaso_account_reactivated"
    )
