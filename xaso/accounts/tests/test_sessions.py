"""A signed-in session ends after 30 minutes without a request and 12 hours after signing in;
its user meets the login page with the reason, in Vietnamese, and the audit log notes it."""

from __future__ import annotations

import pytest
from django.conf import settings
from wagtail.models import ModelLogEntry

from xaso.accounts import sessions
from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff

pytestmark = pytest.mark.django_db

MINUTE = 60
HOUR = 3600


@pytest.fixture
def editor(commune):
    return make_staff(commune=commune, role=Role.EDITOR, username="bientap")


def shift(client, **seconds_ago):
    """Move the session's own clock back: `login_at=…, seen_at=…` seconds before now."""
    session = client.session
    now = sessions.now()
    if "login_at" in seconds_ago:
        session[sessions.LOGIN_AT] = int(now - seconds_ago["login_at"])
    if "seen_at" in seconds_ago:
        session[sessions.SEEN_AT] = int(now - seconds_ago["seen_at"])
    session.save()


def ended_entries(user):
    return ModelLogEntry.objects.filter(object_id=str(user.pk), action="xaso.session_expired")


def test_signing_in_starts_the_clock(client, editor):
    client.force_login(editor)
    session = client.session
    assert abs(session[sessions.LOGIN_AT] - sessions.now()) < 5
    assert session[sessions.SEEN_AT] == session[sessions.LOGIN_AT]
    assert settings.SESSION_COOKIE_AGE == 12 * HOUR


def test_thirty_minutes_idle_ends_the_session(client, editor):
    client.force_login(editor)
    shift(client, login_at=29 * MINUTE, seen_at=29 * MINUTE)
    assert client.get("/admin/").status_code == 200
    shift(client, seen_at=30 * MINUTE)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/pages/"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Bạn đã được đăng xuất sau 30 phút không thao tác" in page
    assert ended_entries(editor).get().data["reason"] == "idle"
    assert not ModelLogEntry.objects.filter(object_id=str(editor.pk), action="xaso.logout").exists()


def test_activity_keeps_the_session_on(client, editor):
    client.force_login(editor)
    shift(client, login_at=2 * HOUR, seen_at=20 * MINUTE)
    assert client.get("/admin/").status_code == 200
    assert abs(client.session[sessions.SEEN_AT] - sessions.now()) < 5
    shift(client, seen_at=20 * MINUTE)
    assert client.get("/admin/").status_code == 200


def test_the_editors_own_pings_are_not_activity(client, editor):
    client.force_login(editor)
    shift(client, seen_at=20 * MINUTE)
    client.post("/admin/editing-sessions/ping/wagtailcore/page/1/1/")
    assert client.session[sessions.SEEN_AT] < sessions.now() - 19 * MINUTE


def test_twelve_hours_end_the_session_however_active(client, editor):
    client.force_login(editor)
    shift(client, login_at=12 * HOUR - MINUTE, seen_at=2 * MINUTE)
    assert client.get("/admin/").status_code == 200
    shift(client, login_at=12 * HOUR, seen_at=MINUTE)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[0][0] == "/admin/login/?next=/admin/"
    assert "mỗi phiên làm việc kéo dài tối đa 12 giờ" in response.content.decode()
    assert ended_entries(editor).get().data["reason"] == "max_age"


def test_on_the_portal_an_ended_session_reads_on_as_a_visitor(client, editor, commune):
    client.force_login(editor)
    shift(client, seen_at=HOUR)
    response = client.get("/")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert ended_entries(editor).exists()


def test_a_session_from_before_the_limits_counts_from_its_next_request(client, editor):
    client.force_login(editor)
    session = client.session
    del session[sessions.LOGIN_AT], session[sessions.SEEN_AT]
    session.save()
    assert client.get("/admin/").status_code == 200
    assert sessions.LOGIN_AT in client.session


def test_visitors_without_a_session_are_left_alone(client, commune):
    response = client.get("/")
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
