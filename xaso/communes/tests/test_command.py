"""`manage.py commune_create`: a whole commune at once, again without change, and bad input
refused with nothing written."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Collection, Page, Site

from xaso.accounts.choices import Role
from xaso.accounts.models import CommuneRole
from xaso.communes.choices import CommuneKind
from xaso.communes.models import Commune, CommuneHost

pytestmark = pytest.mark.django_db

ARGS = [
    "--name",
    "Cát Hải",
    "--kind",
    "dac-khu",
    "--slug",
    "cat-hai",
    "--host",
    "CatHai.HaiPhong.gov.vn",
    "--alias",
    "cathai.vn",
    "--province",
    "Hải Phòng",
]


def run(*args: str) -> str:
    out = StringIO()
    call_command("commune_create", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "communes": Commune.objects.count(),
        "sites": Site.objects.count(),
        "pages": Page.objects.count(),
        "collections": Collection.objects.count(),
        "groups": Group.objects.count(),
        "aliases": CommuneHost.objects.count(),
    }


def test_creates_the_whole_commune_then_changes_nothing_when_run_again(commune):
    said = run(*ARGS)
    created = Commune.objects.select_related("site__root_page", "collection").get(slug="cat-hai")
    assert created.kind == CommuneKind.SPECIAL_ZONE
    assert created.full_name == "Đặc khu Cát Hải"
    assert created.site.hostname == "cathai.haiphong.gov.vn"
    assert created.site.root_page.specific_class.__name__ == "HomePage"
    assert created.site.root_page.get_children().live().count() >= 3  # the required pages
    assert created.collection.name == created.full_name
    assert list(created.hosts.values_list("hostname", flat=True)) == ["cathai.vn"]
    roles = set(CommuneRole.objects.filter(commune=created).values_list("role", flat=True))
    assert roles == {role.value for role in Role}
    assert "Đã tạo Đặc khu Cát Hải" in said and "giây" in said

    before = counts()
    again = run(*ARGS)
    assert counts() == before
    assert "không thay đổi gì" in again


def test_an_existing_slug_with_other_data_is_reported_and_left_alone(commune):
    run(*ARGS)
    before = counts()
    other = [*ARGS]
    other[1] = "Cát Bà"
    other[other.index("--alias") + 1] = "catba.vn"
    with pytest.raises(CommandError) as refused:
        run(*other)
    message = str(refused.value)
    assert "cat-hai" in message and "Cát Hải" in message and "Cát Bà" in message
    assert "catba.vn" in message and "không thay đổi gì" in message
    assert counts() == before
    assert Commune.objects.get(slug="cat-hai").name == "Cát Hải"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"--kind": "huyen"}, "Không có loại đơn vị “huyen”"),
        ({"--slug": "cát hải"}, "slug"),
        ({"--host": "not a host"}, "không phải là tên miền"),
        ({"--alias": "bad_host!"}, "không phải là tên miền"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(commune, change, expected):
    args = [*ARGS]
    for option, value in change.items():
        args[args.index(option) + 1] = value
    before = counts()
    with pytest.raises(CommandError) as refused:
        run(*args)
    assert expected in str(refused.value)
    assert counts() == before


def test_a_host_another_commune_has_writes_nothing(commune):
    taken: Any = commune.site.hostname
    for option in ("--host", "--alias"):
        args = [*ARGS]
        args[args.index(option) + 1] = taken
        before = counts()
        with pytest.raises(CommandError) as refused:
            run(*args)
        assert "Chưa tạo gì" in str(refused.value)
        assert counts() == before
