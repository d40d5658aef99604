import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.portal import services
from xaso.portal.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_an_editor_cannot_publish_directly(commune, category):
    editor = make_staff(commune=commune, role=Role.EDITOR)
    with pytest.raises(PermissionDenied):
        services.article_create(user=editor, category=category, title="Chưa duyệt", slug="cd")
    assert not ArticlePage.objects.filter(slug="cd").exists()
    approver = make_staff(commune=commune, role=Role.APPROVER)
    article = services.article_create(user=approver, category=category, title="Đã duyệt", slug="dd")
    assert article.live


def test_staff_of_one_commune_cannot_publish_in_another(commune, category):
    from xaso.communes.tests.factories import make_commune
    from xaso.portal.tests.factories import make_category

    other = make_commune()
    other_category = make_category(parent=other.site.root_page)
    approver = make_staff(commune=commune, role=Role.APPROVER)
    with pytest.raises(PermissionDenied):
        services.article_create(user=approver, category=other_category, title="X", slug="x")


def test_a_plain_user_cannot_change_the_chrome(commune):
    import datetime

    user = User.objects.create_user("khach", password="x")
    with pytest.raises(PermissionDenied):
        services.slogan_create(
            user=user, commune=commune, text="X", starts_on=datetime.date.today()
        )


def test_a_page_without_a_slug_gets_a_vietnamese_one(category):
    from xaso.core.text import slugify_vi
    from xaso.portal.models import ArticlePage

    assert slugify_vi("Hiến đất làm đường") == "hien-dat-lam-duong"
    assert slugify_vi("ĐẢNG BỘ xã Ðông Sơn – năm 2026!") == "dang-bo-xa-dong-son-nam-2026"
    first = ArticlePage(title="Hiến đất làm đường", lead="")
    category.add_child(instance=first)
    second = ArticlePage(title="Hiến đất làm đường", lead="")
    category.add_child(instance=second)
    assert (first.slug, second.slug) == ("hien-dat-lam-duong", "hien-dat-lam-duong-2")
