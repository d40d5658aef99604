"""Hosts from the database: a commune made while the site is serving answers at once on its
host, an alias sends on to it, an unknown host is refused with 400, and the check costs no
query once warm."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes.hosts import HostCheckMiddleware, known_hosts, normalise_hostname
from xaso.communes.models import CommuneHost
from xaso.communes.services import commune_create, commune_host_add, commune_host_remove

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict(settings):
    """The hosts a deployment lists itself: not the test client's."""
    from xaso.communes import hosts

    settings.XASO_STATIC_HOSTS = ["127.0.0.1", "localhost", ".tinh.example.vn"]
    hosts._state["generation"] = None  # nothing known from another test's rolled-back data
    return settings


def test_host_names_are_normalised_or_refused_in_vietnamese():
    assert normalise_hostname(" XaLienKhe.HaiPhong.gov.vn. ") == "xalienkhe.haiphong.gov.vn"
    assert normalise_hostname("liênkhê.vn") == "xn--linkh-isad.vn"
    for bad in ("", "a b.vn", "-x.vn", "x.vn:80", "127.0.0.1", "x..vn", "x" * 64 + ".vn"):
        with pytest.raises(ValidationError) as refused:
            normalise_hostname(bad)
        assert "không phải là tên miền" in refused.value.messages[0]


def test_a_new_commune_answers_at_once_on_its_host_and_alias(client, commune, strict):
    assert client.get("/", HTTP_HOST=commune.site.hostname).status_code == 200
    assert client.get("/", HTTP_HOST="cathai.haiphong.gov.vn").status_code == 400
    assert client.get("/", HTTP_HOST="cathai.vn").status_code == 400

    new = commune_create(
        name="Cát Hải",
        kind="dac_khu",
        province="Hải Phòng",
        slug="cat-hai",
        hostname="cathai.haiphong.gov.vn",
    )
    commune_host_add(commune=new, hostname="CatHai.vn")

    home = client.get("/", HTTP_HOST="cathai.haiphong.gov.vn")
    assert home.status_code == 200
    assert "Cát Hải" in home.content.decode()
    moved = client.get("/gioi-thieu/?tab=1", HTTP_HOST="cathai.vn:8000")
    assert moved.status_code == 301
    assert moved["Location"] == "http://cathai.haiphong.gov.vn:8000/gioi-thieu/?tab=1"
    # Static hosts (ALLOWED_HOSTS' patterns) still answer; anything else is refused.
    assert client.get("/", HTTP_HOST="www.tinh.example.vn").status_code != 400
    for host in ("attacker.example", "cathai.haiphong.gov.vn.attacker.example", "a@b", ""):
        assert client.get("/", HTTP_HOST=host).status_code == 400, host

    commune_host_remove(alias=new.hosts.get())
    assert client.get("/", HTTP_HOST="cathai.vn").status_code == 400


def test_the_check_costs_no_query_once_warm(commune, strict, django_assert_num_queries):
    middleware = HostCheckMiddleware(lambda request: HttpResponse("ok"))
    factory = RequestFactory()
    known_hosts()  # warm
    with django_assert_num_queries(0):
        assert middleware(factory.get("/", HTTP_HOST=commune.site.hostname)).status_code == 200
        assert middleware(factory.get("/", HTTP_HOST="localhost:8000")).status_code == 200
    alias = commune_host_add(commune=commune, hostname="lienkhe.vn")
    known_hosts()  # read again once after the change
    with django_assert_num_queries(0):
        moved = middleware(factory.get("/x/", HTTP_HOST="lienkhe.vn"))
        assert moved.status_code == 301
    alias.delete()


def test_unknown_hosts_cost_a_query_a_while_at_most(
    commune, strict, django_assert_num_queries, monkeypatch
):
    from django.core.exceptions import DisallowedHost
    from wagtail.models import Site

    from xaso.communes import hosts

    middleware = HostCheckMiddleware(lambda request: HttpResponse("ok"))
    monkeypatch.setattr(hosts, "MISS_REFRESH_SECONDS", 3600.0)
    known_hosts(miss=True)
    with django_assert_num_queries(0):
        for _ in range(3):
            with pytest.raises(DisallowedHost):
                middleware(RequestFactory().get("/", HTTP_HOST="unknown.example"))
    # A site made where no cache is shared (another process, no Redis): the generation did not
    # move here, but a miss after a while reads the database again and finds it.
    generation = hosts._state["generation"]
    Site.objects.create(hostname="khac.example.vn", root_page=commune.site.root_page)
    hosts.cache.set(hosts.GENERATION_KEY, generation, None)
    request = RequestFactory().get("/", HTTP_HOST="khac.example.vn")
    with pytest.raises(DisallowedHost):
        middleware(request)
    monkeypatch.setattr(hosts, "MISS_REFRESH_SECONDS", 0.0)
    assert middleware(request).status_code == 200


def test_aliases_are_the_provinces_audited_and_unique(commune):
    administrator = make_staff(commune=commune, role=Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        commune_host_add(user=administrator, commune=commune, hostname="lienkhe.vn")
    assert not CommuneHost.objects.exists()

    alias = commune_host_add(commune=commune, hostname="lienkhe.vn")
    entry = ModelLogEntry.objects.get(
        action="wagtail.create", object_id=str(alias.pk), content_type__model="communehost"
    )
    assert entry.user is None and entry.data.get("commune") == commune.pk
    for taken in ("lienkhe.vn", commune.site.hostname):
        with pytest.raises(ValidationError) as refused:
            commune_host_add(commune=commune, hostname=taken)
        assert "đã dùng tên miền" in " ".join(refused.value.messages)
    with pytest.raises(ValidationError):
        commune_create(name="Khác", province="Hải Phòng", slug="khac", hostname="LienKhe.vn")
    with pytest.raises(PermissionDenied):
        commune_host_remove(user=administrator, alias=alias)
    assert CommuneHost.objects.filter(pk=alias.pk).exists()


def test_the_province_manages_aliases_in_the_admin_and_nobody_else(client, admin_user, commune):
    from django.urls import reverse

    administrator = make_staff(commune=commune, role=Role.ADMINISTRATOR)
    client.force_login(administrator)
    data = {"commune": commune.pk, "hostname": "LienKhe.vn"}
    assert client.post(reverse("communehost:add"), data).status_code == 404
    assert not CommuneHost.objects.exists()

    client.force_login(admin_user)
    assert client.post(reverse("communehost:add"), data).status_code == 302
    alias = CommuneHost.objects.get()
    assert alias.hostname == "lienkhe.vn"
    taken = client.post(
        reverse("communehost:add"), {"commune": commune.pk, "hostname": commune.site.hostname}
    )
    assert taken.status_code == 200 and "đã dùng tên miền" in taken.content.decode()
    edit = {"commune": commune.pk, "hostname": "lk.vn"}
    assert client.post(reverse("communehost:edit", args=[alias.pk]), edit).status_code == 302
    assert CommuneHost.objects.get().hostname == "lk.vn"
    assert client.post(reverse("communehost:delete", args=[alias.pk])).status_code == 302
    assert not CommuneHost.objects.exists()
    actions = set(
        ModelLogEntry.objects.filter(content_type__model="communehost").values_list(
            "action", flat=True
        )
    )
    assert actions == {"wagtail.create", "wagtail.edit", "wagtail.delete"}


def test_the_host_check_must_stay_first(settings):
    from django.core.checks import run_checks

    from xaso.communes.hosts import MIDDLEWARE_PATH, check_host_middleware

    assert check_host_middleware() == []
    assert "xaso.E010" not in [error.id for error in run_checks()]
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE_PATH]
    assert [error.id for error in check_host_middleware()] == ["xaso.E010"]
    assert "xaso.E010" in [error.id for error in run_checks()]
    settings.MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", MIDDLEWARE_PATH]
    assert [error.id for error in check_host_middleware()] == ["xaso.E010"]
