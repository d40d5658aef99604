"""Two communes: the staff of one never see nor touch the other's records in the admin."""

from __future__ import annotations

import datetime

import pytest

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes.models import Unit
from xaso.communes.services import unit_save
from xaso.disclosures.tests.factories import make_disclosure
from xaso.legal.models import DocumentType, Issuer
from xaso.legal.tests.factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(commune, other_commune):
    other = other_commune
    records = {}
    for key, owner in (("ours", commune), ("theirs", other)):
        records[key] = {
            "commune": owner,
            "document": make_document(commune=owner, summary=f"Quyết định của {owner.name}"),
            "unit": unit_save(unit=Unit(commune=owner, name=f"Văn phòng {owner.name}")),
            "disclosure": make_disclosure(
                commune=owner,
                title=f"Công khai của {owner.name}",
                decided=datetime.date(2026, 11, 2),
                published=datetime.date(2026, 11, 3),
            ).disclosure,
        }
    return records


@pytest.mark.parametrize(
    "prefix, key", [("legaldocument", "document"), ("unit", "unit"), ("disclosure", "disclosure")]
)
def test_an_editor_sees_and_opens_only_their_communes_records(client, two, prefix, key):
    ours, theirs = two["ours"], two["theirs"]
    role = Role.ADMINISTRATOR if prefix == "unit" else Role.EDITOR
    staff = make_staff(commune=ours["commune"], role=role)
    client.force_login(staff)
    listing = client.get(f"/admin/{prefix}/").content.decode()
    assert str(ours[key]) in listing and str(theirs[key]) not in listing
    assert client.get(f"/admin/{prefix}/edit/{ours[key].pk}/").status_code == 200
    for action in ("edit", "delete"):
        response = client.get(f"/admin/{prefix}/{action}/{theirs[key].pk}/")
        assert response.status_code in (302, 403, 404), action
        assert str(theirs[key]) not in response.content.decode()
    client.post(f"/admin/{prefix}/delete/{theirs[key].pk}/")
    assert type(theirs[key]).objects.filter(pk=theirs[key].pk).exists()  # untouched


def test_an_editor_cannot_file_a_document_under_another_commune(client, two):
    ours, theirs = two["ours"], two["theirs"]
    editor = make_staff(commune=ours["commune"], role=Role.EDITOR)
    client.force_login(editor)
    form = client.get("/admin/legaldocument/new/").content.decode()
    assert ours["commune"].name in form and theirs["commune"].name not in form
    issuer = Issuer.objects.get(commune=theirs["commune"], name__startswith="Ủy ban")
    response = client.post(
        "/admin/legaldocument/new/",
        {
            "commune": theirs["commune"].pk,
            "number": "99/QĐ-UBND",
            "document_type": DocumentType.objects.get(name="Quyết định").pk,
            "issuer": issuer.pk,
            "summary": "Văn bản giả mạo",
            "files-TOTAL_FORMS": "0",
            "files-INITIAL_FORMS": "0",
            "files-MIN_NUM_FORMS": "0",
            "files-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200  # the form again, with errors
    assert theirs["commune"].pk not in [
        d.commune_id for d in type(ours["document"]).objects.filter(number="99/QĐ-UBND")
    ]


def test_the_platform_administrator_sees_every_commune(client, two, django_user_model):
    admin = django_user_model.objects.create_superuser("tinh", "t@example.com", "mat-khau-dai-123")
    client.force_login(admin)
    listing = client.get("/admin/legaldocument/").content.decode()
    assert str(two["ours"]["document"]) in listing and str(two["theirs"]["document"]) in listing


def test_a_commune_administrator_sees_and_edits_only_their_slogans(client, two):
    from xaso.portal.models import Slogan
    from xaso.portal.services import slogan_create

    ours, theirs = two["ours"], two["theirs"]
    mine = slogan_create(
        commune=ours["commune"],
        text="Chung sức xây dựng nông thôn mới",
        starts_on=datetime.date(2026, 1, 1),
    )
    other = slogan_create(
        commune=theirs["commune"], text="Khẩu hiệu của xã bạn", starts_on=datetime.date(2026, 1, 1)
    )
    staff = make_staff(commune=ours["commune"], role=Role.ADMINISTRATOR)
    client.force_login(staff)
    listing = client.get("/admin/snippets/portal/slogan/").content.decode()
    assert mine.text in listing and other.text not in listing
    assert client.get(f"/admin/snippets/portal/slogan/edit/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/portal/slogan/edit/{other.pk}/").status_code in (
        302,
        403,
        404,
    )
    client.post(f"/admin/snippets/portal/slogan/delete/{other.pk}/")
    assert Slogan.objects.filter(pk=other.pk).exists()


def test_another_communes_record_cannot_be_inspected(client, two):
    from xaso.legal.models import DraftComment

    approver = make_staff(commune=two["ours"]["commune"], role=Role.APPROVER)
    client.force_login(approver)
    ours, theirs = (
        DraftComment.objects.create(legal_document=two[key]["document"], content=f"Góp ý {key}")
        for key in ("ours", "theirs")
    )
    assert client.get(f"/admin/draftcomment/inspect/{ours.pk}/").status_code == 200
    response = client.get(f"/admin/draftcomment/inspect/{theirs.pk}/")
    assert response.status_code == 404 and "Góp ý theirs" not in response.content.decode()
