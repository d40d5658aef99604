import datetime
import unicodedata

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry, Page, Site

from xaso.communes.models import Commune, Hamlet, Official
from xaso.communes.selectors import commune_for_site, commune_officials
from xaso.communes.services import commune_create, hamlet_create, official_create
from xaso.communes.tests.factories import make_commune
from xaso.portal.models import HomePage


def test_commune_create_gives_site_home_collection_and_audit(db):
    commune = commune_create(
        name="Liên Khê",
        province="Hải Phòng",
        district="Thủy Nguyên",
        slug="lien-khe",
        hostname="lienkhe.haiphong.gov.vn",
        official_code="11938",
        is_default_site=True,
    )
    assert commune.site.hostname == "lienkhe.haiphong.gov.vn"
    assert commune.site.is_default_site
    home = commune.site.root_page.specific
    assert isinstance(home, HomePage) and home.live
    assert home.title == "Xã Liên Khê"
    assert commune.collection is not None and commune.collection.name == commune.full_name
    assert commune_for_site(commune.site) == commune
    assert ModelLogEntry.objects.filter(object_id=str(commune.pk), action="wagtail.create").exists()


def test_text_is_stored_in_nfc(db):
    decomposed = unicodedata.normalize("NFD", "Liên Khê")
    commune = make_commune(name=decomposed)
    assert commune.name == unicodedata.normalize("NFC", "Liên Khê")
    hamlet = hamlet_create(commune=commune, name=unicodedata.normalize("NFD", "Thiểm Khê"))
    assert hamlet.name == "Thiểm Khê"


def test_invalid_period_is_refused_and_nothing_is_written(db):
    pages_before = Page.objects.count()
    with pytest.raises(ValidationError):
        commune_create(
            name="Sai",
            province="Hải Phòng",
            slug="sai",
            hostname="sai.haiphong.gov.vn",
            valid_from=datetime.date(2025, 7, 1),
            kind="khong-co",
        )
    assert Commune.objects.count() == 0
    assert Page.objects.count() == pages_before
    assert not Site.objects.filter(hostname="sai.haiphong.gov.vn").exists()


def test_duplicate_slug_rolls_back_pages(db):
    make_commune(slug="trung")
    pages_before = Page.objects.count()
    with pytest.raises(ValidationError):
        make_commune(slug="trung")
    assert Page.objects.count() == pages_before


def test_services_check_permissions(db):
    clerk = User.objects.create_user("canbo", password="x")
    with pytest.raises(PermissionDenied):
        make_commune(user=clerk)
    commune = make_commune()
    with pytest.raises(PermissionDenied):
        hamlet_create(user=clerk, commune=commune, name="Thôn 9")
    assert not Hamlet.objects.exists()


def test_hamlet_names_are_unique_within_a_commune(commune):
    hamlet_create(commune=commune, name="Thôn 9")
    with pytest.raises(ValidationError):
        hamlet_create(commune=commune, name="Thôn 9")
    other = make_commune()
    hamlet_create(commune=other, name="Thôn 9")
    assert Hamlet.objects.filter(name="Thôn 9").count() == 2


def test_officials_are_scoped_by_commune(commune):
    official_create(commune=commune, full_name="Nguyễn Tiến Tập", position="Phó Bí thư")
    other = make_commune()
    official_create(commune=other, full_name="Trần Văn B", position="Chủ tịch UBND")
    names = [o.full_name for o in commune_officials(commune=commune)]
    assert names == ["Nguyễn Tiến Tập"]
    assert Official.objects.count() == 2


def test_bad_official_email_is_refused(commune):
    with pytest.raises(ValidationError) as error:
        official_create(commune=commune, full_name="A", position="B", email="khong-phai-email")
    assert "email" in error.value.message_dict
