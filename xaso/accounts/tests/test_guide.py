"""The admin under xaso's name, and the guide of each role: the sign-in page never says
Wagtail; every role opens its own guide from the help menu, and not another role's."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from xaso.accounts import guide
from xaso.accounts.choices import Role
from xaso.testing.clients import log_in_as
from xaso.testing.text import visible_text

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_is_xa_sos_not_wagtails(client):
    html = client.get("/admin/login/").content.decode()
    assert "Đăng nhập vào Xã số" in html
    assert "Wagtail" not in visible_text(html)
    assert "<title>" in html and "Wagtail" not in html.split("<title>")[1].split("</title>")[0]


def test_every_role_has_a_guide_written():
    for name in [guide.PROVINCE, *Role.values]:
        body = guide.render(name)
        assert body is not None, name
        assert "<h2>" in body and "<li>" in body, name
        assert guide.title_of(name).startswith("Hướng dẫn"), name


def test_a_guide_escapes_whatever_markup_it_holds(tmp_path, settings, monkeypatch):
    monkeypatch.setattr(guide, "guide_dir", lambda: tmp_path)
    (tmp_path / "editor.md").write_text(
        "# Tiêu đề\n\n<script>alert(1)</script> **đậm**\n\n- một\n- hai\n\n1. ba\n",
        encoding="utf-8",
    )
    body = guide.render("editor")
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert "<strong>đậm</strong>" in body and "<ul>" in body and "<ol>" in body


@pytest.mark.parametrize("role", list(Role))
def test_each_role_opens_its_own_guide_from_the_help_menu(client, commune, role):
    log_in_as(client, commune, role)
    home = client.get("/admin/").content.decode()
    assert "/admin/huong-dan/" in home
    assert "guide.wagtail.org" not in home
    listing = client.get("/admin/huong-dan/")
    assert listing.status_code == 200
    assert f'data-guide="{role.value}"' in listing.content.decode()
    page = client.get(f"/admin/huong-dan/{role.value}/")
    assert page.status_code == 200
    assert guide.title_of(role.value) in page.content.decode()
    other = Role.EDITOR if role != Role.EDITOR else Role.APPROVER
    assert client.get(f"/admin/huong-dan/{other.value}/").status_code == 404


def test_the_province_reads_every_guide(client):
    admin = get_user_model().objects.create_superuser("tinh", "t@example.com", "mat-khau-dai-123")
    client.force_login(admin)
    listing = client.get("/admin/huong-dan/").content.decode()
    assert all(f'data-guide="{name}"' in listing for name in [guide.PROVINCE, *Role.values])
    assert client.get(f"/admin/huong-dan/{guide.PROVINCE}/").status_code == 200
