"""Commune staff see the Wagtail admin in Vietnamese: no English left on the screens they use."""

from __future__ import annotations

import re

import pytest

from xaso.testing.text import ENGLISH, visible_text

pytestmark = pytest.mark.django_db


# Words of Wagtail's and Django's interface that must not show in English.
def test_admin_screens_have_no_english(client, commune, category, article, django_user_model):
    admin = django_user_model.objects.create_superuser("tinh", "t@example.com", "mat-khau-dai-123")
    client.force_login(admin)
    home = commune.site.root_page
    screens = [
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/add/portal/articlepage/{category.pk}/",
        f"/admin/pages/{article.pk}/history/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/workflows/list/",
        "/admin/legaldocument/",
        "/admin/reports/site-history/",
        "/admin/audit-log/",
    ]
    found = {}
    for url in screens:
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        english = [word for word in ENGLISH if re.search(rf"(?<![\w-]){word}(?![\w-])", text)]
        if english:
            found[url] = english
    assert not found, f"English on admin screens: {found}"


def test_logins_and_refused_logins_are_in_the_audit_log(client, django_user_model):
    from wagtail.models import ModelLogEntry

    user = django_user_model.objects.create_superuser(
        "bientap", "b@example.com", "mat-khau-dai-123"
    )
    client.post("/admin/login/", {"username": "bientap", "password": "sai-mat-khau"})
    client.post("/admin/login/", {"username": "khong-co-ai", "password": "sai-mat-khau"})
    client.force_login(user)
    client.post("/admin/logout/")
    from django.contrib.contenttypes.models import ContentType

    actions = list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
        )
        .order_by("timestamp")
        .values_list("action", flat=True)
    )
    assert actions == ["xaso.login_failed", "xaso.login", "xaso.logout"]
    assert ModelLogEntry.objects.filter(action="xaso.login_failed").count() == 1
