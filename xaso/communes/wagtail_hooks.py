"""Registrations of communes in the Wagtail admin. The communes' viewsets (`views/`) are
registered by `accounts`, which scopes those of commune-owned records (its `wagtail_hooks`)."""

from __future__ import annotations

from wagtail import hooks

from . import documents

# A document nobody published is downloaded only by staff of its commune (`documents`).
hooks.register("before_serve_document", documents.check_download)
