"""The English pages Decree 42/2022 asked for: the apparatus and the contacts (/en/…)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.models import Site

from xaso.communes.models import Commune
from xaso.communes.selectors import commune_for_site
from xaso.core.text import fold

from .. import selectors
from ..models import ApparatusPage, ContactsPage

KIND_EN = {"xa": "Commune", "phuong": "Ward", "dac_khu": "Special Zone"}


def english_name(commune: Commune) -> str:
    """ "Liên Khê", a xã → "Lien Khe Commune" (Vietnamese names are written without marks)."""
    words = " ".join(word.capitalize() for word in fold(commune.name).split())
    return f"{words} {KIND_EN.get(commune.kind, 'Commune')}"


def _english(request: HttpRequest, page_type: type, template: str) -> HttpResponse:
    commune = commune_for_site(Site.find_for_request(request))
    page = selectors.english_page(commune, page_type) if commune else None
    if commune is None or page is None:
        raise Http404
    context = {
        "commune": commune,
        "commune_en": english_name(commune),
        "province_en": " ".join(word.capitalize() for word in fold(commune.province).split()),
        "vietnamese_url": page.url,
        "apparatus_url": "/en/apparatus/",
        "contacts_url": "/en/contacts/",
    }
    if page_type is ApparatusPage:
        context.update(selectors.apparatus(page=page), active="apparatus")
    else:
        context.update(selectors.contacts(page=page), active="contacts")
    with translation.override("en"):
        response = TemplateResponse(request, template, context)
        response.render()
    response["Content-Language"] = "en"
    return response


def apparatus_en(request: HttpRequest) -> HttpResponse:
    return _english(request, ApparatusPage, "about/en/apparatus.html")


def contacts_en(request: HttpRequest) -> HttpResponse:
    return _english(request, ContactsPage, "about/en/contacts.html")
