"""/.well-known/security.txt (RFC 9116)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

pytestmark = pytest.mark.django_db
URL = "/.well-known/security.txt"


def _fields(response) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for line in response.content.decode().splitlines():
        name, _, value = line.partition(": ")
        fields.setdefault(name, []).append(value)
    return fields


def test_security_txt_names_the_contact_languages_expiry_and_this_hosts_address(client, settings):
    settings.XASO_SECURITY_CONTACT = ["attt@haiphong.gov.vn", "https://haiphong.gov.vn/attt"]
    response = client.get(URL, HTTP_HOST="lienkhe.haiphong.gov.vn", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = _fields(response)
    assert fields["Contact"] == ["mailto:attt@haiphong.gov.vn", "https://haiphong.gov.vn/attt"]
    assert fields["Preferred-Languages"] == ["vi, en"]
    assert fields["Canonical"] == ["https://lienkhe.haiphong.gov.vn/.well-known/security.txt"]
    (expires,) = fields["Expires"]
    when = datetime.strptime(expires, "%Y-%m-%dT%H:%M:%S.000Z").replace(tzinfo=UTC)
    now = datetime.now(UTC)
    assert now + timedelta(days=30) < when < now + timedelta(days=365)


def test_without_a_configured_contact_the_sending_address_is_named(client, settings):
    settings.XASO_SECURITY_CONTACT = []
    settings.DEFAULT_FROM_EMAIL = "congthongtin@lienkhe.gov.vn"
    fields = _fields(client.get(URL, HTTP_HOST="lienkhe.gov.vn"))
    assert fields["Contact"] == ["mailto:congthongtin@lienkhe.gov.vn"]
    assert fields["Canonical"] == ["http://lienkhe.gov.vn/.well-known/security.txt"]


def test_security_txt_is_only_read(client):
    assert client.post(URL).status_code == 405
