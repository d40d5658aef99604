"""The portal reacting to other apps: a new commune gets its home page; cached pages follow
every change that can show on them."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move


def _changed(sender: Any, **kwargs: Any) -> None:
    from .cache import invalidate

    invalidate()


def _settings_saved(sender: Any, created: bool = False, **kwargs: Any) -> None:
    # Settings are created with their defaults the first time a page is rendered; only an
    # edit changes what pages show.
    if not created:
        _changed(sender)


def _commune_created(sender: Any, commune: Any, user: Any = None, **kwargs: Any) -> None:
    from .services import home_page_create

    home_page_create(commune=commune, user=user)


def connect() -> None:
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site

    from xaso.communes.models import Commune
    from xaso.communes.signals import commune_created

    # Connected before the apps that add pages under the home page (they come after the portal
    # in INSTALLED_APPS, so their `ready()` runs later and their receivers are called later).
    commune_created.connect(_commune_created, dispatch_uid="portal_home_page")

    from .models import LinkBanner, PortalSettings, Slogan

    page_published.connect(_changed, dispatch_uid="xaso_cache_published")
    page_unpublished.connect(_changed, dispatch_uid="xaso_cache_unpublished")
    post_page_move.connect(_changed, dispatch_uid="xaso_cache_moved")
    post_delete.connect(_changed, sender=Page, dispatch_uid="xaso_cache_page_deleted")
    post_save.connect(_settings_saved, sender=PortalSettings, dispatch_uid="xaso_cache_settings")
    # Remembered with the pages (cache.remember): sites, communes, restrictions, image files.
    for model in (Site, Commune, PageViewRestriction, get_image_model()):
        post_save.connect(_changed, sender=model, dispatch_uid=f"xaso_cache_{model.__name__}_s")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"xaso_cache_{model.__name__}_x")
    # Records that public pages render (units and officials on the introduction pages, the
    # register, disclosures, procedures), named lazily: those apps build on the portal.
    for label in (
        "communes.Unit",
        "communes.Official",
        "legal.LegalDocument",
        "legal.DraftComment",
        "legal.Procedure",
        "disclosures.Disclosure",
        "ntm.Programme",
        "ntm.Assessment",
        "ntm.Threshold",
        "campaigns.Campaign",
        "campaigns.Segment",
        "campaigns.Household",
    ):
        name = label.replace(".", "_")
        post_save.connect(_changed, sender=label, dispatch_uid=f"xaso_cache_{name}_s")
        post_delete.connect(_changed, sender=label, dispatch_uid=f"xaso_cache_{name}_x")
    # An assessment's evidence and photos are saved after the assessment itself.
    from django.apps import apps
    from django.db.models.signals import m2m_changed

    assessment = apps.get_model("ntm", "Assessment")
    for through in (assessment.evidence.through, assessment.photos.through):
        m2m_changed.connect(
            _m2m_changed, sender=through, dispatch_uid=f"xaso_cache_{through.__name__}"
        )
    for model in (Slogan, LinkBanner, PortalSettings):
        post_delete.connect(_changed, sender=model, dispatch_uid=f"xaso_cache_{model.__name__}_d")
        if model is not PortalSettings:
            post_save.connect(_changed, sender=model, dispatch_uid=f"xaso_cache_{model.__name__}")


def _m2m_changed(sender: Any, action: str = "", **kwargs: Any) -> None:
    if action.startswith("post_"):
        _changed(sender)
