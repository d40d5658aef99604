"""The register's reference lists: document types and fields are the province's, issuing bodies
a commune's own or (shared) the province's; each saved through its service (permission,
validation, audit entry), from the services and from the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes.tests.factories import make_commune
from xaso.legal import services
from xaso.legal.models import DocumentType, Issuer, LegalField

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(django_user_model):
    return django_user_model.objects.create_superuser("tinh", "tinh@example.com", "x")


def _created_by(record: object, user: User) -> bool:
    entries = ModelLogEntry.objects.for_instance(record)
    return entries.filter(action="wagtail.create", user_id=user.pk).exists()


def test_document_types_and_fields_are_the_provinces(commune, province):
    administrator = make_staff(commune=commune, role=Role.ADMINISTRATOR)
    # Even holding the permission, staff of a commune do not change national lists.
    administrator.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_documenttype", "add_legalfield"])
    )
    administrator = User.objects.get(pk=administrator.pk)
    with pytest.raises(PermissionDenied):
        services.document_type_save(user=administrator, document_type=DocumentType(name="Mới"))
    with pytest.raises(PermissionDenied):
        services.legal_field_save(user=administrator, field=LegalField(name="Mới"))

    kind = services.document_type_save(
        user=province, document_type=DocumentType(name="Thông báo mới")
    )
    assert _created_by(kind, province)
    with pytest.raises(ValidationError):
        services.document_type_save(user=province, document_type=DocumentType(name="Thông báo mới"))


def test_a_field_cannot_be_placed_under_itself(province):
    top = services.legal_field_save(user=province, field=LegalField(name="Đất đai mới"))
    below = services.legal_field_save(user=province, field=LegalField(name="Thu hồi", parent=top))
    assert _created_by(below, province)
    top.parent = below
    with pytest.raises(ValidationError) as refused:
        services.legal_field_save(user=province, field=top)
    assert "parent" in refused.value.message_dict


def test_issuers_a_communes_own_by_its_staff_shared_ones_by_the_province(commune, province):
    other = make_commune()
    administrator = make_staff(commune=commune, role=Role.ADMINISTRATOR)

    own = services.issuer_save(user=administrator, issuer=Issuer(commune=commune, name="Đảng ủy"))
    assert _created_by(own, administrator)
    with pytest.raises(PermissionDenied):
        services.issuer_save(user=administrator, issuer=Issuer(commune=other, name="Đảng ủy"))
    with pytest.raises(PermissionDenied):
        services.issuer_save(user=administrator, issuer=Issuer(name="Chính phủ mới"))
    own.commune = None  # nor making one's own body a national one
    with pytest.raises(PermissionDenied):
        services.issuer_save(user=administrator, issuer=own)

    national = services.issuer_save(user=province, issuer=Issuer(name="Bộ Tư pháp mới"))
    assert _created_by(national, province)
    national.commune = commune  # nor taking a national one as one's own
    with pytest.raises(PermissionDenied):
        services.issuer_save(user=administrator, issuer=national)


def test_reference_lists_saved_in_the_admin_go_through_the_services(client, commune, province):
    client.force_login(province)

    response = client.post("/admin/documenttype/new/", {"name": "Công văn mới", "sort_order": 0})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _created_by(DocumentType.objects.get(name="Công văn mới"), province)

    response = client.post(
        "/admin/legalfield/new/", {"name": "Lĩnh vực thử", "parent": "", "sort_order": 0}
    )
    assert response.status_code == 302
    field = LegalField.objects.get(name="Lĩnh vực thử")
    assert _created_by(field, province)
    child = services.legal_field_save(user=province, field=LegalField(name="Con", parent=field))
    response = client.post(
        f"/admin/legalfield/edit/{field.pk}/",
        {"name": "Lĩnh vực thử", "parent": child.pk, "sort_order": 0},
    )
    assert response.status_code == 200  # the cycle refused on the form
    field.refresh_from_db()
    assert field.parent is None

    administrator = make_staff(commune=commune, role=Role.ADMINISTRATOR)
    client.force_login(administrator)
    response = client.post(
        "/admin/issuer/new/", {"commune": commune.pk, "name": "Hội đồng nhân dân", "sort_order": 0}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _created_by(Issuer.objects.get(name="Hội đồng nhân dân", commune=commune), administrator)
