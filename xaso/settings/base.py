"""Complete settings for xaso; the environment is read here and nowhere else.

Every variable is listed, with its meaning, in `.env.example`.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from xaso.core.csp import source_origin
from xaso.core.storage import s3_storages

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


VAR_DIR = Path(env("XASO_VAR_DIR", str(PROJECT_DIR / "var")))

SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
# The hosts answered whatever the database holds (the province's own, 127.0.0.1 for health
# checks); every commune's host and alias is read from the database by the first middleware,
# xaso.communes.hosts.HostCheckMiddleware, which refuses any other host with 400 as Django does.
XASO_STATIC_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
ALLOWED_HOSTS = ["*"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "xaso.core",
    "xaso.accounts",
    "xaso.communes",
    "xaso.portal",
    "xaso.search",
    "xaso.legal",
    "xaso.disclosures",
    "xaso.about",
    "xaso.party",
    "xaso.ntm",
    "xaso.campaigns",
    "xaso.feedback",
    "xaso.ratings",
    "xaso.province",
    "xaso.demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "xaso.accounts.apps.UsersAppConfig",  # wagtail.users, scoped per commune
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Failed sign-ins counted per account and address, lockout after too many
    # (xaso.accounts.lockout).
    "axes",
    # A time-based one-time password as second factor, with recovery codes
    # (xaso.accounts.second_factor).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: hosts from ALLOWED_HOSTS and the database, aliases redirected to their commune.
    "xaso.communes.hosts.HostCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what every middleware below answers, the page cache's copies included (stored
    # plain, compressed with fresh random padding each time); static files are WhiteNoise's.
    "xaso.core.compression.TextGZipMiddleware",
    # Outside the page cache, so that a page served from it gets its policy too (see
    # xaso.portal.cache: a page that used a nonce is never stored).
    "xaso.core.csp.ContentSecurityPolicyMiddleware",
    "xaso.portal.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "xaso.accounts.second_factor.OTPMiddleware",
    # Until the second factor is given, the admin asks for it and the site sees a visitor.
    "xaso.accounts.second_factor.SecondFactorMiddleware",
    # Deny by default: admin routes not known to be scoped to the user's communes are closed.
    "xaso.accounts.routes.AdminRouteGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signed-in sessions end after a while idle and after a working day in all.
    "xaso.accounts.sessions.SessionLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "xaso.portal.redirects.RedirectMiddleware",
    # Last: turns a refused sign-in of a locked-out client into the login page with its message.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "xaso.urls"
WSGI_APPLICATION = "xaso.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "xaso.portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'xaso.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A transaction takes the write lock when it begins, so two requests checking a limit
    # (e.g. cells per official) run one after the other instead of both passing the check;
    # a waiting writer waits up to 20 s rather than failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Wagtail's and the search's background work runs in the serving process, once per page change
# rather than once per save (xaso/core/tasks.py).
TASKS = {"default": {"BACKEND": "xaso.core.tasks.CoalescingImmediateBackend"}}

REDIS_URL = env("REDIS_URL")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "xaso",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Each process's own copy of what is derived from published content (site chrome fragments,
# menus, breadcrumbs): keyed by the content generation kept in "default", so never stale, and
# read without a network round trip.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "xaso-local",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
# Rate-limit counters and spent form tokens (xaso.core.ratelimit), apart from every other use so
# that page traffic never evicts them. With Redis: shared by every app process (under its own key
# prefix). Without: the one serving process's memory, whose threads share it (the locmem cache
# adds and increments under a lock, so counting is atomic); room for 100,000 counters, far more
# than an hour's distinct senders. A file or database cache would survive a restart, but their
# increments are a read and a write that two threads can interleave, and each post would write
# the disk; a restart forgets at most an hour of counts.
if REDIS_URL:
    CACHES["ratelimit"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "xaso-ratelimit",
    }
else:
    CACHES["ratelimit"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "xaso-ratelimit",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
# Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR networks); empty: none,
# the connection's address is the client's (xaso.core.clientip).
XASO_TRUSTED_PROXIES = env_list("XASO_TRUSTED_PROXIES")

# Signing in (docs/decisions/0008-sign-in.md). The lockout check comes before the password
# check: a locked-out client is refused even with the right password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "xaso.accounts.lockout.AddressThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Wrong passwords for one account from one address before both are locked out, for this long.
XASO_LOGIN_FAILURE_LIMIT = int(env("XASO_LOGIN_FAILURE_LIMIT", "5"))
XASO_LOGIN_COOLOFF_MINUTES = int(env("XASO_LOGIN_COOLOFF_MINUTES", "15"))
# Failed sign-ins from one address, whatever the account names, before that address is locked
# out for the same while (guessing across many accounts; an office behind one address shares it).
XASO_LOGIN_FAILURES_PER_ADDRESS = int(env("XASO_LOGIN_FAILURES_PER_ADDRESS", "30"))
AXES_FAILURE_LIMIT = XASO_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=XASO_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "xaso.accounts.lockout.axes_client_address"
AXES_LOCKOUT_CALLABLE = "xaso.accounts.lockout.lockout_response"
# The cool-off counts from the failure that locked: trying again during it does not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
# Sign-ins are in the audit log (with the address); axes keeps only the failures it counts.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "xaso.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 14, "min_length_with_second_factor": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "xaso.accounts.passwords.VietnameseCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 for every new password; a password hashed by an older hasher is hashed again with Argon2
# at its owner's next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# A second factor for every account that signs in to the admin (docs/decisions/0008-sign-in.md).
# Switch off only to try the demo.
XASO_SECOND_FACTOR_REQUIRED = env_bool("XASO_SECOND_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = env("XASO_SECOND_FACTOR_ISSUER", "Xã số")
# Waits of 1, 2, 4, 8, … seconds after successive wrong codes (at most about 17 minutes:
# second_factor.MAX_COUNTED_FAILURES).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# A signed-in session ends after this many minutes without a request, and this many hours after
# signing in, whatever happens meanwhile (xaso.accounts.sessions).
XASO_SESSION_IDLE_MINUTES = int(env("XASO_SESSION_IDLE_MINUTES", "30"))
XASO_SESSION_MAX_HOURS = int(env("XASO_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = XASO_SESSION_MAX_HOURS * 3600
# Accounts nobody signed in to for this many days are disabled (xaso.accounts.idle); 0: never.
XASO_ACCOUNT_IDLE_DAYS = int(env("XASO_ACCOUNT_IDLE_DAYS", "45"))

# Vietnamese from end to end: dates as 28/11/2026, numbers as 1.234,5 (xaso/formats/vi).
# No LocaleMiddleware: a phone set to English still gets the Vietnamese portal; the Wagtail
# admin follows each user's own language preference (Vietnamese by default).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["xaso.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]

# Static files under content-hashed names, pre-compressed (gzip, Brotli), cached forever;
# WhiteNoise serves them in the embedded default, nginx in the deployment profile.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
# Files residents send (feedback attachments): never served as media, only to staff who may see
# the submission.
XASO_PRIVATE_ROOT = Path(env("XASO_PRIVATE_ROOT", str(VAR_DIR / "private")))
# Backups (`manage.py backup`, `manage.py restore`) are encrypted with a key derived from this
# file when it is set (empty: not encrypted). Keep a copy of it apart from the backups.
_backup_key_file = env("XASO_BACKUP_KEY_FILE")
XASO_BACKUP_KEY_FILE = Path(_backup_key_file) if _backup_key_file else None
# The embedded default serves uploaded media itself; behind nginx this stays off.
XASO_SERVE_MEDIA = env_bool("XASO_SERVE_MEDIA", False)
# Text responses of the public site gzipped by the application (docs/decisions/0012); a proxy
# that compresses may do it instead (it passes on what arrives compressed either way).
XASO_COMPRESS_RESPONSES = env_bool("XASO_COMPRESS_RESPONSES", True)

# Object storage (S3-compatible: SeaweedFS, MinIO, Ceph, a cloud's) for several application
# servers sharing their files (xaso.core.storage, docs/deployment.md). Unset: local folders.
XASO_S3_BUCKET = env("XASO_S3_BUCKET")
XASO_S3_PRIVATE_BUCKET = env("XASO_S3_PRIVATE_BUCKET")
XASO_S3_ENDPOINT_URL = env("XASO_S3_ENDPOINT_URL")
XASO_S3_REGION = env("XASO_S3_REGION")
XASO_S3_ACCESS_KEY_ID = env("XASO_S3_ACCESS_KEY_ID")
XASO_S3_SECRET_ACCESS_KEY = env("XASO_S3_SECRET_ACCESS_KEY")
XASO_S3_ADDRESSING_STYLE = env("XASO_S3_ADDRESSING_STYLE", "path")
# Where browsers fetch the public bucket's pictures, e.g. https://media.haiphong.gov.vn/ (a CDN
# or a proxy in front of the bucket); empty: the endpoint's own URL of the bucket.
XASO_S3_PUBLIC_URL = env("XASO_S3_PUBLIC_URL")


if XASO_S3_BUCKET:
    STORAGES |= s3_storages(
        bucket=XASO_S3_BUCKET,
        private_bucket=XASO_S3_PRIVATE_BUCKET,
        endpoint_url=XASO_S3_ENDPOINT_URL,
        region=XASO_S3_REGION,
        access_key=XASO_S3_ACCESS_KEY_ID,
        secret_key=XASO_S3_SECRET_ACCESS_KEY,
        addressing_style=XASO_S3_ADDRESSING_STYLE,
        public_url=XASO_S3_PUBLIC_URL,
    )
    MEDIA_URL = (
        XASO_S3_PUBLIC_URL.rstrip("/") + "/"
        if XASO_S3_PUBLIC_URL
        else (f"{XASO_S3_ENDPOINT_URL.rstrip('/')}/{XASO_S3_BUCKET}/")
    )
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Pictures only, never SVG (a drawing that may carry scripts); each one decoded whole and checked
# by its content (xaso.core.uploads) like every other upload.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "xaso.core.forms.ImageForm"

# Django 6 makes https the default scheme of URL form fields; opt in now.
FORMS_URLFIELD_ASSUME_HTTPS = True
WAGTAIL_SITE_NAME = "Xã số"
# The admin is xaso's, under its name: no banner sending people to Wagtail's English release notes.
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The admin API's links point at the admin's own host, never at one commune's portal.
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "zip",
]  # fmt: skip
# Every document is served through the app (/tai-lieu/<id>/<name>), never as a plain media file,
# so that a document nobody published reaches only staff of its commune (xaso.communes.documents).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document upload is checked by its content (xaso.core.uploads), not only its name.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "xaso.core.forms.DocumentForm"
XASO_UPLOAD_MAX_BYTES = int(env("XASO_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
# Scheduled publishing and periodic jobs in the serving process every this many seconds (0: off;
# the province profile runs `manage.py run_scheduled` from a timer instead).
XASO_SCHEDULER_SECONDS = int(env("XASO_SCHEDULER_SECONDS", "0"))
# Periodic jobs run on one application server at a time (xaso.core.jobs.exclusive): a run keeps
# the others out at most this long if its server dies mid-run…
XASO_JOB_LOCK_EXPIRY_SECONDS = int(env("XASO_JOB_LOCK_EXPIRY_SECONDS", "900"))
# …and, once done, until this long after it started, so timers firing a few seconds apart run
# the same minute's jobs once. Keep it below the timer's period (60 s).
XASO_JOB_LOCK_SPACING_SECONDS = int(env("XASO_JOB_LOCK_SPACING_SECONDS", "30"))
# New Rural dashboard: an indicator not updated for this many months is listed as stale.
XASO_NTM_STALE_MONTHS = int(env("XASO_NTM_STALE_MONTHS", "6"))
# A campaign's household is "stuck" when its status has not moved for this many days.
XASO_CAMPAIGN_STUCK_DAYS = int(env("XASO_CAMPAIGN_STUCK_DAYS", "14"))
# Residents' feedback handled within the commune is answered within this many working days.
XASO_FEEDBACK_ANSWER_DAYS = int(env("XASO_FEEDBACK_ANSWER_DAYS", "10"))
# Residents' feedback form: each attached file at most this size; submissions accepted per
# client address per hour and per phone number per day.
XASO_FEEDBACK_ATTACHMENT_MAX_BYTES = int(
    env("XASO_FEEDBACK_ATTACHMENT_MAX_BYTES", str(5 * 1024 * 1024))
)
XASO_FEEDBACK_LIMIT_PER_ADDRESS = int(env("XASO_FEEDBACK_LIMIT_PER_ADDRESS", "5"))
XASO_FEEDBACK_LIMIT_PER_PHONE = int(env("XASO_FEEDBACK_LIMIT_PER_PHONE", "3"))
# Search: a query is listed among the popular searches once this many clients (addresses, one
# count per address and day) searched it and found results.
XASO_POPULAR_QUERY_MIN_CLIENTS = int(env("XASO_POPULAR_QUERY_MIN_CLIENTS", "3"))
# Comments on draft legal documents: accepted per client address per hour, and per client
# address on one draft per day.
XASO_DRAFT_COMMENT_LIMIT_PER_ADDRESS = int(env("XASO_DRAFT_COMMENT_LIMIT_PER_ADDRESS", "10"))
XASO_DRAFT_COMMENT_LIMIT_PER_DOCUMENT = int(env("XASO_DRAFT_COMMENT_LIMIT_PER_DOCUMENT", "3"))
# Satisfaction ratings: ratings accepted per client address per hour.
XASO_RATING_LIMIT_PER_ADDRESS = int(env("XASO_RATING_LIMIT_PER_ADDRESS", "30"))
# Residents' feedback: days after a handled submission's last step before the sender's personal
# data is removed (36 months).
XASO_FEEDBACK_RETENTION_DAYS = int(env("XASO_FEEDBACK_RETENTION_DAYS", "1095"))
# Campaign maps: the background tiles (a URL template; empty: no background, the segments
# alone) and the credit the tile source asks for. Tiles that fail leave the segments drawn.
XASO_MAP_TILES_URL = env("XASO_MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
XASO_MAP_ATTRIBUTION = env("XASO_MAP_ATTRIBUTION", "© OpenStreetMap")
# Law 10/2022, Art. 12(3): disclosed within this many working days of the decision.
XASO_DISCLOSURE_DEADLINE_WORKING_DAYS = int(env("XASO_DISCLOSURE_DEADLINE_WORKING_DAYS", "5"))
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_USER_LOGIN_FORM = "xaso.accounts.forms.LoginForm"
# The admin's date and time pickers show and take dates as a Vietnamese office writes them.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# Staff avatars are not fetched from gravatar.com (that would send a hash of each address).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True

LOGIN_URL = "wagtailadmin_login"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "xaso@localhost")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# No page is shown in another's frame, not even the site's own: the admin's previews, the one
# place that frames a page, answer SAMEORIGIN themselves (Wagtail's preview views), and their
# Content-Security-Policy follows (xaso.core.csp).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# HTTP hardening (docs/decisions/0009-http-hardening.md).
# Content-Security-Policy of every page: scripts and styles only from the site's own files (an
# inline script needs the response's nonce, `{{ request.csp_nonce }}`; public pages have none);
# pictures also from the map tiles' host and from MEDIA_URL's host when media is on another one.
_image_origins = [
    origin
    for origin in (source_origin(XASO_MAP_TILES_URL), source_origin(MEDIA_URL))
    if origin is not None
]
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # The 500 page's one <style> (it must render when static files might not), by its hash;
        # xaso/core/tests/test_csp.py keeps the hash in step with the template.
        "style-src": [SELF, NONCE, "'sha256-fzx9ujfSLhZvGUXp8rLlJOhH0UZGoI+nrFghgggj2ys='"],
        "img-src": [SELF, "data:", *_image_origins],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # As X_FRAME_OPTIONS (DENY); 'self' for a response that allows SAMEORIGIN.
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": False,  # production.py: True
    }
}
# Under /admin/ (but XASO_CSP_STRICT_ADMIN_PATHS), these replace the directives of the same name.
# - Wagtail 8's admin writes inline <script> elements that cannot carry a nonce: chooser widgets
#   (pages, images, documents, snippets) and the date and time pickers render them without the
#   request, and InlinePanel runs those of each new form it adds. 'unsafe-inline' is ignored by
#   browsers when a nonce is listed, so the admin's script-src has none. Inline event handlers
#   (onclick=…) stay refused (script-src-attr), and so does eval.
# - Its scripts write inline styles: style attributes (the date picker, tooltips, the sidebar)
#   and <style> elements whose text changes with each editor (the rich text editor's
#   placeholders), so no hash can name them. With inline scripts allowed, inline styles add
#   nothing an injected tag could not already do. (No hash or nonce in the list: either would
#   make browsers ignore 'unsafe-inline'.)
XASO_ADMIN_CSP = {
    "script-src": [SELF, UNSAFE_INLINE],
    "script-src-attr": [NONE],
    "style-src": [SELF, UNSAFE_INLINE],
}
# Admin routes a stranger reaches (no Wagtail widget there): the strict policy above.
XASO_CSP_STRICT_ADMIN_PATHS = ["/admin/login/", "/admin/password_reset/"]

# Permissions-Policy: what no page of the portal or the admin uses is switched off for the page
# and every frame in it. Nothing asks for the location: the feedback form's map takes a tap.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "browsing-topics",
        "camera", "display-capture", "encrypted-media", "geolocation", "gyroscope", "hid",
        "idle-detection", "interest-cohort", "local-fonts", "magnetometer", "microphone", "midi",
        "payment", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip

# /.well-known/security.txt (RFC 9116): where to report a vulnerability, comma-separated mailto:
# or https: URIs (a bare address is taken as mailto:). Empty: DEFAULT_FROM_EMAIL, and
# `manage.py check --deploy` warns (xaso.W003).
XASO_SECURITY_CONTACT = env_list("XASO_SECURITY_CONTACT")

# A browser counts once per article in this window (seconds); see xaso/portal/services.py.
XASO_VIEW_WINDOW_SECONDS = int(env("XASO_VIEW_WINDOW_SECONDS", str(24 * 3600)))
# …and one client address counts at most this many visits per article in that window (0: no
# limit); readers behind one address (a mobile carrier's) share it.
XASO_VIEW_LIMIT_PER_ADDRESS = int(env("XASO_VIEW_LIMIT_PER_ADDRESS", "30"))
# Anonymous readers get pages from the cache for up to this long (seconds; 0 = no page cache);
# any publish refreshes them at once. A proxy in front (nginx) may keep them this long:
XASO_PAGE_CACHE_SECONDS = int(env("XASO_PAGE_CACHE_SECONDS", "60"))
XASO_PROXY_CACHE_SECONDS = int(env("XASO_PROXY_CACHE_SECONDS", "5"))
# Buffered visits reach the database this often (seconds); 0 = only when flushed explicitly.
XASO_VIEW_FLUSH_SECONDS = float(env("XASO_VIEW_FLUSH_SECONDS", "1"))
# A rendered article shows a count at most this old (seconds; 0 = read at every render). The
# counting call returns the live count, which the page shows as soon as it arrives.
XASO_VIEW_COUNT_SHOWN_SECONDS = float(env("XASO_VIEW_COUNT_SHOWN_SECONDS", "2"))
XASO_ARTICLES_PER_PAGE = int(env("XASO_ARTICLES_PER_PAGE", "10"))
# The demo commune may be loaded (never in production, see production.py).
XASO_DEMO_ALLOWED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    # axes writes a warning for every failed sign-in; they are in the audit log, and each
    # lockout is logged by xaso.accounts.lockout.
    "loggers": {"axes": {"level": "ERROR"}},
}
