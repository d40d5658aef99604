"""Writes for communes, units, hamlets and officials: permission check, validation, audit,
atomically. A new commune gets its site and collection here; the apps above add what every
commune must have (the portal its home page, others their required pages) on `commune_created`."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Collection, Page, Site

from xaso.core.permissions import require_perm
from xaso.core.tasks import coalesced
from xaso.core.text import nfc_fields

from .access import require_own, require_province
from .choices import CommuneKind
from .hosts import host_owner, normalise_hostname
from .models import Commune, CommuneHost, CommuneSuccession, Hamlet, Official, Unit
from .signals import commune_completed, commune_created


def _page_root() -> Page:
    """Wagtail's root page, made again (with the default locale) if the database lost it."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


@transaction.atomic
def commune_create(
    *,
    user: Any | None = None,
    name: str,
    province: str,
    slug: str,
    hostname: str,
    kind: str = CommuneKind.COMMUNE,
    district: str = "",
    official_code: str = "",
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    is_default_site: bool = False,
) -> Commune:
    """Create a commune with its own Wagtail site and media collection; `commune_created` then
    gives it its home page (the portal, which points the site at it) and required pages, and
    `commune_completed` its role groups (accounts)."""
    require_perm(user, "communes.add_commune")
    commune = Commune(
        name=name,
        kind=kind,
        province=province,
        district=district,
        official_code=official_code,
        slug=slug,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    nfc_fields(commune, "name", "province", "district")
    commune.full_clean(exclude=["site"])
    try:
        hostname = normalise_hostname(hostname)
    except ValidationError as error:
        raise ValidationError({"hostname": error.messages}) from error
    if host_owner(hostname) is not None:
        raise ValidationError({"hostname": _("Another site already answers at this hostname.")})

    if is_default_site:
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
    # Rooted at the tree's root until the portal builds the commune's home page on
    # `commune_created` and points the site at it.
    site = Site(
        hostname=hostname,
        port=80,
        root_page=_page_root(),
        site_name=commune.full_name,
        is_default_site=is_default_site,
    )
    site.full_clean()
    site.save()
    collection_root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    commune.collection = collection_root.add_child(instance=Collection(name=commune.full_name))
    commune.site = site
    commune.save()

    log(instance=commune, action="wagtail.create", user=user)
    with coalesced():  # each page's reference and search update once, after all are made
        commune_created.send(sender=Commune, commune=commune, user=user)
        commune_completed.send(sender=Commune, commune=commune, user=user)
    return commune


def _refuse_taken(alias: CommuneHost) -> None:
    owner = host_owner(alias.hostname, besides=alias)
    if owner is not None:
        raise ValidationError(
            {
                "hostname": _("%(owner)s already answers at %(host)s.")
                % {"owner": owner, "host": alias.hostname}
            }
        )


@transaction.atomic
def commune_host_add(*, user: Any | None = None, commune: Commune, hostname: str) -> CommuneHost:
    """Have the commune answer at another host name too (an alias: redirected to its own);
    the province's only. Every process knows it from its next request (`hosts.py`)."""
    require_province(user, "communes.change_commune")
    alias = CommuneHost(commune=commune, hostname=normalise_hostname(hostname))
    _refuse_taken(alias)
    alias.full_clean()
    alias.save()
    log(instance=alias, action="wagtail.create", user=user)
    return alias


@transaction.atomic
def commune_host_update(*, user: Any | None = None, alias: CommuneHost) -> CommuneHost:
    """Save a changed alias (another host name, or another commune); the province's only."""
    require_province(user, "communes.change_commune")
    alias.hostname = normalise_hostname(alias.hostname)
    _refuse_taken(alias)
    alias.full_clean()
    alias.save()
    log(instance=alias, action="wagtail.edit", user=user)
    return alias


@transaction.atomic
def commune_host_remove(*, user: Any | None = None, alias: CommuneHost) -> None:
    """Stop answering at an alias (the next request to it is refused); the province's only."""
    require_province(user, "communes.change_commune")
    log(instance=alias, action="wagtail.delete", user=user)
    alias.delete()


@transaction.atomic
def commune_update(*, user: Any | None = None, commune: Commune) -> Commune:
    """Save changes to a commune's own fields; its site keeps the commune's full name."""
    require_perm(user, "communes.change_commune")
    nfc_fields(commune, "name", "province", "district")
    commune.full_clean()
    commune.save()
    if commune.site is not None and commune.site.site_name != commune.full_name:
        commune.site.site_name = commune.full_name
        commune.site.save(update_fields=["site_name"])
    log(instance=commune, action="wagtail.edit", user=user)
    return commune


@transaction.atomic
def hamlet_save(*, user: Any | None = None, hamlet: Hamlet) -> Hamlet:
    """Create or change a hamlet of a commune the user works for."""
    creating = hamlet.pk is None
    require_perm(user, "communes.add_hamlet" if creating else "communes.change_hamlet")
    require_own(user, hamlet)
    nfc_fields(hamlet, "name")
    hamlet.full_clean()
    hamlet.save()
    log(instance=hamlet, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return hamlet


def hamlet_create(
    *, user: Any | None = None, commune: Commune, name: str, sort_order: int = 0
) -> Hamlet:
    return hamlet_save(user=user, hamlet=Hamlet(commune=commune, name=name, sort_order=sort_order))


@transaction.atomic
def official_save(*, user: Any | None = None, official: Official) -> Official:
    """Create or change an official of a commune the user works for; their unit must be of
    the same commune."""
    creating = official.pk is None
    require_perm(user, "communes.add_official" if creating else "communes.change_official")
    require_own(user, official)
    if official.unit is not None and official.unit.commune_id != official.commune_id:
        raise ValidationError({"unit": _("The unit belongs to another commune.")})
    nfc_fields(official, "full_name", "position", "position_en", "biography", "duties")
    official.full_clean()
    official.save()
    log(instance=official, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return official


def official_create(
    *,
    user: Any | None = None,
    commune: Commune,
    full_name: str,
    position: str,
    unit: Unit | None = None,
    phone: str = "",
    email: str = "",
    biography: str = "",
    duties: str = "",
    sort_order: int = 0,
    position_en: str = "",
    is_leader: bool = False,
    is_contact: bool = False,
) -> Official:
    official = Official(
        commune=commune,
        full_name=full_name,
        position=position,
        position_en=position_en,
        unit=unit,
        phone=phone,
        email=email,
        biography=biography,
        duties=duties,
        sort_order=sort_order,
        is_leader=is_leader,
        is_contact=is_contact,
    )
    return official_save(user=user, official=official)


@transaction.atomic
def unit_save(*, user: Any | None = None, unit: Unit) -> Unit:
    """Create or change a unit of the apparatus; its parent must be of the same commune and
    not below it (the chart is a tree)."""
    creating = unit.pk is None
    require_perm(user, "communes.add_unit" if creating else "communes.change_unit")
    require_own(user, unit)
    nfc_fields(unit, "name", "name_en", "functions", "functions_en", "address")
    parent = unit.parent
    if parent is not None:
        if parent.commune_id != unit.commune_id:
            raise ValidationError({"parent": _("The parent unit belongs to another commune.")})
        seen = {unit.pk} if unit.pk else set()
        while parent is not None:
            if parent.pk in seen:
                raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
            seen.add(parent.pk)
            parent = parent.parent
    unit.full_clean()
    unit.save()
    log(instance=unit, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return unit


# Successions: how units merged into or were renamed as others --------------------------------


def _leads_to(start: int, goal: int, *, besides: int | None) -> bool:
    """Whether the successions (but `besides`) lead from the unit `start` to the unit `goal`."""
    edges: dict[int, set[int]] = {}
    others = CommuneSuccession.objects.all()
    if besides is not None:
        others = others.exclude(pk=besides)
    rows = others.values_list("predecessor", "successor")
    for predecessor, successor in rows:
        edges.setdefault(predecessor, set()).add(successor)
    seen, stack = {start}, [start]
    while stack:
        for following in edges.get(stack.pop(), ()):
            if following == goal:
                return True
            if following not in seen:
                seen.add(following)
                stack.append(following)
    return False


@transaction.atomic
def commune_succession_record(
    *, user: Any | None = None, succession: CommuneSuccession
) -> CommuneSuccession:
    """Record, or save a change to, a unit that merged into or was renamed as another; the
    province's only. No unit succeeds itself, nor one of the units that succeed it (a cycle)."""
    created = succession.pk is None
    action = "add" if created else "change"
    require_province(user, f"communes.{action}_communesuccession")
    predecessor, successor = succession.predecessor_id, succession.successor_id
    if predecessor is not None and predecessor == successor:
        raise ValidationError({"successor": _("A unit cannot succeed itself.")})
    if predecessor and successor and _leads_to(successor, predecessor, besides=succession.pk):
        raise ValidationError(
            {
                "successor": _(
                    "%(predecessor)s already succeeds %(successor)s, directly or through other "
                    "units: recording this would make a cycle."
                )
                % {"predecessor": succession.predecessor, "successor": succession.successor}
            }
        )
    nfc_fields(succession, "legal_basis")
    succession.full_clean()
    succession.save()
    log(instance=succession, action="wagtail.create" if created else "wagtail.edit", user=user)
    return succession


@transaction.atomic
def commune_succession_remove(*, user: Any | None = None, succession: CommuneSuccession) -> None:
    """Remove a succession recorded by mistake; the province's only."""
    require_province(user, "communes.delete_communesuccession")
    log(instance=succession, action="wagtail.delete", user=user)
    succession.delete()
