"""Uploaded media as the embedded default serves them (`XASO_SERVE_MEDIA`): pictures only.

Documents live under `MEDIA_ROOT/documents` but are never served from there: Wagtail's serve
view (`/tai-lieu/…`) sends them after checking who may download each one
(`xaso.communes.documents`). nginx refuses the same folder (`deploy/nginx.conf.template`).
"""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views.static import serve

# Folders of MEDIA_ROOT never served as plain files.
PRIVATE_FOLDERS = frozenset({"documents"})


def is_private(path: str) -> bool:
    """The path (as Django's `serve` will resolve it: `..`, `.` and extra slashes folded) falls
    in a private folder."""
    normalised = posixpath.normpath("/" + path.replace("\\", "/")).lstrip("/")
    return normalised.split("/", 1)[0].lower() in PRIVATE_FOLDERS


def serve_public_media(request: HttpRequest, path: str) -> HttpResponseBase:
    if is_private(path):
        raise Http404
    return serve(request, path, document_root=str(settings.MEDIA_ROOT))
