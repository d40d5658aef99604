"""Who may download a document of the media library.

Every document is served by Wagtail's serve view (`/tai-lieu/<id>/<file name>`,
`WAGTAILDOCS_SERVE_METHOD = "serve_view"`); nothing under `MEDIA_ROOT/documents` is served as a
plain media file. Before the file is sent, `check_download` (Wagtail's `before_serve_document`
hook) decides:

- a document is **public** when published public content links to it: a published, unrestricted
  page's document links and document blocks (Wagtail's reference index holds the links of each
  page's live content), and whatever each app registers with `register_public_source` in its
  `ready()` — the legal register's public documents' files, public disclosures' files, New Rural
  evidence the commune chose to publish;
- any other document (evidence not chosen for publication, a file in a commune's private
  collection, a draft's attachment) is sent only to signed-in staff of the commune that owns its
  collection (`Commune.collection` or a collection under it), to staff holding a document
  permission on its collection, and to superusers; anyone else gets "not found", as if it did not
  exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex

from .access import user_commune_ids
from .models import Commune

# A source answers: is the document with this id linked from content the public can see?
PublicSource = Callable[[int], bool]
_sources: dict[str, PublicSource] = {}

# What staff of the owning commune may do to a document that also lets them read it.
_READING_PERMISSIONS = ["add", "change", "choose"]


def register_public_source(name: str, source: PublicSource) -> None:
    _sources[name] = source


def linked_from_public_page(document_id: int) -> bool:
    """A live page that everyone may read links to the document."""
    page_ids = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
        to_object_id=str(document_id),
    ).values_list("object_id", flat=True)
    ids = [int(pk) for pk in page_ids if str(pk).isdigit()]
    return bool(ids) and Page.objects.live().public().filter(pk__in=ids).exists()


def is_public(document: Any) -> bool:
    if linked_from_public_page(document.pk):
        return True
    return any(source(document.pk) for source in _sources.values())


def owning_commune_id(document: Any) -> int | None:
    """The commune whose collection (or a collection under it) holds the document."""
    path, step = document.collection.path, document.collection.steplen
    ancestors = [path[:end] for end in range(step, len(path) + 1, step)]
    return (
        Commune.objects.filter(collection__path__in=ancestors)
        .order_by("-collection__depth")
        .values_list("pk", flat=True)
        .first()
    )


def staff_may_download(user: Any, document: Any) -> bool:
    from wagtail.documents.permissions import permission_policy

    if not (user.is_authenticated and user.is_active):
        return False
    communes = user_commune_ids(user)
    if communes is None:  # a superuser
        return True
    owner = owning_commune_id(document)
    if owner is not None and owner in communes:
        return True
    return permission_policy.user_has_any_permission_for_instance(
        user, _READING_PERMISSIONS, document
    )


def may_download(user: Any, document: Any) -> bool:
    return is_public(document) or staff_may_download(user, document)


def check_download(document: Any, request: HttpRequest) -> None:
    """Wagtail's `before_serve_document` hook: a document nobody published is not found."""
    if not may_download(request.user, document):
        raise Http404(_("This document does not exist or is not public."))
