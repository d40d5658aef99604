"""Wagtail's and the search's background work runs once per distinct call in a `coalesced()`
block, at its end; outside one at once."""

from __future__ import annotations

import pytest
from django_tasks import task

from xaso.core.tasks import coalesced

RUNS: list[str] = []


@task()
def remember(name: str) -> None:
    RUNS.append(name)


@pytest.fixture(autouse=True)
def _runs():
    RUNS.clear()
    yield
    RUNS.clear()


def test_outside_a_block_each_task_runs_at_once():
    remember.enqueue("a")
    remember.enqueue("a")
    assert RUNS == ["a", "a"]


def test_in_a_block_each_distinct_call_runs_once_at_its_end_in_order():
    with coalesced():
        remember.enqueue("page 1")
        remember.enqueue("page 2")
        remember.enqueue("page 1")
        with coalesced():  # an inner block leaves them to the outer one
            remember.enqueue("page 2")
        assert RUNS == []
    assert RUNS == ["page 1", "page 2"]


def test_a_block_ending_in_an_error_runs_nothing():
    with pytest.raises(ValueError), coalesced():
        remember.enqueue("page 1")
        raise ValueError
    assert RUNS == []


@pytest.mark.django_db
def test_a_page_added_and_published_is_found_by_the_admin_and_its_references_recorded(commune):
    from wagtail.models import Page, ReferenceIndex

    from xaso.portal.tests.factories import make_article, make_category, make_image

    image = make_image(title="Nhà văn hóa", collection=commune.collection)
    category = make_category(parent=commune.site.root_page, title="Tin tức", slug="tin-tuc")
    article = make_article(
        category=category, title="Khánh thành nhà văn hóa thôn Đông", image=image
    )
    assert ReferenceIndex.get_references_for_object(article).filter(to_object_id=str(image.pk))
    found = Page.objects.live().search("Khánh thành nhà văn hóa")  # the admin's page search
    assert [page.pk for page in found] == [article.pk]
