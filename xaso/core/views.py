"""Answers of the platform itself, the same on every commune's site."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

# How far ahead the file says it is valid (RFC 9116 asks for less than a year). It is written
# for each request, so it never goes stale; counted from midnight UTC, so it is the same all day.
SECURITY_TXT_VALID_DAYS = 180


def security_contacts() -> list[str]:
    """Where to report a vulnerability, as URIs: XASO_SECURITY_CONTACT, else DEFAULT_FROM_EMAIL."""
    contacts = settings.XASO_SECURITY_CONTACT or [settings.DEFAULT_FROM_EMAIL]
    return [contact if ":" in contact else f"mailto:{contact}" for contact in contacts if contact]


@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    """/.well-known/security.txt (RFC 9116): whom to tell about a vulnerability, in which
    languages, until when, and where this file is canonically found (this very host)."""
    today = datetime.combine(datetime.now(UTC).date(), time.min, tzinfo=UTC)
    expires = today + timedelta(days=SECURITY_TXT_VALID_DAYS)
    lines = [f"Contact: {contact}" for contact in security_contacts()]
    lines += [
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%S.000Z')}",
        "Preferred-Languages: vi, en",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
