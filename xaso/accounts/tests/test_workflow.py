"""The approval path in a commune: submit → reject with a comment → resubmit → approve and
publish, each step notified by e-mail (in Vietnamese) and kept in the audit log."""

from __future__ import annotations

import pytest
from django.core import mail
from wagtail.models import PageLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.portal.models import ArticlePage

pytestmark = pytest.mark.django_db


def _act(page, user, action, **kwargs):
    state = page.current_workflow_task_state
    state.task.specific.on_action(state, user, action, **kwargs)


def test_submit_reject_resubmit_approve(settings, commune, category):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = False
    editor = make_staff(commune=commune, role=Role.EDITOR, email="bientap@example.gov.vn")
    approver = make_staff(commune=commune, role=Role.APPROVER, email="duyet@example.gov.vn")
    article = ArticlePage(title="Thôn 9 làm đường", lead="Bà con hiến đất.", live=False)
    category.add_child(instance=article)
    article.save_revision(user=editor)
    workflow = article.get_workflow()
    assert workflow is not None  # every commune's pages go through its approval workflow

    workflow.start(article, editor)
    article.refresh_from_db()
    assert not article.live
    to_approver = [m for m in mail.outbox if "duyet@example.gov.vn" in m.to]
    assert to_approver, "the approver is told that something waits"

    mail.outbox.clear()
    _act(article, approver, "reject", comment="Bổ sung số hộ hiến đất.")
    article.refresh_from_db()
    assert not article.live
    to_editor = [m for m in mail.outbox if "bientap@example.gov.vn" in m.to]
    assert to_editor and "Bổ sung số hộ hiến đất." in to_editor[0].body
    # In Vietnamese, as the whole admin is.
    assert "gửi duyệt" in to_approver[0].subject and "bị từ chối" in to_editor[0].subject

    article.lead = "Bà con thôn 9 hiến 1.200 m² đất."
    article.save_revision(user=editor)
    article.current_workflow_state.resume(editor)  # "Gửi lại" after the changes
    article.refresh_from_db()
    _act(article, approver, "approve", comment="")
    article.refresh_from_db()
    assert article.live and article.lead.startswith("Bà con thôn 9 hiến")

    actions = list(
        PageLogEntry.objects.filter(page=article)
        .order_by("timestamp", "id")
        .values_list("action", flat=True)
    )
    for expected in (
        "wagtail.workflow.start",
        "wagtail.workflow.reject",
        "wagtail.workflow.approve",
        "wagtail.publish",
    ):
        assert expected in actions, (expected, actions)
