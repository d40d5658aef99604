"""System checks of the configuration (`manage.py check`, and at every start of the server).

Residents' files (feedback attachments) live under `XASO_PRIVATE_ROOT` and are handed only to
staff who may see them. A private root inside `MEDIA_ROOT` or `STATIC_ROOT` would put them where
nginx and the embedded media route serve anything to anyone who guesses a URL, so such a
configuration is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.checks import Error, Tags, register


def _resolved(value: Any) -> Path | None:
    if not value:
        return None
    return Path(value).expanduser().resolve()


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


@register(Tags.security)
def check_private_root(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    private = _resolved(getattr(settings, "XASO_PRIVATE_ROOT", None))
    if private is None:
        return [
            Error(
                "XASO_PRIVATE_ROOT is not set: residents' files would have nowhere private to go.",
                hint="Set XASO_PRIVATE_ROOT to a directory that no web server serves.",
                id="xaso.E001",
            )
        ]
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        root = _resolved(getattr(settings, name, None))
        if root is None:
            continue
        if _inside(private, root):
            errors.append(
                Error(
                    f"XASO_PRIVATE_ROOT ({private}) is inside {name} ({root}): residents' "
                    "feedback attachments would be served to anyone who knows their address.",
                    hint=(
                        f"Set XASO_PRIVATE_ROOT to a directory outside {name}, e.g. "
                        "var/private beside var/media, and move any files already there."
                    ),
                    obj=name,
                    id="xaso.E002",
                )
            )
    return errors


@register(Tags.security)
def check_private_bucket(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """With object storage, residents' files need a bucket of their own that nobody reads
    without the application's keys (xaso.core.storage)."""
    media = getattr(settings, "XASO_S3_BUCKET", "")
    private = getattr(settings, "XASO_S3_PRIVATE_BUCKET", "")
    if not media or (private and private != media):
        return []
    return [
        Error(
            "XASO_S3_BUCKET is set but XASO_S3_PRIVATE_BUCKET is empty or the same bucket: "
            "residents' feedback attachments would sit beside the public pictures.",
            hint="Create a second bucket with no public access and set XASO_S3_PRIVATE_BUCKET.",
            id="xaso.E003",
        )
    ]


@register(Tags.security, deploy=True)
def check_second_factor(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Level 2 of the 2026 rules asks a second factor of administrators: switching it off is
    for trying the demo."""
    if getattr(settings, "XASO_SECOND_FACTOR_REQUIRED", True):
        return []
    return [
        checks.Warning(
            "XASO_SECOND_FACTOR_REQUIRED is off: admin accounts sign in with a password alone.",
            hint="Unset XASO_SECOND_FACTOR_REQUIRED (or set it to 1) in production.",
            id="xaso.W001",
        )
    ]


@register(Tags.security, deploy=True)
def check_security_contact(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A deployment names who receives vulnerability reports (/.well-known/security.txt)."""
    if getattr(settings, "XASO_SECURITY_CONTACT", None):
        return []
    return [
        checks.Warning(
            "XASO_SECURITY_CONTACT is not set: /.well-known/security.txt sends vulnerability "
            f"reports to DEFAULT_FROM_EMAIL ({settings.DEFAULT_FROM_EMAIL}).",
            hint="Set XASO_SECURITY_CONTACT to a mailbox the province reads, e.g. "
            "mailto:attt@tentinh.gov.vn.",
            id="xaso.W003",
        )
    ]
