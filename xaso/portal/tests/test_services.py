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
