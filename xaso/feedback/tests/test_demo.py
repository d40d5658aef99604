"""The demo's feedback: submissions in every state, some published as questions and answers
without their senders, the feedback officer's login."""

from __future__ import annotations

import pytest
from django.utils import timezone

from xaso.accounts.choices import Role
from xaso.accounts.models import CommuneRole

from .. import selectors, services
from ..choices import Status
from ..models import Question, Submission

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_the_demo_feedback(demo_commune, client):
    submissions = Submission.objects.filter(commune=demo_commune)
    assert submissions.count() >= 20
    assert set(submissions.values_list("status", flat=True)) == set(Status)
    today = timezone.localdate()
    assert selectors.overdue(submissions, today).filter(status=Status.IN_PROGRESS).exists()
    assert selectors.late_to_forward(submissions, today).exists()
    published = Question.objects.filter(commune=demo_commune, is_public=True)
    from_residents = published.exclude(submission=None)
    assert from_residents.count() >= 4 and published.filter(submission=None).count() >= 3
    for question in from_residents.select_related("submission"):
        text = f"{question.title} {question.question} {question.answer}"
        assert services.personal_data_in(text, question.submission) == []
        assert question.submission.sender_name not in text
    page = selectors.questions_page(commune=demo_commune)
    response = client.get(page.url, {"q": "tram y te"})
    assert response.status_code == 200 and "Trạm y tế xã có bác sĩ" in response.content.decode()
    group = CommuneRole.objects.get(role=Role.FEEDBACK_OFFICER, commune=demo_commune).group
    assert group.user_set.filter(username="tiepdan").exists()
