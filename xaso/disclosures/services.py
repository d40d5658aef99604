"""Writes for disclosures (the posting period, the 5-working-day check, audit) and for the
national lists they use: kinds of disclosure and public holidays, the province's alone."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from xaso.communes.access import require_province
from xaso.core.calendar import working_days_after, working_days_between
from xaso.core.permissions import require_perm
from xaso.core.text import nfc_fields

from .choices import Channel
from .models import Disclosure, DisclosureIndexPage, DisclosureKind, Holiday

# Content every commune starts with (in the commune's language, not interface text).
INDEX_SLUG = "cong-khai"
INDEX_TITLE = "Công khai"
INDEX_INTRO = (
    "Thông tin xã công khai theo Luật Thực hiện dân chủ ở cơ sở: kế hoạch, ngân sách, dự án, "
    "đất đai, chính sách hỗ trợ, các khoản huy động đóng góp và danh mục công khai hằng quý."
)


def publication_delay(
    disclosure: Disclosure, holidays: Collection[datetime.date] | None = None
) -> int:
    """Working days from the decision to publication; `holidays`, when given, must hold every
    public holiday between the two (a caller checking many disclosures reads them once)."""
    start, end = disclosure.decision_date, disclosure.published_on
    if holidays is not None:
        return working_days_after(start, end, holidays)
    return working_days_between(start, end)


def is_late(disclosure: Disclosure, holidays: Collection[datetime.date] | None = None) -> bool:
    delay = publication_delay(disclosure, holidays)
    return delay > settings.XASO_DISCLOSURE_DEADLINE_WORKING_DAYS


@dataclass
class SavedDisclosure:
    disclosure: Disclosure
    late: bool
    working_days: int

    def warning(self) -> str | None:
        if not self.late:
            return None
        return _(
            "Published %(days)s working days after the decision: the law asks for no more than "
            "%(limit)s (Law 10/2022, Art. 12)."
        ) % {"days": self.working_days, "limit": settings.XASO_DISCLOSURE_DEADLINE_WORKING_DAYS}


def disclosure_check(disclosure: Disclosure) -> None:
    """Validate a disclosure (and fill in its posting period), as its save will: the admin's
    form shows the problems on its fields."""
    nfc_fields(disclosure, "title", "summary")
    errors: dict[str, list[str]] = {}
    codes = [code for code in dict.fromkeys(disclosure.channels or []) if code]
    unknown = [code for code in codes if code not in Channel.values]
    if unknown:
        errors["channels"] = [
            _("Unknown form of disclosure: %(codes)s.") % {"codes": ", ".join(unknown)}
        ]
    # Being on the portal is what this record is.
    disclosure.channels = [Channel.PORTAL, *(code for code in codes if code != Channel.PORTAL)]
    kind = disclosure.kind if disclosure.kind_id else None
    if kind is not None and disclosure.published_on and not kind.permanent:
        if disclosure.posted_until is None:
            disclosure.posted_until = disclosure.published_on + datetime.timedelta(
                days=kind.posting_days - 1
            )
        else:
            minimum = disclosure.published_on + datetime.timedelta(days=kind.posting_days - 1)
            if disclosure.posted_until < minimum:
                errors.setdefault("posted_until", []).append(
                    _("This kind stays posted at least %(days)s days: until %(date)s or later.")
                    % {"days": kind.posting_days, "date": minimum.strftime("%d/%m/%Y")}
                )
    published, decided = disclosure.published_on, disclosure.decision_date
    if published and decided and published < decided:
        errors.setdefault("published_on", []).append(
            _("A disclosure cannot be published before its decision.")
        )
    try:
        disclosure.full_clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def disclosure_save(*, user: Any | None, disclosure: Disclosure) -> SavedDisclosure:
    creating = disclosure.pk is None
    require_perm(
        user, "disclosures.add_disclosure" if creating else "disclosures.change_disclosure"
    )
    disclosure_check(disclosure)
    disclosure.save()
    log(instance=disclosure, action="wagtail.create" if creating else "wagtail.edit", user=user)
    days = publication_delay(disclosure)
    return SavedDisclosure(
        disclosure=disclosure,
        late=days > settings.XASO_DISCLOSURE_DEADLINE_WORKING_DAYS,
        working_days=days,
    )


@transaction.atomic
def disclosure_delete(*, user: Any | None, disclosure: Disclosure) -> None:
    require_perm(user, "disclosures.delete_disclosure")
    log(instance=disclosure, action="wagtail.delete", user=user)
    disclosure.delete()


@transaction.atomic
def required_pages_ensure(*, commune: Any, user: Any | None = None) -> None:
    from xaso.portal.services import page_add_and_publish

    if commune.site is None:
        return
    home = commune.site.root_page.specific
    if not DisclosureIndexPage.objects.descendant_of(home).exists():
        page_add_and_publish(
            user=user,
            parent=home,
            page=DisclosureIndexPage(
                title=INDEX_TITLE, slug=INDEX_SLUG, show_in_menus=True, intro=INDEX_INTRO
            ),
        )


@transaction.atomic
def disclosure_kind_save(*, user: Any | None, kind: DisclosureKind) -> DisclosureKind:
    """Create or change a kind of disclosure (Art. 11), shared by every commune."""
    creating = kind.pk is None
    perm = "disclosures.add_disclosurekind" if creating else "disclosures.change_disclosurekind"
    require_province(user, perm)
    nfc_fields(kind, "name", "section")
    kind.full_clean()
    kind.save()
    log(instance=kind, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return kind


@transaction.atomic
def holiday_save(*, user: Any | None, holiday: Holiday) -> Holiday:
    """Create or change a public holiday, shared by every commune: it moves the working-day
    deadlines of disclosures and of residents' feedback."""
    creating = holiday.pk is None
    require_province(user, "disclosures.add_holiday" if creating else "disclosures.change_holiday")
    nfc_fields(holiday, "name")
    holiday.full_clean()
    holiday.save()
    log(instance=holiday, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return holiday
