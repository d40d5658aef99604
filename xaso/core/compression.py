"""Text responses compressed by the application, for a site with no proxy in front that does it
(the embedded default): Django's GZipMiddleware, kept to text and out of the admin.

See docs/decisions/0012-compressed-responses.md for why this is safe against BREACH.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

# What is worth compressing: pages, stylesheets, scripts, feeds, data. Pictures, PDFs and
# workbooks are compressed already; compressing them again costs time and saves nothing.
TEXT_TYPES = (
    "text/",
    "application/json",
    "application/javascript",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
)


def is_text(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower().startswith(TEXT_TYPES)


class TextGZipMiddleware(GZipMiddleware):
    """Django's gzip (with its random-length header, see the decision) for text responses of
    the public site when `XASO_COMPRESS_RESPONSES` is on; the admin, where staff read personal
    data beside what they type, is never compressed."""

    def process_response(self, request: Any, response: Any) -> Any:
        if not settings.XASO_COMPRESS_RESPONSES:
            return response
        if not is_text(response.get("Content-Type", "")):
            return response
        if request.path_info.startswith("/admin/"):
            return response
        return super().process_response(request, response)
