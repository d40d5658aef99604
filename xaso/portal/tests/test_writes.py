"""Slogans, link banners and portal settings: saved through their services (the commune's own
staff only, validation, audit entry), from the services and from the admin."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes.tests.factories import make_commune
from xaso.portal import services
from xaso.portal.models import LinkBanner, PortalSettings, Slogan
from xaso.testing.clients import log_in_as

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 1, 1)


def test_slogan_save_checks_commune_and_dates_and_audits(commune):
    other = make_commune()
    administrator = make_staff(commune=commune, role=Role.ADMINISTRATOR)
    editor = make_staff(commune=commune, role=Role.EDITOR)

    with pytest.raises(PermissionDenied):
        services.slogan_save(
            user=administrator, slogan=Slogan(commune=other, text="X", starts_on=TODAY)
        )
    with pytest.raises(PermissionDenied):
        services.slogan_save(user=editor, slogan=Slogan(commune=commune, text="X", starts_on=TODAY))
    with pytest.raises(ValidationError):
        services.slogan_save(
            user=administrator,
            slogan=Slogan(
                commune=commune,
                text="X",
                starts_on=TODAY,
                ends_on=TODAY - datetime.timedelta(days=1),
            ),
        )

    slogan = services.slogan_save(
        user=administrator, slogan=Slogan(commune=commune, text="Chào năm mới", starts_on=TODAY)
    )
    assert ModelLogEntry.objects.for_instance(slogan).filter(action="wagtail.create").exists()


def test_link_banner_save_checks_commune_and_audits(commune):
    other = make_commune()
    administrator = make_staff(commune=commune, role=Role.ADMINISTRATOR)
    foreign = services.link_banner_create(
        commune=other, title="Cổng tỉnh", url="https://haiphong.gov.vn", slot="sidebar"
    )
    foreign.commune = commune
    with pytest.raises(PermissionDenied):
        services.link_banner_save(user=administrator, banner=foreign)
    with pytest.raises(ValidationError):
        services.link_banner_save(
            user=administrator,
            banner=LinkBanner(commune=commune, title="X", url="không phải địa chỉ", slot="sidebar"),
        )
    banner = services.link_banner_save(
        user=administrator,
        banner=LinkBanner(
            commune=commune, title="Cổng tỉnh", url="https://haiphong.gov.vn", slot="sidebar"
        ),
    )
    assert ModelLogEntry.objects.for_instance(banner).filter(action="wagtail.create").exists()


def test_slogans_and_banners_saved_in_the_admin_go_through_the_services(client, commune):
    administrator = make_staff(commune=commune, role=Role.ADMINISTRATOR)
    client.force_login(administrator)

    response = client.post(
        "/admin/snippets/portal/slogan/add/",
        {"commune": commune.pk, "text": "Đoàn kết", "starts_on": "2026-01-01", "sort_order": 0},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    slogan = Slogan.objects.get(text="Đoàn kết")
    entries = ModelLogEntry.objects.for_instance(slogan)
    assert entries.filter(action="wagtail.create", user_id=administrator.pk).count() == 1

    # Ending before it starts: the service's refusal on the form, nothing saved.
    response = client.post(
        f"/admin/snippets/portal/slogan/edit/{slogan.pk}/",
        {
            "commune": commune.pk,
            "text": "Đoàn kết",
            "starts_on": "2026-02-01",
            "ends_on": "2026-01-01",
            "sort_order": 0,
        },
    )
    assert response.status_code == 200
    slogan.refresh_from_db()
    assert slogan.ends_on is None

    response = client.post(
        "/admin/snippets/portal/linkbanner/add/",
        {
            "commune": commune.pk,
            "title": "Dịch vụ công",
            "url": "https://dichvucong.gov.vn",
            "slot": "sidebar",
            "sort_order": 0,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    banner = LinkBanner.objects.get(title="Dịch vụ công")
    entries = ModelLogEntry.objects.for_instance(banner)
    assert entries.filter(action="wagtail.create", user_id=administrator.pk).count() == 1


def test_portal_settings_saved_in_the_admin_go_through_the_service(client, commune):
    administrator = make_staff(commune=commune, role=Role.ADMINISTRATOR)
    client.force_login(administrator)
    url = f"/admin/settings/portal/portalsettings/{commune.site.pk}/"

    response = client.post(
        url, {"portal_title": "Cổng thông tin điện tử", "responsible_person": "Chủ tịch UBND"}
    )

    assert response.status_code == 302
    chrome = PortalSettings.for_site(commune.site)
    assert chrome.responsible_person == "Chủ tịch UBND"
    entries = ModelLogEntry.objects.for_instance(chrome).filter(action="wagtail.edit")
    # One entry, the service's: Wagtail's own edit action must not log the change a second time.
    assert entries.count() == 1
    assert entries.get().user_id == administrator.pk


@pytest.mark.parametrize("role", list(Role))
def test_adding_a_slogan_or_banner_is_offered_to_those_who_may_and_refused_to_others(
    client, commune, role
):
    client.raise_request_exception = True
    log_in_as(client, commune, role)
    may = role == Role.ADMINISTRATOR
    slogan = {"commune": commune.pk, "text": f"Khẩu hiệu {role}", "starts_on": "2026-01-01"}
    banner = {
        "commune": commune.pk,
        "title": f"Liên kết {role}",
        "url": "https://dichvucong.gov.vn",
        "slot": "sidebar",
        "sort_order": 0,
        "is_active": "on",
    }
    for kind, data, model in (("slogan", slogan, Slogan), ("linkbanner", banner, LinkBanner)):
        url = f"/admin/snippets/portal/{kind}/add/"
        form = client.get(url)
        assert form.status_code == (200 if may else 302), url
        response = client.post(url, {"sort_order": 0, **data})
        assert response.status_code == 302, url
        assert (
            model.objects.filter(commune=commune)
            .filter(**({"text": slogan["text"]} if model is Slogan else {"title": banner["title"]}))
            .exists()
            is may
        )


def test_another_communes_administrator_cannot_add_or_change_ours(client, commune, other_commune):
    ours = services.slogan_create(commune=commune, text="Của xã", starts_on=TODAY)
    log_in_as(client, other_commune, Role.ADMINISTRATOR)

    response = client.post(
        "/admin/snippets/portal/slogan/add/",
        {"commune": commune.pk, "text": "Chen vào", "starts_on": "2026-01-01", "sort_order": 0},
    )
    assert response.status_code == 200  # our commune is not among the form's choices
    assert not Slogan.objects.filter(text="Chen vào").exists()
    response = client.get(f"/admin/snippets/portal/slogan/edit/{ours.pk}/")
    assert response.status_code == 404
