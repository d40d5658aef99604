"""Scheduled publishing and expiry, as the embedded default's scheduler thread runs them."""

from __future__ import annotations

import datetime
import time

import pytest
from django.utils import timezone

from xaso.portal import scheduler
from xaso.portal.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_a_scheduled_article_goes_live_when_due_and_an_expired_one_goes_down(client, category):
    article = ArticlePage(title="Lịch tiếp công dân tháng 12", lead="Lịch tiếp dân.", live=False)
    category.add_child(instance=article)
    due = timezone.now() + datetime.timedelta(seconds=2)
    article.go_live_at = due
    article.save_revision().publish()
    article.refresh_from_db()
    assert not article.live  # scheduled, not yet public
    assert client.get(article.url).status_code == 404

    scheduler.run_due()
    article.refresh_from_db()
    assert not article.live  # not due yet

    time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.2)  # the time comes
    scheduler.run_due()
    article.refresh_from_db()
    assert article.live
    assert "Lịch tiếp công dân tháng 12" in client.get(article.url).content.decode()

    article.expire_at = timezone.now() - datetime.timedelta(seconds=1)
    article.save(update_fields=["expire_at"])
    scheduler.run_due()
    article.refresh_from_db()
    assert not article.live and article.expired
    assert client.get(article.url).status_code == 404


def test_the_thread_is_off_unless_asked_for(settings):
    settings.XASO_SCHEDULER_SECONDS = 0
    assert scheduler.start() is False
