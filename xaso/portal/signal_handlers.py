"""The portal reacting to other apps: a new commune gets its home page; cached pages follow
every change that can show on them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

if TYPE_CHECKING:
    from .cache import PublicModel


def _changed(sender: Any, **kwargs: Any) -> None:
    from .cache import invalidate

    invalidate()


def _edited(sender: Any, created: bool = False, **kwargs: Any) -> None:
    if not created:
        _changed(sender)


def _commune_created(sender: Any, commune: Any, user: Any = None, **kwargs: Any) -> None:
    from .services import home_page_create

    home_page_create(commune=commune, user=user)


def _m2m_changed(sender: Any, action: str = "", **kwargs: Any) -> None:
    if action.startswith("post_"):
        _changed(sender)


def watch(entry: PublicModel) -> None:
    """Connect the signals of one registered model (`cache.register_public_model`)."""
    model = entry.model
    name = model._meta.label_lower.replace(".", "_")
    saved = _changed if entry.on_create else _edited
    post_save.connect(saved, sender=model, dispatch_uid=f"xaso_cache_{name}_s")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"xaso_cache_{name}_x")
    for field in entry.relations:
        through = getattr(model, field).through
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"xaso_cache_{name}_{field}")


def connect() -> None:
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site

    from xaso.communes.models import Commune, Official, Unit
    from xaso.communes.signals import commune_created

    # Connected before the apps that add pages under the home page (they come after the portal
    # in INSTALLED_APPS, so their `ready()` runs later and their receivers are called later).
    commune_created.connect(_commune_created, dispatch_uid="portal_home_page")

    from .cache import register_public_model
    from .models import LinkBanner, PortalSettings, Slogan

    page_published.connect(_changed, dispatch_uid="xaso_cache_published")
    page_unpublished.connect(_changed, dispatch_uid="xaso_cache_unpublished")
    post_page_move.connect(_changed, dispatch_uid="xaso_cache_moved")
    post_delete.connect(_changed, sender=Page, dispatch_uid="xaso_cache_page_deleted")
    # Remembered with the pages (cache.remember): sites, communes, restrictions, image files.
    for model in (Site, Commune, PageViewRestriction, get_image_model()):
        register_public_model(model)
    # The site chrome. Settings are created with their defaults the first time a page is
    # rendered; only an edit changes what pages show.
    register_public_model(Slogan)
    register_public_model(LinkBanner)
    register_public_model(PortalSettings, on_create=False)
    # The commune's units and officials, on the introduction pages (communes is below the
    # portal, so the portal registers them; the apps above register their own).
    register_public_model(Unit)
    register_public_model(Official)
