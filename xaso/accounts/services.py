"""Per-commune role groups and staff accounts.

An editor writes and submits for approval; an approver (Ban biên tập) publishes; a commune
administrator also manages banners, slogans and portal settings; an auditor reads the commune's
records and its audit log and changes nothing. Permissions are granted on the commune's own page
tree and media collection only.
"""

from __future__ import annotations

import datetime
from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AbstractUser, Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    ModelLogEntry,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from xaso.communes.models import Commune
from xaso.core.clientip import parse_address
from xaso.core.permissions import require_perm
from xaso.core.text import nfc

from .choices import Role
from .lockout import (
    LOCKOUT_ACTION,
    LOCKOUT_RELEASE_ACTION,
    account_lockouts,
    cooloff_minutes,
    reset_address,
)
from .models import CommuneRole

_PAGE_PERMS = {
    Role.EDITOR: ["add_page", "change_page"],
    Role.APPROVER: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    Role.ADMINISTRATOR: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
    Role.AUDITOR: [],
    Role.PARTY_OFFICE: [],
    Role.PARTY_SUPERVISOR: [],
    Role.PARTY_OFFICIAL: [],
    Role.NTM_OFFICER: [],
    Role.CAMPAIGN_LEAD: [],
    Role.CAMPAIGN_OFFICIAL: [],
    Role.FEEDBACK_OFFICER: [],
}
_COLLECTION_PERMS = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]
_LEGAL_EDITOR = [
    "legal.add_legaldocument",
    "legal.change_legaldocument",
    "disclosures.add_disclosure",
    "disclosures.change_disclosure",
]
_LEGAL_APPROVER = [
    *_LEGAL_EDITOR,
    "legal.delete_legaldocument",
    "legal.change_draftcomment",
    "legal.view_draftcomment",
    "disclosures.delete_disclosure",
]
_AUDITOR = [
    "accounts.view_audit_log",
    "legal.view_legaldocument",
    "legal.view_draftcomment",
    "legal.view_procedure",
    "legal.view_issuer",
    "disclosures.view_disclosure",
    "communes.view_hamlet",
    "communes.view_official",
    "communes.view_unit",
    "portal.view_slogan",
    "portal.view_linkbanner",
    "ratings.view_rating",
]
_PARTY_MODELS = ["cell", "assignment", "crosscheckplan", "crosscheck", "meeting", "task"]
_PARTY_READ = [f"party.view_{model}" for model in _PARTY_MODELS]
_PARTY_OFFICE = [
    *(f"party.{action}_{model}" for model in _PARTY_MODELS for action in ("add", "change")),
    *_PARTY_READ,
    "party.delete_meeting",
    "party.delete_task",
    "party.view_all_cells",
    "party.change_partysettings",
    "party.view_partysettings",
]
_NTM_READ = [
    f"ntm.view_{model}"
    for model in ("criteriaset", "criterion", "indicator", "threshold", "programme", "assessment")
]
_NTM_OFFICER = [*_NTM_READ, "ntm.add_assessment", "ntm.change_assessment"]
_CAMPAIGN_READ = [
    f"campaigns.view_{model}" for model in ("campaign", "segment", "household", "visit")
]
# Row by row, their assigned households only (campaigns.selectors.households_for).
_CAMPAIGN_OFFICIAL = [
    *_CAMPAIGN_READ,
    "campaigns.move_household",
    "campaigns.add_visit",
    "campaigns.view_personal_data",
]
_CAMPAIGN_LEAD = [
    *_CAMPAIGN_OFFICIAL,
    *(
        f"campaigns.{action}_{model}"
        for model in ("campaign", "segment", "household")
        for action in ("add", "change")
    ),
    "campaigns.view_all_households",
]
_MODEL_PERMS = {
    Role.EDITOR: [*_LEGAL_EDITOR, "ratings.view_rating"],
    Role.APPROVER: [*_LEGAL_APPROVER, "ratings.view_rating", "ratings.change_rating"],
    Role.ADMINISTRATOR: [
        *_LEGAL_APPROVER,
        "ratings.view_rating",
        "ratings.change_rating",
        "legal.add_issuer",
        "legal.change_issuer",
        "legal.add_procedure",
        "legal.change_procedure",
        "legal.delete_procedure",
        "portal.add_slogan",
        "portal.change_slogan",
        "portal.delete_slogan",
        "portal.add_linkbanner",
        "portal.change_linkbanner",
        "portal.delete_linkbanner",
        "communes.add_hamlet",
        "communes.change_hamlet",
        "communes.add_official",
        "communes.change_official",
        "communes.add_unit",
        "communes.change_unit",
        "accounts.view_audit_log",
        "auth.add_user",  # of their commune, with its roles only: users.py
        "auth.change_user",
        *_NTM_OFFICER,
        "ntm.add_programme",
        "ntm.change_programme",
        # A campaign's progress, not its households (personal data).
        "campaigns.view_campaign",
        "campaigns.view_segment",
    ],
    Role.AUDITOR: _AUDITOR,
    Role.PARTY_OFFICE: _PARTY_OFFICE,
    # Row by row, their own cells only (party.selectors.cells_for).
    Role.PARTY_SUPERVISOR: _PARTY_READ,
    Role.PARTY_OFFICIAL: [*_PARTY_READ, "party.add_meeting", "party.change_meeting"],
    Role.NTM_OFFICER: _NTM_OFFICER,
    Role.CAMPAIGN_LEAD: _CAMPAIGN_LEAD,
    Role.CAMPAIGN_OFFICIAL: _CAMPAIGN_OFFICIAL,
    # The intake register (the sender's data included) and the published questions and answers.
    Role.FEEDBACK_OFFICER: [
        "feedback.view_submission",
        "feedback.change_submission",
        "feedback.view_question",
        "feedback.add_question",
        "feedback.change_question",
        "feedback.delete_question",
    ],
}


# The province viewer ("Tỉnh — xem báo cáo", made by migration 0009): no commune's role, every
# commune's dashboards, lists and reports to read. View permissions only, so every screen and
# service that changes something refuses them, and `communes.access.require_commune` refuses
# them too (they work for no commune). No residents' personal data: not the intake register
# (senders' names, addresses, phones, attachments), not the campaigns' households; the feedback
# dashboard and the roll-ups show them the counts without it.
PROVINCE_VIEWER_GROUP = "Tỉnh — xem báo cáo"
PROVINCE_VIEWER_PERMS = [
    "communes.view_all_communes",
    "wagtailadmin.access_admin",
    "communes.view_hamlet",
    "communes.view_official",
    "communes.view_unit",
    "legal.view_legaldocument",
    "legal.view_procedure",
    "legal.view_issuer",
    "disclosures.view_disclosure",
    "ratings.view_rating",
    *_PARTY_READ,
    "party.view_all_cells",
    *_NTM_READ,
    "campaigns.view_campaign",
    "campaigns.view_segment",
    "feedback.view_question",
]


@transaction.atomic
def province_viewer_ensure(*, user: Any | None = None) -> Group:
    """The province viewer's group with exactly its read permissions; the province's only."""
    if user is not None and not (user.is_active and user.is_superuser):
        raise PermissionDenied(_("You do not have permission to do this."))
    wanted = set(PROVINCE_VIEWER_PERMS)
    permissions = [
        p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in={dotted.split(".")[1] for dotted in wanted}
        )
        if f"{p.content_type.app_label}.{p.codename}" in wanted
    ]
    group, created = Group.objects.get_or_create(name=PROVINCE_VIEWER_GROUP)
    group.permissions.set(permissions)
    if created:
        log(instance=group, action="wagtail.create", user=user)
    return group


# Roles that upload images and documents (to the commune's collection): evidence included.
_EDITORIAL = (Role.EDITOR, Role.APPROVER, Role.ADMINISTRATOR, Role.NTM_OFFICER)


def role_group_name(commune: Commune, role: Role) -> str:
    return f"{commune.full_name} – {role.label}"


@transaction.atomic
def commune_roles_ensure(*, user: Any | None = None, commune: Commune) -> dict[Role, Group]:
    """Create (or complete) the commune's role groups; running it again changes nothing.

    Called for every new account, so it reads what exists in a few queries and writes only
    what is missing."""
    require_perm(user, "auth.add_group")
    assert commune.site is not None and commune.collection is not None
    home = commune.site.root_page
    wanted = {"wagtailadmin.access_admin"}
    for role in Role:
        wanted |= set(_MODEL_PERMS[role])
        wanted |= {f"wagtailcore.{codename}" for codename in _PAGE_PERMS[role]}
    wanted |= {
        f"{'wagtailimages' if codename.endswith('image') else 'wagtaildocs'}.{codename}"
        for codename in _COLLECTION_PERMS
    }
    permissions = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in={dotted.split(".")[1] for dotted in wanted}
        )
        if f"{p.content_type.app_label}.{p.codename}" in wanted
    }
    missing = wanted - set(permissions)
    if missing:  # a programming error: a permission named that no model has
        raise LookupError(f"unknown permissions: {sorted(missing)}")
    existing = {
        record.role: record
        for record in CommuneRole.objects.filter(commune=commune).select_related("group")
    }
    groups: dict[Role, Group] = {}
    for role in Role:
        record = existing.get(role)
        if record is not None:
            group, created = record.group, False
        else:
            group, created = Group.objects.get_or_create(name=role_group_name(commune, role))
            CommuneRole.objects.update_or_create(
                group=group, defaults={"commune": commune, "role": role}
            )
        model_perms = ["wagtailadmin.access_admin", *_MODEL_PERMS[role]]
        held = set(group.permissions.values_list("pk", flat=True))
        to_add = [permissions[d] for d in model_perms if permissions[d].pk not in held]
        if to_add:
            group.permissions.add(*to_add)
        page_perms = {permissions[f"wagtailcore.{codename}"].pk for codename in _PAGE_PERMS[role]}
        held_pages = set(
            GroupPagePermission.objects.filter(group=group, page=home).values_list(
                "permission_id", flat=True
            )
        )
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page=home, permission_id=pk)
            for pk in page_perms - held_pages
        )
        if role in _EDITORIAL:
            collection_perms = {
                permissions[f"{'wagtailimages' if c.endswith('image') else 'wagtaildocs'}.{c}"].pk
                for c in _COLLECTION_PERMS
            }
            held_collection = set(
                GroupCollectionPermission.objects.filter(
                    group=group, collection=commune.collection
                ).values_list("permission_id", flat=True)
            )
            GroupCollectionPermission.objects.bulk_create(
                GroupCollectionPermission(
                    group=group, collection=commune.collection, permission_id=pk
                )
                for pk in collection_perms - held_collection
            )
        if created:
            log(instance=group, action="wagtail.create", user=user)
        groups[role] = group
    # Portal settings: on the commune's own site only (Wagtail's per-site permission).
    settings_perm = Permission.objects.get(
        content_type__app_label="portal", codename="change_portalsettings"
    )
    GroupSitePermission.objects.get_or_create(
        group=groups[Role.ADMINISTRATOR], site=commune.site, permission=settings_perm
    )
    _approval_workflow_ensure(commune=commune, home=home, groups=groups)
    return groups


def _approval_workflow_ensure(*, commune: Commune, home: Any, groups: dict[Role, Group]) -> None:
    """Nothing under the commune's home page goes live without its editorial board's approval."""
    task, _created = GroupApprovalTask.objects.get_or_create(
        name=_("Editorial board of %(commune)s") % {"commune": commune.full_name}
    )
    task.groups.add(groups[Role.APPROVER], groups[Role.ADMINISTRATOR])
    workflow, _created = Workflow.objects.get_or_create(
        name=_("Approval – %(commune)s") % {"commune": commune.full_name}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


@transaction.atomic
def staff_user_create(
    *,
    user: Any | None = None,
    commune: Commune,
    role: Role,
    username: str,
    password: str,
    first_name: str,
    last_name: str,
    email: str = "",
) -> AbstractUser:
    require_perm(user, "auth.add_user")
    groups = commune_roles_ensure(user=user, commune=commune)
    model = get_user_model()
    account = model(
        username=username,
        first_name=nfc(first_name),
        last_name=nfc(last_name),
        email=email,
        is_staff=False,
    )
    account.set_password(password)
    account.full_clean()
    account.save()
    account.groups.add(groups[role])
    log(instance=account, action="wagtail.create", user=user)
    return account


def _may_manage(user: Any, account: Any) -> bool:
    from .users import manageable_users

    return manageable_users(type(account)._default_manager.filter(pk=account.pk), user).exists()


@transaction.atomic
def account_lockout_release(*, user: Any | None, account: AbstractBaseUser) -> int:
    """Lift every sign-in lockout of `account` at once, from whatever address: a commune
    administrator for an account they manage (their commune's staff), the province for any.
    `user=None` is the province's `manage.py unlock`. Returns how many failure records of the
    account were removed; the release is in the audit log, with the addresses it was locked
    out from."""
    if user is not None:
        require_perm(user, "auth.change_user")
        if not _may_manage(user, account):
            raise PermissionDenied(_("You do not have permission to do this."))
    username = account.get_username()
    locked = account_lockouts([username]).get(username, [])
    removed = axes_reset(username=username)
    log(
        instance=account,
        action=LOCKOUT_RELEASE_ACTION,
        user=user,
        data={
            "by": "command" if user is None else "admin",
            "addresses": [lockout.address for lockout in locked],
            "failures_removed": removed,
        },
    )
    return removed


@transaction.atomic
def address_lockout_release(*, user: Any | None, address: str) -> list[Any]:
    """Lift the lockouts of a client address at once: every account's failures from it (axes)
    and the address's own counter (`lockout.reset_address`). The province's only (a superuser,
    or `user=None`: `manage.py unlock`). Each existing account that was failing or locked out
    from the address gets an audit entry (made-up names have nothing to attach one to).
    Returns those accounts. A malformed address is refused with a ValidationError."""
    if user is not None and not (user.is_active and user.is_superuser):
        raise PermissionDenied(_("You do not have permission to do this."))
    parsed = parse_address(address)
    if parsed is None:
        raise ValidationError(
            _("“%(address)s” is not an IP address.") % {"address": address[:64]},
            code="invalid_address",
        )
    address = str(parsed)
    model = get_user_model()
    names = set(AccessAttempt.objects.filter(ip_address=address).values_list("username", flat=True))
    # The account whose failure locked the address out carries that lockout's entry.
    since = timezone.now() - datetime.timedelta(minutes=cooloff_minutes())
    locked_ids = ModelLogEntry.objects.filter(
        action=LOCKOUT_ACTION,
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        timestamp__gte=since,
        data__address=address,
    ).values_list("object_id", flat=True)
    accounts = list(
        model._default_manager.filter(
            Q(**{f"{model.USERNAME_FIELD}__in": [name for name in names if name]})
            | Q(pk__in=[pk for pk in locked_ids if str(pk).isdigit()])
        ).order_by("pk")
    )
    removed = axes_reset(ip=address)
    reset_address(address)
    for account in accounts:
        log(
            instance=account,
            action=LOCKOUT_RELEASE_ACTION,
            user=user,
            data={
                "by": "command" if user is None else "admin",
                "addresses": [address],
                "scope": "address",
                "failures_removed": removed,
            },
        )
    return accounts
