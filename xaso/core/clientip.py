"""The address of the client a request comes from, as rate limits count it.

Served directly (the embedded default), the connection's own address (REMOTE_ADDR) is the
client's, and an X-Forwarded-For header is whatever the client chose to write: it is ignored.
Behind a reverse proxy (nginx in the province profile), every request comes from the proxy, and
the proxy appends the address it saw to X-Forwarded-For. Only when the connection comes from a
proxy listed in XASO_TRUSTED_PROXIES is that header read, from the right: the right-most address
that is not itself a trusted proxy is the client (addresses further left were written by the
client and may be forged). The list is empty by default: nothing is trusted.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.checks import Error
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN = "unknown"


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"XASO_TRUSTED_PROXIES: {entry!r} is not an address or a network ({error})."
            ) from error
    return tuple(networks)


def trusted_proxies() -> tuple[Network, ...]:
    """The networks of XASO_TRUSTED_PROXIES (addresses and CIDR networks, comma-separated)."""
    return _networks(tuple(getattr(settings, "XASO_TRUSTED_PROXIES", ())))


def parse_address(value: str) -> Address | None:
    """An IPv4 or IPv6 address (an IPv4 one written as IPv6-mapped is given as IPv4), or None."""
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, unless that is a trusted proxy (see the module)."""
    remote_text = request.META.get("REMOTE_ADDR", "") or ""
    remote = parse_address(remote_text)
    if remote is None:
        return remote_text.strip()[:64] or UNKNOWN
    networks = trusted_proxies()
    if not networks or not _trusted(remote, networks):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") or ""
    for hop in reversed(forwarded.split(",")[-32:]):
        address = parse_address(hop)
        if address is None:
            # Not written by a trusted proxy: nothing to its left can be believed either.
            break
        if not _trusted(address, networks):
            return str(address)
    return str(remote)


def check_trusted_proxies(**kwargs: object) -> list[Error]:
    """A system check: a mistyped entry is reported at start, not at the first form sent."""
    try:
        trusted_proxies()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="xaso.E001")]
    return []
