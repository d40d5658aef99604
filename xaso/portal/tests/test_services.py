import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import Client

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.portal import services
from xaso.portal.models import ArticlePage
from xaso.portal.selectors import article_view_count
from xaso.portal.tests.factories import make_article

pytestmark = pytest.mark.django_db

PHONE_UA = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"


def test_a_browser_counts_once_per_article(article):
    reader = Client(HTTP_USER_AGENT=PHONE_UA)
    reader.get(article.url)
    reader.get(article.url)
    assert article_view_count(article=article) == 1
    Client(HTTP_USER_AGENT=PHONE_UA).get(article.url)
    assert article_view_count(article=article) == 2


def test_each_article_counts_separately_for_one_browser(category):
    first = make_article(category=category, title="Một")
    second = make_article(category=category, title="Hai")
    reader = Client(HTTP_USER_AGENT=PHONE_UA)
    reader.get(first.url)
    reader.get(second.url)
    reader.get(first.url)
    assert article_view_count(article=first) == 1
    assert article_view_count(article=second) == 1


def test_bots_and_missing_user_agents_do_not_count(article):
    Client(HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)").get(article.url)
    Client().get(article.url)
    assert article_view_count(article=article) == 0


def test_a_tampered_cookie_counts_as_a_new_visit(article):
    reader = Client(HTTP_USER_AGENT=PHONE_UA)
    reader.cookies[services.VIEW_COOKIE] = "abc|::|9:x|-1:5"
    assert reader.get(article.url).status_code == 200
    assert article_view_count(article=article) == 1


def test_the_window_expires(article, settings):
    settings.XASO_VIEW_WINDOW_SECONDS = 0
    reader = Client(HTTP_USER_AGENT=PHONE_UA)
    reader.get(article.url)
    reader.get(article.url)
    assert article_view_count(article=article) == 2


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
