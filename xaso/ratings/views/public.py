"""The public rating endpoint.

Public pages are cached whole and are the same for every visitor, so the widget holds no CSRF
token. The endpoint is exempt from Django's CSRF check and protects itself instead: a post sent
from another site (Origin, or else Referer) is refused, each client address may rate only so many
times an hour (the address is hashed in the cache, never stored), and a honeypot field catches
robots. The rating itself holds no identity (see models.Rating).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from xaso.communes.selectors import commune_for_request
from xaso.core import ratelimit
from xaso.core.clientip import client_address
from xaso.core.origin import same_origin

from .. import selectors, services

COOKIE = "xaso_rater"
COOKIE_SECONDS = 365 * 24 * 3600
HOUR = 3600
HONEYPOT = "website"
SCOPE = "rating"
# Longer input is refused before any work: the form's own limits are far below.
MAX_FIELD = 20_000


def _token(request: HttpRequest) -> tuple[str, bool]:
    """The browser's random token, and whether it is new (to be set as a cookie)."""
    token = request.COOKIES.get(COOKIE, "")
    if (
        token
        and len(token) <= services.MAX_TOKEN
        and token.replace("-", "").replace("_", "").isalnum()
    ):
        return token, False
    return secrets.token_urlsafe(24), True


def _back_url(path: str) -> str:
    return services.clean_path(path) or "/"


def _answer(
    request: HttpRequest,
    *,
    status: int,
    message: str,
    errors: dict[str, list[str]] | None = None,
    path: str = "",
    token: tuple[str, bool] | None = None,
) -> HttpResponse:
    ok = status == 200
    response: HttpResponse
    if "application/json" in request.headers.get("Accept", ""):
        body: dict[str, Any] = {"ok": ok, "message": message}
        if not ok:
            body["errors"] = errors or {}
        response = JsonResponse(body, status=status)
    else:
        context = {
            "ok": ok,
            "message": message,
            "errors": [m for messages in (errors or {}).values() for m in messages],
            "back_url": _back_url(path),
            "rating_hidden": True,
        }
        response = render(request, "ratings/rating_result.html", context, status=status)
    if token is not None and token[1]:
        response.set_cookie(
            COOKIE,
            token[0],
            max_age=COOKIE_SECONDS,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@csrf_exempt  # the widget sits on cached pages shared by everyone; see the module's docstring
@never_cache
@require_POST
def rate(request: HttpRequest) -> HttpResponse:
    commune = commune_for_request(request)
    path = request.POST.get("path", "")[:MAX_FIELD]
    if not same_origin(request):
        return _answer(
            request,
            status=403,
            message=_("This rating was sent from another site and was not accepted."),
            path=path,
        )
    thanks = _("Thank you for your rating. It helps the commune serve you better.")
    if request.POST.get(HONEYPOT):
        # Robots are told it worked; nothing is saved.
        return _answer(request, status=200, message=thanks, path=path)
    if not ratelimit.allow(
        SCOPE, client_address(request), limit=settings.XASO_RATING_LIMIT_PER_ADDRESS, seconds=HOUR
    ):
        return _answer(
            request,
            status=429,
            message=_("Too many ratings have been sent from here. Please try again later."),
            path=path,
        )
    invalid = _("The rating could not be recorded. Please check what you entered.")
    comment = request.POST.get("comment", "")
    if len(path) >= MAX_FIELD or len(comment) > MAX_FIELD:
        errors = {}
        if len(path) >= MAX_FIELD:
            errors["path"] = [_("The address of the rated page is not valid.")]
        if len(comment) > MAX_FIELD:
            errors["comment"] = [
                _("The comment may be at most %(max)s characters long.")
                % {"max": services.MAX_COMMENT}
            ]
        return _answer(request, status=400, message=invalid, errors=errors, path="/")
    token = _token(request)
    try:
        services.rating_record(
            commune=commune,
            path=path,
            page=selectors.commune_page(commune, request.POST.get("page")),
            score=request.POST.get("score", ""),
            comment=comment,
            token=token[0],
        )
    except ValidationError as error:
        if getattr(error, "code", None) == "duplicate":
            return _answer(request, status=409, message=error.messages[0], path=path, token=token)
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        return _answer(request, status=400, message=invalid, errors=errors, path=path, token=token)
    return _answer(request, status=200, message=thanks, path=path, token=token)
