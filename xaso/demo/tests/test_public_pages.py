"""Every model registered with the page cache (`portal.cache.register_public_model`): a change
made the way its app makes it shows at once to an anonymous reader of the page that shows it.

One shape for each: the page is rendered, then served from the cache; the record is changed
through its app's service (or as Wagtail's own admin saves it, for Wagtail's models); the next
anonymous request is rendered again and shows the change. The recipes run on the demo commune,
which has a record of every kind. A model registered without a recipe here fails the test.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache

from xaso.portal.cache import public_models

pytestmark = [pytest.mark.django_db, pytest.mark.demo]
PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 13) Chrome/126.0 Mobile Safari/537.36"}


@dataclass
class Recipe:
    url: str  # the page that shows the record
    change: Callable[[], Any]  # the change, through the app's service
    shows: str  # what the page shows after the change (and not before)


def _page(commune: Any, model: type) -> Any:
    return model.objects.live().descendant_of(commune.site.root_page).first()


# The recipes, by model label -----------------------------------------------------------------


def _site(commune: Any) -> Recipe:
    site = commune.site

    def change() -> None:
        site.site_name = "Cổng thông tin xã Liên Khê mới"
        site.save()

    return Recipe("/", change, "Cổng thông tin xã Liên Khê mới")


def _commune(commune: Any) -> Recipe:
    from xaso.communes.services import commune_update

    def change() -> None:
        commune.name = "Liên Khê Mới"
        commune_update(commune=commune)

    return Recipe("/", change, "Liên Khê Mới")


def _restriction(commune: Any) -> Recipe:
    from wagtail.models import PageViewRestriction

    from xaso.portal.models import ArticlePage

    article = _page(commune, ArticlePage)

    def change() -> None:
        PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
        )

    return Recipe(article.url, change, 'name="password"')


def _image(commune: Any) -> Recipe:
    from xaso.portal.models import ArticlePage

    article = (
        ArticlePage.objects.live()
        .descendant_of(commune.site.root_page)
        .filter(image__isnull=False)
        .first()
    )
    image = article.image

    def change() -> None:
        image.description = "Ảnh mô tả mới của bài viết"
        image.save()

    return Recipe(article.url, change, "Ảnh mô tả mới của bài viết")


def _slogan(commune: Any) -> Recipe:
    from xaso.portal.services import slogan_create

    def change() -> None:
        slogan_create(
            commune=commune,
            text="Chung sức xây dựng nông thôn mới kiểu mẫu",
            starts_on=datetime.date.today() - datetime.timedelta(days=1),
        )

    return Recipe("/", change, "Chung sức xây dựng nông thôn mới kiểu mẫu")


def _banner(commune: Any) -> Recipe:
    from xaso.portal.choices import BannerSlot
    from xaso.portal.models import LinkBanner
    from xaso.portal.services import link_banner_create

    image = LinkBanner.objects.filter(commune=commune).exclude(image=None).first().image

    def change() -> None:
        link_banner_create(
            commune=commune,
            title="Cổng dịch vụ công tỉnh",
            url="https://dichvucong.example.vn/",
            slot=BannerSlot.values[0],
            image=image,
        )

    return Recipe("/", change, "https://dichvucong.example.vn/")


def _settings(commune: Any) -> Recipe:
    from xaso.portal.services import portal_settings_update

    def change() -> None:
        portal_settings_update(site=commune.site, owner_name="Ủy ban nhân dân xã Liên Khê mới")

    return Recipe("/", change, "Ủy ban nhân dân xã Liên Khê mới")


def _unit(commune: Any) -> Recipe:
    from xaso.about.models import ApparatusPage
    from xaso.communes.models import Unit
    from xaso.communes.services import unit_save

    unit = Unit.objects.filter(commune=commune).first()

    def change() -> None:
        unit.name = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"
        unit_save(unit=unit)

    return Recipe(
        _page(commune, ApparatusPage).url, change, "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"
    )


def _official(commune: Any) -> Recipe:
    from xaso.about.models import LeadersPage
    from xaso.communes.services import official_create

    def change() -> None:
        official_create(
            commune=commune, full_name="Đỗ Minh Khang", position="Phó Chủ tịch", is_leader=True
        )

    return Recipe(_page(commune, LeadersPage).url, change, "Đỗ Minh Khang")


def _legal_document(commune: Any) -> Recipe:
    from xaso.legal.models import LegalDocument, LegalDocumentIndexPage
    from xaso.legal.services import legal_document_save

    document = LegalDocument.objects.filter(commune=commune, is_draft=False).first()

    def change() -> None:
        document.summary = "Về việc ban hành quy chế phối hợp mới"
        legal_document_save(user=None, document=document)

    return Recipe(
        _page(commune, LegalDocumentIndexPage).url, change, "Về việc ban hành quy chế phối hợp mới"
    )


def _procedure(commune: Any) -> Recipe:
    from xaso.legal.models import Procedure, ProcedureIndexPage
    from xaso.legal.services import procedure_save

    procedure = Procedure.objects.filter(commune=commune).first()

    def change() -> None:
        procedure.name = "Đăng ký khai sinh kết hợp cấp thẻ bảo hiểm y tế"
        procedure_save(user=None, procedure=procedure)

    return Recipe(
        _page(commune, ProcedureIndexPage).url,
        change,
        "Đăng ký khai sinh kết hợp cấp thẻ bảo hiểm y tế",
    )


def _disclosure(commune: Any) -> Recipe:
    from xaso.disclosures.models import Disclosure, DisclosureIndexPage
    from xaso.disclosures.services import disclosure_save

    disclosure = Disclosure.objects.filter(commune=commune).order_by("-pk").first()

    def change() -> None:
        disclosure.title = "Công khai dự toán ngân sách xã năm 2024 (bản sửa)"
        disclosure_save(user=None, disclosure=disclosure)

    return Recipe(
        _page(commune, DisclosureIndexPage).url,
        change,
        "Công khai dự toán ngân sách xã năm 2024 (bản sửa)",
    )


def _programme(commune: Any) -> Recipe:
    from xaso.ntm.models import NtmResultsPage, Programme
    from xaso.ntm.services import programme_save

    programme = Programme.objects.filter(commune=commune).first()
    url = f"{_page(commune, NtmResultsPage).url}?ct={programme.pk}"

    def change() -> None:
        programme.target_year = 2031
        programme_save(programme=programme)

    return Recipe(url, change, "<dd>2031</dd>")


def _latest_assessment(commune: Any) -> Any:
    from xaso.ntm.models import Assessment

    return (
        Assessment.objects.filter(programme__commune=commune, number__isnull=False)
        .order_by("-year", "-pk")
        .select_related("programme", "indicator")
        .first()
    )


def _threshold(commune: Any) -> Recipe:
    from xaso.ntm.models import NtmResultsPage
    from xaso.ntm.services import threshold_for, threshold_save

    assessment = _latest_assessment(commune)
    threshold = threshold_for(assessment.indicator, assessment.programme.applies_to)
    url = f"{_page(commune, NtmResultsPage).url}?ct={assessment.programme.pk}"

    def change() -> None:
        threshold.value = Decimal("987654")
        threshold_save(threshold=threshold)

    return Recipe(url, change, "987")


def _assessment(commune: Any) -> Recipe:
    from xaso.ntm.models import NtmResultsPage
    from xaso.ntm.services import assessment_save

    assessment = _latest_assessment(commune)
    url = f"{_page(commune, NtmResultsPage).url}?ct={assessment.programme.pk}"

    def change() -> None:
        assessment.number = Decimal("123456")
        assessment_save(assessment=assessment)

    return Recipe(url, change, "123")


def _campaign_page_url(commune: Any) -> str:
    from xaso.campaigns.models import CampaignPage

    return str(_page(commune, CampaignPage).url)


def _campaign(commune: Any) -> Recipe:
    from xaso.campaigns.models import Campaign
    from xaso.campaigns.services import campaign_save

    campaign = Campaign.objects.filter(commune=commune, is_public=True).first()

    def change() -> None:
        campaign.target_on = datetime.date(2031, 12, 31)
        campaign_save(campaign=campaign)

    return Recipe(_campaign_page_url(commune), change, "31/12/2031")


def _segment(commune: Any) -> Recipe:
    from xaso.campaigns.models import Segment
    from xaso.campaigns.services import segment_save

    segment = Segment.objects.filter(campaign__commune=commune, campaign__is_public=True).first()

    def change() -> None:
        segment.name = "Đường trục thôn 5 nối quốc lộ"
        segment_save(segment=segment)

    return Recipe(_campaign_page_url(commune), change, "Đường trục thôn 5 nối quốc lộ")


def _household(commune: Any) -> Recipe:
    from xaso.campaigns.models import Household
    from xaso.campaigns.services import allowed_moves, household_move

    household = Household.objects.filter(
        segment__campaign__commune=commune, segment__campaign__is_public=True
    ).first()
    to_status = allowed_moves(household.status)[0]

    def change() -> None:
        household_move(household=household, to_status=to_status, note="Đã gặp hộ")

    return Recipe(_campaign_page_url(commune), change, "")


def _question(commune: Any) -> Recipe:
    from xaso.feedback.models import Question, QuestionIndexPage
    from xaso.feedback.services import question_save

    def change() -> None:
        question_save(
            question=Question(
                commune=commune,
                field="procedures",
                title="Xin xác nhận tình trạng hôn nhân ở đâu?",
                question="Tôi cần giấy xác nhận tình trạng hôn nhân, nộp hồ sơ ở đâu?",
                answer="Tại Bộ phận Một cửa của xã hoặc trên Cổng Dịch vụ công quốc gia.",
                answered_on=datetime.date(2023, 11, 20),
            )
        )

    return Recipe(
        _page(commune, QuestionIndexPage).url, change, "Xin xác nhận tình trạng hôn nhân ở đâu?"
    )


RECIPES: dict[str, Callable[[Any], Recipe]] = {
    "wagtailcore.Site": _site,
    "communes.Commune": _commune,
    "wagtailcore.PageViewRestriction": _restriction,
    "wagtailimages.Image": _image,
    "portal.Slogan": _slogan,
    "portal.LinkBanner": _banner,
    "portal.PortalSettings": _settings,
    "communes.Unit": _unit,
    "communes.Official": _official,
    "legal.LegalDocument": _legal_document,
    "legal.Procedure": _procedure,
    "disclosures.Disclosure": _disclosure,
    "ntm.Programme": _programme,
    "ntm.Threshold": _threshold,
    "ntm.Assessment": _assessment,
    "campaigns.Campaign": _campaign,
    "campaigns.Segment": _segment,
    "campaigns.Household": _household,
    "feedback.Question": _question,
}


# The test ------------------------------------------------------------------------------------


# Shared national data, whose change refreshes every commune's pages: each is changed and every
# page of three communes found refreshed in portal/tests/test_page_cache_isolation.py
# (test_national_data_refreshes_every_commune).
NATIONAL_ELSEWHERE = {
    "ntm.CriteriaSet",
    "ntm.Criterion",
    "ntm.Indicator",
    "legal.DocumentType",
    "legal.LegalField",
    "legal.Issuer",
    "disclosures.DisclosureKind",
    "disclosures.Holiday",
    "communes.CommuneSuccession",
}


def test_every_registered_model_has_a_recipe():
    registered = {entry.model._meta.label for entry in public_models()}
    assert registered == set(RECIPES) | NATIONAL_ELSEWHERE


@pytest.fixture
def page_cache(settings):
    settings.XASO_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def _get(client: Any, url: str) -> Any:
    response = client.get(url, **PHONE)
    assert response.status_code == 200, url
    return response


@pytest.mark.parametrize("label", sorted(RECIPES))
def test_a_change_shows_at_once_to_an_anonymous_reader(client, demo_commune, page_cache, label):
    recipe = RECIPES[label](demo_commune)
    first = _get(client, recipe.url)
    assert first["X-Cache"] == "MISS"
    cache.clear()  # rendered again, the page is the same: what changes below is the change
    assert _get(client, recipe.url).content == first.content
    assert _get(client, recipe.url)["X-Cache"] == "HIT"
    if recipe.shows:
        assert recipe.shows not in first.content.decode()
    recipe.change()
    after = _get(client, recipe.url)
    assert after.get("X-Cache") != "HIT"
    assert after.content != first.content
    assert recipe.shows in after.content.decode()


# Shared by every commune: a change refreshes every page (never stale).
NATIONAL = {"ntm.Threshold"}


@pytest.mark.parametrize("label", sorted(RECIPES))
def test_a_change_in_one_commune_leaves_another_communes_pages_cached(
    client, demo_commune, other_commune, page_cache, label, django_assert_num_queries
):
    from xaso.portal.tests.factories import make_article, make_category

    category = make_category(parent=other_commune.site.root_page, title="Tin tức", slug="tin-tuc")
    article = make_article(category=category, title="Tin của xã Lưu Kiếm")
    host = {"HTTP_HOST": other_commune.site.hostname}
    urls = ["/", category.url, article.url]
    recipe = RECIPES[label](demo_commune)
    _get(client, recipe.url)
    for url in urls:
        assert client.get(url, **host, **PHONE)["X-Cache"] == "MISS"
    recipe.change()
    assert _get(client, recipe.url).get("X-Cache") != "HIT"  # the changed commune's page
    if label in NATIONAL:
        assert client.get("/", **host, **PHONE)["X-Cache"] == "MISS"
        return
    with django_assert_num_queries(0):
        for url in urls:
            response = client.get(url, **host, **PHONE)
            assert response.status_code == 200 and response["X-Cache"] == "HIT", url
