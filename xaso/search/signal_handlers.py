"""The index follows the portal: publish, unpublish, move and delete update it at once."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move


def _reindex(sender: Any, instance: Any, **kwargs: Any) -> None:
    from .services import page_index

    page_index(instance)


def _moved(sender: Any, instance: Any, **kwargs: Any) -> None:
    from .services import page_index

    for page in instance.get_descendants(inclusive=True).live():
        page_index(page)


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    from .services import document_remove

    document_remove(object_ids=[instance.pk])


def connect() -> None:
    page_published.connect(_reindex, dispatch_uid="xaso_search_published")
    page_unpublished.connect(_reindex, dispatch_uid="xaso_search_unpublished")
    post_page_move.connect(_moved, dispatch_uid="xaso_search_moved")
    post_delete.connect(_deleted, sender=Page, dispatch_uid="xaso_search_deleted")
