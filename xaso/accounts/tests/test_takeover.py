"""The holes a review of the demo found, each replayed as it was done: a commune administrator
taking over the province's account, acting in bulk on another commune's staff, changing another
commune's portal settings, and changing national data."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Site

from xaso.accounts.choices import Role
from xaso.accounts.models import CommuneRole
from xaso.accounts.tests.factories import make_staff
from xaso.portal.models import PortalSettings
from xaso.portal.tests.factories import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(commune, other_commune, django_user_model):
    other = other_commune
    province = django_user_model.objects.create_superuser("tinh", "tinh@example.com", "cu-123456")
    return {
        "ours": commune,
        "theirs": other,
        "province": province,
        "admin": make_staff(commune=commune, role=Role.ADMINISTRATOR, email="qt@example.com"),
        "their_admin": make_staff(commune=other, role=Role.ADMINISTRATOR),
    }


def test_the_copy_view_cannot_overwrite_the_province_account(client, world):
    province, admin = world["province"], world["admin"]
    client.force_login(admin)
    response = client.post(
        f"/admin/users/copy/{province.pk}/",
        {
            "username": "tinh",
            "email": "ke-gian@example.com",
            "password1": "mat-khau-moi-rat-dai-1",
            "password2": "mat-khau-moi-rat-dai-1",
            "is_superuser": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 404
    assert "Lỗi 404" in response.content.decode()  # the admin's own page, not the portal's
    province.refresh_from_db()
    admin.refresh_from_db()
    assert province.email == "tinh@example.com" and province.check_password("cu-123456")
    assert not admin.is_superuser


@pytest.mark.parametrize("url", ["/admin/users/copy/{pk}/", "/admin/hamlet/copy/{pk}/"])
def test_copy_views_are_closed_to_the_province_too(client, world, url):
    from xaso.communes.services import hamlet_create

    hamlet = hamlet_create(commune=world["ours"], name="Thôn Đông")
    pk = world["admin"].pk if "users" in url else hamlet.pk
    client.force_login(world["province"])
    assert client.get(url.format(pk=pk)).status_code == 404
    client.post(url.format(pk=pk), {"name": "Thôn bị đổi tên", "commune": world["ours"].pk})
    hamlet.refresh_from_db()
    assert hamlet.name == "Thôn Đông"


def test_bulk_actions_reach_only_the_communes_own_accounts(client, world):
    admin, theirs, province = world["admin"], world["their_admin"], world["province"]
    client.force_login(admin)
    for target in (theirs, province):
        url = f"/admin/bulk/auth/user/set_active_state/?id={target.pk}&next=/admin/users/"
        assert client.get(url).status_code == 404
        client.post(url, {"mark_as_active": "False"})
        target.refresh_from_db()
        assert target.is_active
        delete = f"/admin/bulk/auth/user/delete/?id={target.pk}"
        assert client.post(delete).status_code == 404
    their_lead = CommuneRole.objects.get(commune=world["theirs"], role=Role.CAMPAIGN_LEAD).group
    colleague = make_staff(commune=world["ours"], role=Role.EDITOR)
    url = f"/admin/bulk/auth/user/assign_role/?id={colleague.pk}&next=/admin/users/"
    form = client.get(url).content.decode()
    assert "Lưu Kiếm" not in form  # the other commune's roles are not offered
    assert "Vai trò" in form and "Role" not in form
    client.post(url, {"role": their_lead.pk})
    assert not colleague.groups.filter(pk=their_lead.pk).exists()


def test_bulk_actions_on_own_staff_work_and_are_audited(client, world):
    from wagtail.models import ModelLogEntry

    admin = world["admin"]
    colleague = make_staff(commune=world["ours"], role=Role.EDITOR)
    approver = CommuneRole.objects.get(commune=world["ours"], role=Role.APPROVER).group
    client.force_login(admin)
    url = f"/admin/bulk/auth/user/assign_role/?id={colleague.pk}&next=/admin/users/"
    assert client.post(url, {"role": approver.pk}).status_code == 302
    assert colleague.groups.filter(pk=approver.pk).exists()
    url = f"/admin/bulk/auth/user/set_active_state/?id={colleague.pk}&next=/admin/users/"
    assert client.post(url, {"mark_as_active": "False"}).status_code == 302
    colleague.refresh_from_db()
    assert not colleague.is_active
    entries = ModelLogEntry.objects.filter(object_id=str(colleague.pk), user=admin)
    assert entries.filter(action="wagtail.edit").count() == 2


def test_wagtails_default_groups_are_gone():
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()


def test_a_commune_administrator_cannot_change_another_communes_portal_settings(client, world):
    their_site = world["theirs"].site
    client.force_login(world["admin"])
    url = f"/admin/settings/portal/portalsettings/{their_site.pk}/"
    assert client.get(url).status_code == 404
    client.post(url, {"portal_title": "Trang giả mạo", "responsible_person": "Kẻ gian"})
    assert PortalSettings.for_site(their_site).responsible_person != "Kẻ gian"


def test_portal_settings_take_only_the_communes_own_images(client, world):
    ours, theirs = world["ours"], world["theirs"]
    mine = make_image(title="Ảnh tiêu đề", collection=ours.collection)
    foreign = make_image(title="Ảnh xã bạn", collection=theirs.collection, seed=2)
    client.force_login(world["admin"])
    url = f"/admin/settings/portal/portalsettings/{ours.site.pk}/"
    data = {"portal_title": "Cổng thông tin điện tử", "responsible_person": "Chủ tịch UBND xã"}
    refused = client.post(url, {**data, "banner_image": foreign.pk})
    assert refused.status_code == 200  # the form again, with its error
    assert PortalSettings.for_site(ours.site).banner_image_id is None
    assert client.post(url, {**data, "banner_image": mine.pk}).status_code == 302
    saved = PortalSettings.for_site(ours.site)
    assert saved.banner_image_id == mine.pk and saved.responsible_person == "Chủ tịch UBND xã"


def test_holidays_and_national_issuers_are_the_provinces(client, world):
    from xaso.disclosures.models import Holiday
    from xaso.legal.models import Issuer

    client.force_login(world["admin"])
    client.post("/admin/holiday/new/", {"date": "2026-12-24", "name": "Ngày nghỉ tự đặt"})
    assert not Holiday.objects.filter(date=datetime.date(2026, 12, 24)).exists()
    national = Issuer.objects.filter(commune__isnull=True).first()
    if national is None:
        national = Issuer.objects.create(name="Ủy ban nhân dân thành phố Hải Phòng")
    assert client.get(f"/admin/issuer/edit/{national.pk}/").status_code in (302, 403, 404)
    client.post(f"/admin/issuer/edit/{national.pk}/", {"name": "Cơ quan bị đổi tên"})
    national.refresh_from_db()
    assert national.name != "Cơ quan bị đổi tên"


@pytest.mark.parametrize("model", ["slogan", "linkbanner"])
def test_adding_a_slogan_or_a_banner_opens_its_form(client, world, model):
    client.force_login(world["admin"])
    response = client.get(f"/admin/snippets/portal/{model}/add/")
    assert response.status_code == 200
    assert "Lưu Kiếm" not in response.content.decode()


def test_the_officials_photo_offers_only_the_communes_images(client, world):
    make_image(title="Ảnh của xã mình", collection=world["ours"].collection)
    make_image(title="Ảnh riêng xã bạn", collection=world["theirs"].collection, seed=3)
    client.force_login(world["admin"])
    form = client.get("/admin/official/new/").content.decode()
    assert 'data-chooser-url="/admin/images/chooser/"' in form
    # The image chooser the photo opens lists our images alone.
    chooser = client.get("/admin/images/chooser/").json()["html"]
    assert "Ảnh của xã mình" in chooser and "Ảnh riêng xã bạn" not in chooser


def test_the_page_chooser_and_workflow_preview_do_not_open_another_communes_pages(client, world):
    from xaso.portal.tests.factories import make_category

    draft = make_category(parent=world["theirs"].site.root_page, title="Bản nháp xã bạn")
    client.force_login(world["admin"])
    for url in (f"/admin/choose-page/{draft.pk}/", f"/admin/pages/workflow/preview/{draft.pk}/1/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Bản nháp xã bạn" not in response.content.decode()


def test_the_admin_api_lists_no_media_to_commune_staff(client, world):
    make_image(title="Ảnh riêng xã bạn", collection=world["theirs"].collection, seed=4)
    client.force_login(world["admin"])
    for url in ("/admin/api/main/images/", "/admin/api/main/documents/"):
        assert client.get(url).status_code == 404, url
    pages = client.get("/admin/api/main/pages/").content.decode()
    assert "Lưu Kiếm" not in pages


def test_every_site_keeps_its_settings_permission_to_its_own_administrator(world):
    from wagtail.models import GroupSitePermission

    group = CommuneRole.objects.get(commune=world["ours"], role=Role.ADMINISTRATOR).group
    sites = set(GroupSitePermission.objects.filter(group=group).values_list("site_id", flat=True))
    assert sites == {world["ours"].site_id}
    assert not group.permissions.filter(codename="change_portalsettings").exists()
    assert Site.objects.filter(pk__in=sites).count() == 1
