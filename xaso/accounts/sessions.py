"""Signed-in sessions end after `XASO_SESSION_IDLE_MINUTES` (30) without a request and
`XASO_SESSION_MAX_HOURS` (12) after signing in, whatever happens meanwhile.

Only people of the commune and the province sign in (residents never do), so every signed-in
session is an admin one. The session holds when its user signed in and when it was last used
(seconds since the epoch); the last use is written at most once a minute, so a busy editor's
requests do not each write the session. A session that ends sends its user to the login page
with a message, and comes back to where they were after signing in again; on the public portal
they simply read on as a visitor. A session from before these limits counts from its next
request.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _

LOGIN_AT = "xaso_login_at"
SEEN_AT = "xaso_seen_at"
TOUCH_EVERY = 60  # seconds
# Requests a page makes by itself while open (the editor's "who else is editing" ping every few
# seconds): they do not count as activity, or an editor left open would never go idle.
BACKGROUND_PATHS = ("/admin/editing-sessions/",)
IDLE = "idle"
MAX_AGE = "max_age"


def now() -> float:
    return time.time()


def idle_seconds() -> int:
    return max(int(getattr(settings, "XASO_SESSION_IDLE_MINUTES", 30)), 1) * 60


def max_seconds() -> int:
    return max(int(getattr(settings, "XASO_SESSION_MAX_HOURS", 12)), 1) * 3600


def start(session: Any) -> None:
    """At signing in (`user_logged_in`)."""
    moment = int(now())
    session[LOGIN_AT] = moment
    session[SEEN_AT] = moment


def ended(session: Any, moment: float) -> str | None:
    """Why the session has ended (IDLE, MAX_AGE), or None while it is still on."""
    try:
        login_at = float(session[LOGIN_AT])
        seen_at = float(session[SEEN_AT])
    except (KeyError, TypeError, ValueError):
        return None
    if moment - login_at >= max_seconds():
        return MAX_AGE
    if moment - seen_at >= idle_seconds():
        return IDLE
    return None


def message(reason: str) -> str:
    if reason == MAX_AGE:
        return _(
            "You have been signed out: a session lasts at most %(hours)d hours. Please sign "
            "in again."
        ) % {"hours": max_seconds() // 3600}
    return _(
        "You have been signed out after %(minutes)d minutes without activity. Please sign in again."
    ) % {"minutes": idle_seconds() // 60}


class SessionLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # Visitors without a session cookie are not signed in: no session read, no Vary: Cookie.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        if request.user.is_authenticated:
            moment = now()
            session = request.session
            reason = ended(session, moment)
            if reason is not None:
                request.xaso_session_ended = reason  # type: ignore[attr-defined]
                logout(request)  # the audit log's `xaso.session_expired`
                if request.path.startswith("/admin/"):
                    messages.warning(request, message(reason))
                    return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
            elif LOGIN_AT not in session or SEEN_AT not in session:
                start(session)
            elif moment - float(session[SEEN_AT]) >= TOUCH_EVERY and not request.path.startswith(
                BACKGROUND_PATHS
            ):
                session[SEEN_AT] = int(moment)
        return self.get_response(request)
