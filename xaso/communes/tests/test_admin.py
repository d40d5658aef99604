"""The communes admin: a commune made there is made by `commune_create` (site, home page,
collection, required pages, audit entry); refusals are shown on the form; commune staff cannot
reach it; a unit's parent is of its commune and never below it."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Collection, ModelLogEntry, Page, Site

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes.models import Commune, Unit
from xaso.communes.services import unit_save
from xaso.communes.tests.factories import make_commune

pytestmark = pytest.mark.django_db


def _shown(text: str) -> str:
    with translation.override("vi"):
        return escape(translation.gettext(text))


def _province(client: Any) -> User:
    user = User.objects.create_superuser("tinh", password="x")
    client.force_login(user)
    return user


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Tân Lập",
        "kind": "xa",
        "province": "Hải Phòng",
        "district": "",
        "official_code": "",
        "slug": "tan-lap",
        "valid_from": "",
        "valid_to": "",
        "hostname": "tanlap.haiphong.gov.vn",
    }
    data.update(overrides)
    return data


def _pages_below(commune: Commune) -> set[tuple[str, int]]:
    """What a commune's tree holds, by page type and depth below its home page."""
    home = commune.site.root_page
    return {
        (page.specific_class.__name__, page.depth - home.depth)
        for page in Page.objects.descendant_of(home, inclusive=True)
    }


def test_province_creates_a_complete_commune_in_the_admin(client):
    reference = make_commune()  # through the service, as the demo and tests make communes
    user = _province(client)
    data = _form(kind=reference.kind)

    response = client.post(reverse("commune:add"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    commune = Commune.objects.get(slug="tan-lap")
    assert commune.site.hostname == "tanlap.haiphong.gov.vn"
    assert commune.site.root_page.specific.live
    assert commune.site.root_page.title == commune.full_name
    assert commune.collection is not None and commune.collection.name == commune.full_name
    assert _pages_below(commune) == _pages_below(reference)
    assert len(_pages_below(commune)) > 1  # the required pages, not only the home page
    entry = ModelLogEntry.objects.for_instance(commune).get(action="wagtail.create")
    assert entry.user_id == user.pk


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("hostname", "Another site already answers at this hostname."),
        ("slug", None),
    ],
)
def test_a_duplicate_is_a_form_error_and_nothing_is_made(client, field, message):
    existing = make_commune(slug="trung", hostname="trung.haiphong.gov.vn")
    _province(client)
    counts = (Commune.objects.count(), Page.objects.count(), Site.objects.count())
    collections = Collection.objects.count()
    value = existing.site.hostname if field == "hostname" else existing.slug

    response = client.post(reverse("commune:add"), _form(**{field: value}))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    if message:
        assert _shown(message) in response.content.decode()
    assert (Commune.objects.count(), Page.objects.count(), Site.objects.count()) == counts
    assert Collection.objects.count() == collections


def test_edit_goes_through_the_service(client):
    commune = make_commune()
    user = _province(client)
    data = _form(name="Liên Khê Mới", kind=commune.kind, slug=commune.slug)
    del data["hostname"]

    response = client.post(reverse("commune:edit", args=[commune.pk]), data)

    assert response.status_code == 302
    commune.refresh_from_db()
    assert commune.name == "Liên Khê Mới"
    assert commune.site.site_name == commune.full_name
    assert (
        ModelLogEntry.objects.for_instance(commune)
        .filter(action="wagtail.edit", user_id=user.pk)
        .exists()
    )


def test_a_commune_administrator_cannot_reach_the_commune_screens(client):
    commune = make_commune()
    client.force_login(make_staff(commune=commune, role=Role.ADMINISTRATOR))

    assert client.get(reverse("commune:add")).status_code == 404
    assert client.post(reverse("commune:add"), _form()).status_code == 404
    assert client.get(reverse("commune:edit", args=[commune.pk])).status_code == 404
    assert not Commune.objects.filter(slug="tan-lap").exists()


def _unit_form(commune: Commune, name: str, parent: Unit | None = None) -> dict[str, Any]:
    return {
        "commune": commune.pk,
        "parent": parent.pk if parent else "",
        "name": name,
        "name_en": "",
        "functions": "",
        "functions_en": "",
        "address": "",
        "phone": "",
        "fax": "",
        "email": "",
        "sort_order": 0,
    }


def test_unit_parent_of_another_commune_is_a_form_error(client):
    commune, other = make_commune(), make_commune()
    foreign = unit_save(unit=Unit(commune=other, name="UBND xã khác"))
    _province(client)

    response = client.post(reverse("unit:add"), _unit_form(commune, "Văn phòng", foreign))

    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert _shown("The parent unit belongs to another commune.") in response.content.decode()
    assert not Unit.objects.filter(name="Văn phòng").exists()


def test_unit_cycle_is_a_form_error(client):
    commune = make_commune()
    top = unit_save(unit=Unit(commune=commune, name="UBND"))
    middle = unit_save(unit=Unit(commune=commune, name="Văn phòng", parent=top))
    bottom = unit_save(unit=Unit(commune=commune, name="Bộ phận một cửa", parent=middle))
    client.force_login(make_staff(commune=commune, role=Role.ADMINISTRATOR))

    response = client.post(reverse("unit:edit", args=[top.pk]), _unit_form(commune, "UBND", bottom))

    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert _shown("A unit cannot be placed under itself.") in response.content.decode()
    top.refresh_from_db()
    assert top.parent is None


def test_unit_saved_in_the_admin_is_audited(client):
    commune = make_commune()
    top = unit_save(unit=Unit(commune=commune, name="UBND"))
    user = make_staff(commune=commune, role=Role.ADMINISTRATOR)
    client.force_login(user)

    response = client.post(reverse("unit:add"), _unit_form(commune, "Văn phòng", top))

    assert response.status_code == 302
    unit = Unit.objects.get(name="Văn phòng")
    assert unit.parent == top
    assert (
        ModelLogEntry.objects.for_instance(unit)
        .filter(action="wagtail.create", user_id=user.pk)
        .exists()
    )


def test_an_officials_photo_is_chosen_or_uploaded_with_the_image_chooser(client, commune):
    from xaso.accounts.choices import Role
    from xaso.testing.clients import log_in_as

    log_in_as(client, commune, Role.ADMINISTRATOR)
    form = client.get("/admin/official/new/").content.decode()
    assert '<select name="photo"' not in form
    assert 'data-chooser-url="/admin/images/chooser/"' in form
    # The chooser it opens offers an upload form too, into the commune's collection.
    chooser = client.get("/admin/images/chooser/").json()["html"]
    assert "data-chooser-modal-creation-form" in chooser and 'type="file"' in chooser
