"""Settings for the test suite: the database comes from DATABASE_URL (SQLite by default)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key-not-used-anywhere-else"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="xaso-test-media-"))
XASO_SERVE_MEDIA = True
# Tests flush view counts themselves (a flusher thread would use another connection).
XASO_VIEW_FLUSH_SECONDS = 0
XASO_VIEW_COUNT_SHOWN_SECONDS = 0
# Page caching is switched on by the tests that are about it (the cache outlives each test's data).
XASO_PAGE_CACHE_SECONDS = 0
# Tests render templates without running collectstatic first.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="xaso-test-static-"))
