"""Settings for the test suite: the database comes from DATABASE_URL (SQLite by default)."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key-not-used-anywhere-else"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
XASO_STATIC_HOSTS = ["*"]  # the host tests narrow it (communes/tests/test_hosts.py)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="xaso-test-media-"))
XASO_PRIVATE_ROOT = Path(tempfile.mkdtemp(prefix="xaso-test-private-"))
XASO_SERVE_MEDIA = True
# The tests of the second factor switch it on (accounts/tests/test_second_factor.py); elsewhere
# tests sign roles in without an authenticator app.
XASO_SECOND_FACTOR_REQUIRED = False
# Tests flush view counts themselves (a flusher thread would use another connection).
XASO_VIEW_FLUSH_SECONDS = 0
XASO_VIEW_COUNT_SHOWN_SECONDS = 0
# Page caching is switched on by the tests that are about it (the cache outlives each test's data).
XASO_PAGE_CACHE_SECONDS = 0
# Maps draw their segments without background tiles: tests never reach the network.
XASO_MAP_TILES_URL = ""
# Tests run the periodic jobs several times in a row; the spacing between runs is tested apart.
XASO_JOB_LOCK_SPACING_SECONDS = 0
# Tests render templates without running collectstatic first.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="xaso-test-static-"))

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Django's, emptying the tables after a transactional test without TRUNCATE (see there).
    DATABASES["default"]["ENGINE"] = "xaso.testing.postgresql"  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file (in memory where the system has /dev/shm) rather than SQLite's shared in-memory
    # database, whose table locks fail at once: tests of concurrent writers need the real
    # locking, waiting and all.
    _shm = Path("/dev/shm")  # noqa: S108 — a per-process file name, the tests only
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(
            (_shm if _shm.is_dir() else Path(tempfile.gettempdir()))
            / f"xaso-test-{os.getpid()}.sqlite3"
        )
    }
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA synchronous=OFF;"  # noqa: F405
