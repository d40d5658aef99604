"""Writes of the province's portal: its site and home page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, Site

from xaso.communes.access import require_province
from xaso.core.text import nfc

from .models import ProvinceHomePage

PROVINCE_SLUG = "cong-tinh"


@transaction.atomic
def province_site_create(
    *,
    user: Any | None,
    name: str,
    province: str,
    hostname: str,
    intro: str = "",
) -> ProvinceHomePage:
    """The province's portal: its home page at the top of the page tree and the site answering
    at `hostname`. The province's alone; a second call with the same hostname and province
    changes nothing and returns the existing page."""
    require_province(user, "wagtailcore.add_site")
    hostname = hostname.strip().lower()
    name, province = nfc(name).strip(), nfc(province).strip()
    if not name or not province:
        raise ValidationError(_("Give the portal's name and the province's name."))
    site = Site.objects.filter(hostname=hostname).select_related("root_page").first()
    if site is not None:
        home = site.root_page.specific
        if isinstance(home, ProvinceHomePage) and home.province == province:
            return home
        raise ValidationError({"hostname": _("Another site already answers at this hostname.")})
    if ProvinceHomePage.objects.exists():
        raise ValidationError(_("The province already has its portal."))
    root = Page.get_first_root_node()
    home = ProvinceHomePage(title=name, slug=PROVINCE_SLUG, province=province, intro=intro)
    home.full_clean(exclude=["path", "depth"])
    root.add_child(instance=home)
    home.save_revision(user=user, log_action=False).publish(user=user)
    site = Site(hostname=hostname, port=80, root_page=home, site_name=name)
    site.full_clean()
    site.save()
    log(instance=home, action="wagtail.create", user=user)
    return home
