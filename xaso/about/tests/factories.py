"""The introduction pages' records for the tests, made through the communes' services."""

from __future__ import annotations

from typing import Any

from xaso.communes.models import Unit
from xaso.communes.services import official_create, unit_save


def make_apparatus(commune: Any) -> tuple[Unit, Unit]:
    """The People's Committee (in Vietnamese and English, with its chairman, leader and contact)
    and its office under it, through the services."""
    committee = unit_save(
        unit=Unit(
            commune=commune,
            name="Ủy ban nhân dân xã",
            name_en="Commune People's Committee",
            functions="Cơ quan hành chính nhà nước ở địa phương.",
            functions_en="The local state administration.",
            phone="0225 3871 555",
            email="ubnd@example.gov.vn",
        )
    )
    office = unit_save(
        unit=Unit(
            commune=commune, name="Văn phòng UBND xã", parent=committee, phone="0225 3871 510"
        )
    )
    official_create(
        commune=commune,
        full_name="Đỗ Văn Khánh",
        position="Chủ tịch UBND xã",
        position_en="Chairman of the Commune People's Committee",
        unit=committee,
        is_leader=True,
        is_contact=True,
        biography="Kỹ sư xây dựng.",
        duties="Lãnh đạo, điều hành chung.",
        phone="0912 000 104",
    )
    return committee, office
