"""Hamlets and officials: saved through `hamlet_save` and `official_save` (the commune's own
staff only, validation, audit entry), from the services and from the admin. The user's communes
are asked through `communes.access`, which accounts fills in."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from xaso.accounts import scoping
from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes import access
from xaso.communes.models import Hamlet, Official, Unit
from xaso.communes.services import hamlet_save, official_save, unit_save
from xaso.communes.tests.factories import make_commune

pytestmark = pytest.mark.django_db


def _logged(record: object, action: str, user: User) -> bool:
    entries = ModelLogEntry.objects.for_instance(record)
    return entries.filter(action=action, user_id=user.pk).exists()


def test_accounts_answers_which_communes_a_user_works_for():
    commune = make_commune()
    user = make_staff(commune=commune, role=Role.EDITOR)
    assert access.user_commune_ids(user) == scoping.user_commune_ids(user) == {commune.pk}


def test_hamlet_save_checks_commune_and_role_and_audits():
    ours, theirs = make_commune(), make_commune()
    administrator = make_staff(commune=ours, role=Role.ADMINISTRATOR)
    auditor = make_staff(commune=ours, role=Role.AUDITOR)

    with pytest.raises(PermissionDenied):
        hamlet_save(user=administrator, hamlet=Hamlet(commune=theirs, name="Thôn lạ"))
    with pytest.raises(PermissionDenied):
        hamlet_save(user=auditor, hamlet=Hamlet(commune=ours, name="Thôn Đông"))
    with pytest.raises(ValidationError):
        hamlet_save(user=administrator, hamlet=Hamlet(commune=ours, name=""))

    hamlet = hamlet_save(user=administrator, hamlet=Hamlet(commune=ours, name="Thôn Đông"))
    assert _logged(hamlet, "wagtail.create", administrator)
    hamlet.name = "Thôn Đông Mới"
    hamlet_save(user=administrator, hamlet=hamlet)
    assert _logged(hamlet, "wagtail.edit", administrator)

    # Nor taking another commune's hamlet over by naming one's own commune on it.
    foreign = hamlet_save(hamlet=Hamlet(commune=theirs, name="Thôn Tây"))
    foreign.commune = ours
    with pytest.raises(PermissionDenied):
        hamlet_save(user=administrator, hamlet=foreign)
    assert Hamlet.objects.get(pk=foreign.pk).commune == theirs


def test_official_save_keeps_the_unit_in_the_commune_and_audits():
    ours, theirs = make_commune(), make_commune()
    administrator = make_staff(commune=ours, role=Role.ADMINISTRATOR)
    foreign_unit = unit_save(unit=Unit(commune=theirs, name="UBND xã khác"))

    with pytest.raises(ValidationError) as refused:
        official_save(
            user=administrator,
            official=Official(
                commune=ours, full_name="Nguyễn Văn A", position="Chủ tịch", unit=foreign_unit
            ),
        )
    assert "unit" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        official_save(
            user=administrator,
            official=Official(commune=theirs, full_name="Nguyễn Văn B", position="Chủ tịch"),
        )

    official = official_save(
        user=administrator,
        official=Official(commune=ours, full_name="Nguyễn Văn A", position="Chủ tịch"),
    )
    assert _logged(official, "wagtail.create", administrator)


def test_unit_save_refuses_another_communes_staff():
    ours, theirs = make_commune(), make_commune()
    administrator = make_staff(commune=ours, role=Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        unit_save(user=administrator, unit=Unit(commune=theirs, name="UBND"))


def test_hamlets_and_officials_saved_in_the_admin_go_through_the_services(client):
    commune = make_commune()
    administrator = make_staff(commune=commune, role=Role.ADMINISTRATOR)
    client.force_login(administrator)

    response = client.post(
        reverse("hamlet:add"), {"commune": commune.pk, "name": "Thôn Bắc", "sort_order": 0}
    )
    assert response.status_code == 302
    assert _logged(Hamlet.objects.get(name="Thôn Bắc"), "wagtail.create", administrator)

    response = client.post(
        reverse("official:add"),
        {
            "commune": commune.pk,
            "full_name": "Trần Thị C",
            "position": "Văn phòng",
            "position_en": "",
            "unit": "",
            "phone": "",
            "email": "",
            "biography": "",
            "duties": "",
            "sort_order": 0,
            "is_active": "on",
            "user": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    official = Official.objects.get(full_name="Trần Thị C")
    assert _logged(official, "wagtail.create", administrator)

    response = client.post(
        reverse("hamlet:edit", args=[Hamlet.objects.get(name="Thôn Bắc").pk]),
        {"commune": commune.pk, "name": "Thôn Bắc Mới", "sort_order": 1},
    )
    assert response.status_code == 302
    assert _logged(Hamlet.objects.get(name="Thôn Bắc Mới"), "wagtail.edit", administrator)
