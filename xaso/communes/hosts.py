"""The hosts this deployment answers on, read from the database: no restart for a new commune.

`ALLOWED_HOSTS` (the environment's) keeps the static part: the province's own host, `127.0.0.1`
and `localhost` for health checks, patterns such as `.example.gov.vn`. Settings read it into
`XASO_STATIC_HOSTS` and set Django's own `ALLOWED_HOSTS` to `["*"]`, because every commune's
site host (Wagtail's `Site.hostname`) and alias (`CommuneHost`) is checked here instead, by
`HostCheckMiddleware`, the first middleware: a host in neither is refused with 400 exactly as
Django refuses it (`DisallowedHost`, logged by `django.security.DisallowedHost`), before any
other code can call `request.get_host()` (`manage.py check` fails with `xaso.E010` if it is not
first).

An alias is answered with a permanent redirect to the same path on the commune's own host: one
address per page (search engines, the page cache, sessions and CSRF cookies, which are per
host, and Wagtail's `Site.find_for_request`, which knows the site's own host only).

The known hosts are kept in each process's memory, read in one query when the generation number
in the shared cache ("default": Redis in production) has changed; a save or delete of a site or
an alias bumps it (at once and again on commit). A request for a known host costs one cache
read, no query; an unknown host is looked up again at most every `MISS_REFRESH_SECONDS` (for a
change made in another process when the cache is not shared).
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.checks import Error, Tags, register
from django.core.exceptions import DisallowedHost, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.http.request import split_domain_port, validate_host
from django.utils.translation import gettext as _

GENERATION_KEY = "xaso:hosts:generation"

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*$")

_lock = threading.Lock()
_state: dict[str, Any] = {"generation": None, "hosts": {}, "read_at": 0.0}
# A host not known to this process is looked up again in the database at most this often: a
# commune made by another process without a shared cache (the command line beside the embedded
# default's server) answers within seconds, and unknown hosts cost no more than a query a while.
MISS_REFRESH_SECONDS = 2.0


def normalise_hostname(value: str) -> str:
    """A host name as stored: lower case, no port, no trailing dot, international names in
    their ASCII form; a ValidationError in Vietnamese for anything else."""
    text = (value or "").strip().lower().rstrip(".")
    try:
        text = text.encode("idna").decode("ascii")
    except UnicodeError:
        text = ""
    if not _HOSTNAME.match(text) or text.replace(".", "").isdigit():
        raise ValidationError(
            _("“%(host)s” is not a host name (e.g. xa-lienkhe.hanoi.gov.vn).")
            % {"host": (value or "")[:100]},
            code="invalid_host",
        )
    return text


def host_owner(hostname: str, *, besides: Any = None) -> str | None:
    """What already answers at `hostname`: a description of the site or alias (other than the
    alias `besides`, being changed), or None."""
    from wagtail.models import Site

    from .models import CommuneHost

    site = Site.objects.filter(hostname=hostname).first()
    if site is not None:
        return site.site_name or site.hostname
    aliases = CommuneHost.objects.select_related("commune").filter(hostname=hostname)
    if besides is not None and besides.pk is not None:
        aliases = aliases.exclude(pk=besides.pk)
    alias = aliases.first()
    if alias is not None:
        return _("%(commune)s (alias)") % {"commune": alias.commune.full_name}
    return None


def bump(**kwargs: Any) -> None:
    """The known hosts changed: every process reads them again on its next request."""

    def new_generation() -> None:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)

    new_generation()
    transaction.on_commit(new_generation)


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY) or ""
    return str(generation)


def known_hosts(*, miss: bool = False) -> dict[str, str]:
    """Every host name a commune answers on: a site's own maps to "", an alias to its site's
    host name. `miss`: a host was not found; read again if the last read is a while ago."""
    generation = _generation()
    fresh = time.monotonic() - _state["read_at"] < MISS_REFRESH_SECONDS
    if _state["generation"] == generation and generation and (fresh or not miss):
        return _state["hosts"]
    from wagtail.models import Site

    from .models import CommuneHost

    with _lock:
        hosts = {hostname: "" for hostname in Site.objects.values_list("hostname", flat=True)}
        for alias, main in CommuneHost.objects.filter(commune__site__isnull=False).values_list(
            "hostname", "commune__site__hostname"
        ):
            hosts.setdefault(alias, main)
        _state["hosts"] = hosts
        _state["generation"] = generation
        _state["read_at"] = time.monotonic()
    return hosts


class HostCheckMiddleware:
    """First in `MIDDLEWARE`: refuse a host that is neither static (`XASO_STATIC_HOSTS`) nor a
    commune's, and send an alias on to its commune's own host."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The raw Host (or X-Forwarded-Host where USE_X_FORWARDED_HOST says so), as Django's
        # `get_host()` reads it before checking it against ALLOWED_HOSTS.
        raw = request._get_raw_host()  # type: ignore[attr-defined]
        domain, port = split_domain_port(raw)
        if not domain:
            raise DisallowedHost(f"Invalid HTTP_HOST header: {raw[:100]!r}.")
        if not validate_host(domain, settings.XASO_STATIC_HOSTS):
            main = known_hosts().get(domain)
            if main is None:
                main = known_hosts(miss=True).get(domain)
            if main is None:
                raise DisallowedHost(f"Invalid HTTP_HOST header: {raw[:100]!r}.")
            if main:
                target = f"{main}:{port}" if port else main
                return HttpResponsePermanentRedirect(
                    f"{request.scheme}://{target}{request.get_full_path()}"
                )
        return self.get_response(request)


MIDDLEWARE_PATH = "xaso.communes.hosts.HostCheckMiddleware"


@register(Tags.security)
def check_host_middleware(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Django's own host check lets every host through (`ALLOWED_HOSTS = ["*"]`): this one must
    come first, or a forged Host header would be believed."""
    if "*" not in settings.ALLOWED_HOSTS or settings.MIDDLEWARE[:1] == [MIDDLEWARE_PATH]:
        return []
    return [
        Error(
            "ALLOWED_HOSTS accepts every host, and the host check is not the first middleware: "
            "any Host header would be believed.",
            hint=f"Put {MIDDLEWARE_PATH} first in MIDDLEWARE (xaso/settings/base.py).",
            id="xaso.E010",
        )
    ]


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Site

    from .models import CommuneHost

    for model in (Site, CommuneHost):
        name = model._meta.label_lower
        post_save.connect(bump, sender=model, dispatch_uid=f"xaso_hosts_{name}_s")
        post_delete.connect(bump, sender=model, dispatch_uid=f"xaso_hosts_{name}_x")
