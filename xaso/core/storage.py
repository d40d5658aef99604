"""Where uploaded files live: local folders by default, S3-compatible object storage when the
deployment configures it (`XASO_S3_BUCKET`, several application servers sharing one store).

- **Media** (`STORAGES["default"]`): Wagtail's images, their renditions and the documents of the
  media library. Local: `MEDIA_ROOT`. Object storage: the bucket `XASO_S3_BUCKET`, objects
  written without an ACL of their own; the bucket's policy lets anyone read only the pictures
  (`images/`, `original_images/`), never `documents/`, which Wagtail's serve view sends after
  checking who asks (`xaso.communes.documents`), streamed through the application.
- **Private files** (`STORAGES["private"]`): what residents send (feedback attachments). Local:
  `XASO_PRIVATE_ROOT`, outside the media folder. Object storage: the separate bucket
  `XASO_S3_PRIVATE_BUCKET`, which nobody may read without the application's keys; files are
  streamed through the view that checks who asks and audits the download.

Only the settings choose (xaso/settings/base.py); code asks `private_storage()` or Django's
default storage and works the same on both.
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

PRIVATE = "private"
# What anyone may read in the media bucket: the pictures and their renditions, nothing else (not
# `documents/`, which the serve view checks, nor the bucket's listing).
PUBLIC_PREFIXES = ("images/", "original_images/")


def uses_object_storage() -> bool:
    return bool(getattr(settings, "XASO_S3_BUCKET", ""))


class _PrivateStorage(LazyObject):
    """Chosen when first used, and again when a test changes the settings it follows."""

    _wrapped: Any

    def _setup(self) -> None:
        if uses_object_storage():
            self._wrapped = storages[PRIVATE]
        else:
            self._wrapped = FileSystemStorage(location=settings.XASO_PRIVATE_ROOT)


_private = _PrivateStorage()
_FOLLOWED = frozenset({"STORAGES", "XASO_PRIVATE_ROOT", "XASO_S3_BUCKET"})


@receiver(setting_changed)
def _settings_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in _FOLLOWED:
        _private._wrapped = empty


def private_storage() -> Storage:
    """The residents' files: the private bucket, or `XASO_PRIVATE_ROOT` on this machine."""
    return cast(Storage, _private)


def s3_storages(
    *,
    bucket: str,
    private_bucket: str,
    endpoint_url: str,
    region: str,
    access_key: str,
    secret_key: str,
    addressing_style: str,
    public_url: str,
) -> dict[str, dict[str, Any]]:
    """STORAGES' media and private entries on object storage (django-storages' S3 backend), for
    the settings (xaso/settings/base.py reads the `XASO_S3_*` variables)."""
    common = {
        "endpoint_url": endpoint_url or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "region_name": region or None,
        "addressing_style": addressing_style or None,
        # Objects get no ACL of their own: what anyone may read is the bucket's policy.
        "default_acl": None,
        "file_overwrite": False,
    }
    media: dict[str, Any] = {**common, "bucket_name": bucket, "querystring_auth": False}
    if public_url:
        protocol, _, domain = public_url.rstrip("/").partition("//")
        media |= {"custom_domain": domain, "url_protocol": protocol}
    private: dict[str, Any] = {
        **common,
        "bucket_name": private_bucket,
        # Files are streamed through the view that checks who asks; a URL, were one ever made,
        # is signed and lasts five minutes.
        "querystring_auth": True,
        "querystring_expire": 300,
    }
    backend = "storages.backends.s3.S3Storage"
    return {
        "default": {"BACKEND": backend, "OPTIONS": media},
        PRIVATE: {"BACKEND": backend, "OPTIONS": private},
    }


def media_bucket_policy(bucket: str) -> dict[str, Any]:
    """The media bucket's policy (docs/deployment.md): anonymous `GetObject` on the pictures
    (`PUBLIC_PREFIXES`) alone. The private bucket has none: nobody reads it without the keys."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [f"arn:aws:s3:::{bucket}/{prefix}*" for prefix in PUBLIC_PREFIXES],
            }
        ],
    }
