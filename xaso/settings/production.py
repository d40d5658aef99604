"""Hardening for a deployment behind a reverse proxy; values still come from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, SECRET_KEY, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment.")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
# HSTS for each commune's own host only. Its subdomains, and whether the province's domain goes
# on browsers' preload list (a commitment for every name under it, hard to undo), are the
# province's DNS and services, not xaso's to promise: neither is sent, and `check --deploy` is
# told so (security.W005, security.W021).
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
# Every address a page names is fetched over HTTPS (a http:// picture in an old article too).
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

XASO_DEMO_ALLOWED = env_bool("XASO_DEMO_ALLOWED", False)  # only a benchmark turns it on
