"""The portal reacting to other apps: a new commune gets its home page; cached pages follow
every change that can show on them — the pages of the changed record's commune, or every page
when the record is shared or its commune cannot be told (`cache.register_public_model`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

if TYPE_CHECKING:
    from .cache import PublicModel


def _page_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    from .cache import invalidate, scope_for_path

    invalidate(scope_for_path(instance.path))


def _page_moved(sender: Any, instance: Any, **kwargs: Any) -> None:
    from .cache import invalidate, scope_for_path

    before, after = kwargs.get("parent_page_before"), kwargs.get("parent_page_after")
    if before is None or after is None or instance.depth <= 2:  # a home page: the sites' paths
        invalidate()
        return
    for scope in {scope_for_path(before.path), scope_for_path(after.path)}:
        invalidate(scope)


def _commune_created(sender: Any, commune: Any, user: Any = None, **kwargs: Any) -> None:
    from .services import home_page_create

    home_page_create(commune=commune, user=user)


def watch(entry: PublicModel) -> None:
    """Connect the signals of one registered model (`cache.register_public_model`)."""
    from .cache import invalidate

    model = entry.model
    name = model._meta.label_lower.replace(".", "_")

    def saved(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
        if entry.on_create or not created:
            invalidate(entry.scope_of(instance))

    def deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
        invalidate(entry.scope_of(instance))

    def related(sender: Any, instance: Any, action: str = "", **kwargs: Any) -> None:
        if action.startswith("post_"):
            invalidate(entry.scope_of(instance))  # everything from the other side

    # weak=False: the receivers are made here and referenced nowhere else.
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"xaso_cache_{name}_s")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"xaso_cache_{name}_x")
    for field in entry.relations:
        through = getattr(model, field).through
        m2m_changed.connect(
            related, sender=through, weak=False, dispatch_uid=f"xaso_cache_{name}_{field}"
        )


# The communes of the portal's own registered models -------------------------------------------

ROUTING = {
    "wagtailcore.site": ("hostname", "port", "root_page_id", "is_default_site"),
    "communes.commune": ("site_id",),
}


def _routing_before_save(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Whether the save changes which site (and commune) a host or a page belongs to: then every
    page is refreshed, as the hosts' and home pages' scopes are kept with the global generation."""
    fields = ROUTING[sender._meta.label_lower]
    before = (
        sender.objects.filter(pk=instance.pk).values_list(*fields).first() if instance.pk else None
    )
    instance._xaso_routing = before != tuple(getattr(instance, field) for field in fields)


def _site_commune(site: Any) -> int | None:
    from xaso.communes.models import Commune

    if getattr(site, "_xaso_routing", True):
        return None  # a new or deleted site, a new host or home page: everything
    return Commune.objects.filter(site_id=site.pk).values_list("pk", flat=True).first()


def _no_commune(record: Any) -> None:
    return None


def _commune_itself(commune: Any) -> int | None:
    return None if getattr(commune, "_xaso_routing", True) else commune.pk


def _settings_commune(settings: Any) -> int | None:
    from xaso.communes.models import Commune

    return Commune.objects.filter(site_id=settings.site_id).values_list("pk", flat=True).first()


def _image_commune(image: Any) -> int | None:
    from xaso.communes.models import Commune

    commune = Commune.objects.filter(collection_id=image.collection_id)
    return commune.values_list("pk", flat=True).first()


def _restriction_commune(restriction: Any) -> int | None:
    from .cache import scope_for_path

    page = Page.objects.filter(pk=restriction.page_id).values_list("path", flat=True).first()
    if page is None or Page.objects.filter(alias_of__path__startswith=page).exists():
        return None  # aliases elsewhere take their restrictions from it: everything
    scope = scope_for_path(page)
    return int(scope[1:]) if scope.startswith("c") else None


def connect() -> None:
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site

    from xaso.communes.models import Commune, CommuneSuccession, Official, Unit
    from xaso.communes.signals import commune_created

    # Connected before the apps that add pages under the home page (they come after the portal
    # in INSTALLED_APPS, so their `ready()` runs later and their receivers are called later).
    commune_created.connect(_commune_created, dispatch_uid="portal_home_page")

    from .cache import register_public_model
    from .models import LinkBanner, PortalSettings, Slogan

    page_published.connect(_page_changed, dispatch_uid="xaso_cache_published")
    page_unpublished.connect(_page_changed, dispatch_uid="xaso_cache_unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="xaso_cache_moved")
    post_delete.connect(_page_changed, sender=Page, dispatch_uid="xaso_cache_page_deleted")
    # Remembered with the pages (cache.remember): sites, communes, restrictions, image files.
    for model in (Site, Commune):
        pre_save.connect(
            _routing_before_save,
            sender=model,
            dispatch_uid=f"xaso_cache_{model._meta.label_lower}_r",
        )
    register_public_model(Site, commune=_site_commune)
    register_public_model(Commune, commune=_commune_itself)
    # Former units, named on the successor's pages and in the province's directory: every page.
    register_public_model(CommuneSuccession, commune=_no_commune)
    register_public_model(PageViewRestriction, commune=_restriction_commune)
    register_public_model(get_image_model(), commune=_image_commune)
    # The site chrome. Settings are created with their defaults the first time a page is
    # rendered; only an edit changes what pages show.
    register_public_model(Slogan)
    register_public_model(LinkBanner)
    register_public_model(PortalSettings, commune=_settings_commune, on_create=False)
    # The commune's units and officials, on the introduction pages (communes is below the
    # portal, so the portal registers them; the apps above register their own).
    register_public_model(Unit)
    register_public_model(Official)
