"""The province viewer ("Tỉnh — xem báo cáo"): every commune's dashboards, lists and reports to
read; nothing to change, in the admin or through any service. (Every admin route, GET and POST,
is walked as the viewer in `test_routes.py`.)"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from xaso.accounts.choices import Role
from xaso.accounts.services import (
    PROVINCE_VIEWER_GROUP,
    PROVINCE_VIEWER_PERMS,
    commune_roles_ensure,
    province_viewer_ensure,
)
from xaso.accounts.tests.factories import make_province_viewer, make_staff
from xaso.communes.access import require_commune, user_commune_ids, user_write_commune_ids
from xaso.communes.models import Commune, Hamlet, Official, Unit
from xaso.communes.services import hamlet_create, hamlet_save, official_create, unit_save

pytestmark = pytest.mark.django_db


def test_the_group_exists_and_only_reads():
    group = Group.objects.get(name=PROVINCE_VIEWER_GROUP)  # made by migration
    held = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }
    assert held == set(PROVINCE_VIEWER_PERMS)
    assert "communes.view_all_communes" in held
    assert all(
        perm.split(".")[1].startswith("view_") or perm == "wagtailadmin.access_admin"
        for perm in held
    )
    assert not hasattr(group, "commune_role") or group.commune_role is None
    assert province_viewer_ensure().pk == group.pk  # again: the same group


def test_only_the_province_completes_the_group(commune):
    administrator = make_staff(commune=commune, role=Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        province_viewer_ensure(user=administrator)


def test_the_viewer_reads_every_commune_and_may_change_none(commune, other_commune):
    viewer = make_province_viewer()
    assert user_commune_ids(viewer) == set(Commune.objects.values_list("pk", flat=True))
    assert user_write_commune_ids(viewer) == set()
    with pytest.raises(PermissionDenied):
        require_commune(viewer, commune.pk)
    # Even given a model permission by mistake, no write check lets them through.
    viewer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="communes",
            codename__in=["add_hamlet", "change_hamlet", "add_official", "add_unit"],
        )
    )
    viewer = type(viewer).objects.get(pk=viewer.pk)
    assert viewer.has_perm("communes.add_hamlet")
    hamlet = hamlet_create(commune=other_commune, name="Thôn Đông")
    refused = [
        lambda: hamlet_create(user=viewer, commune=commune, name="Thôn Mới"),
        lambda: hamlet_save(user=viewer, hamlet=hamlet),
        lambda: official_create(user=viewer, commune=commune, full_name="A", position="B"),
        lambda: unit_save(user=viewer, unit=Unit(commune=commune, name="Văn phòng")),
        lambda: commune_roles_ensure(user=viewer, commune=commune),
    ]
    for write in refused:
        with pytest.raises(PermissionDenied):
            write()
    assert not Hamlet.objects.filter(name="Thôn Mới").exists()
    assert not Official.objects.filter(full_name="A").exists()


def test_the_viewer_opens_the_dashboards_and_lists_of_every_commune(client, commune, other_commune):
    hamlet_create(commune=commune, name="Thôn Bắc Khê")
    hamlet_create(commune=other_commune, name="Thôn Nam Kiếm")
    client.force_login(make_province_viewer())
    for name in (
        "party_dashboard",
        "ntm_dashboard",
        "campaigns_dashboard",
        "feedback_dashboard",
        "ratings_report",
        "wagtailadmin_home",
    ):
        assert client.get(reverse(name)).status_code == 200, name
    listing = client.get(reverse("hamlet:index"))
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Thôn Bắc Khê" in text and "Thôn Nam Kiếm" in text


def test_the_viewer_writes_nothing_through_the_admin(client, commune):
    staff = make_staff(commune=commune, role=Role.EDITOR, email="bientap@example.vn")
    client.force_login(make_province_viewer())
    before = Hamlet.objects.count()
    for url in (reverse("hamlet:add"), reverse("unit:add"), reverse("official:add")):
        response = client.post(url, {"commune": commune.pk, "name": "Mới", "sort_order": 0})
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:  # Wagtail's refusal: back to the dashboard
            assert response["Location"].startswith(reverse("wagtailadmin_home"))
    assert Hamlet.objects.count() == before
    assert not Unit.objects.filter(name="Mới").exists()
    # Nobody's accounts: not the communes' staff, not the province's.
    accounts = client.get(reverse("wagtailusers_users:index"))
    assert accounts.status_code in (302, 403, 404)
    assert staff.username not in accounts.content.decode()
    assert client.get(reverse("wagtailusers_users:edit", args=[staff.pk])).status_code in (
        302,
        403,
        404,
    )
    assert client.get(reverse("wagtailusers_groups:index")).status_code == 404
