import io

import pytest
from django.apps import apps
from django.core.management import call_command

from xaso.portal.models import ArticlePage, NewsCategoryPage, PageViewCount

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"communes", "portal", "wagtailcore", "wagtailimages", "wagtaildocs", "auth", "taggit"}
        or model.__module__.startswith("xaso.")
    }


def test_a_second_load_of_the_demo_changes_nothing(demo_commune):
    first = _counts()
    assert first["party.Cell"] and first["ntm.Programme"] and first["campaigns.Household"]
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first


def test_load_demo_builds_the_commune(demo_commune, client):

    assert ArticlePage.objects.live().count() >= 31
    reference = ArticlePage.objects.get(source_name="Hải Phòng Online")
    assert (
        reference.title
        == "Đảng bộ xã Liên Khê (Thủy Nguyên): Cán bộ Đảng viên gần dân, sát thực tế"
    )
    assert reference.get_parent().title == "Đảng bộ xã Liên Khê"
    assert PageViewCount.objects.get(page=reference).count == 47
    assert NewsCategoryPage.objects.filter(title="Nông thôn mới").exists()
    dates = ArticlePage.objects.values_list("first_published_at", flat=True)
    assert len({d.date() for d in dates}) > 20
    assert client.get("/").status_code == 200
