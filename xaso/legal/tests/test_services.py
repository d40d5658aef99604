"""The register's rules, against the database."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xaso.legal import selectors, services
from xaso.legal.choices import CommentStatus, Validity
from xaso.legal.models import Issuer, LegalDocument, LegalDocumentIndexPage
from xaso.search import selectors as search_selectors

from .factories import make_document

TODAY = datetime.date(2026, 11, 28)
pytestmark = pytest.mark.django_db


def d(day: int, month: int = 11, year: int = 2026) -> datetime.date:
    return datetime.date(year, month, day)


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({}, Validity.IN_FORCE),
        ({"effective_from": d(1)}, Validity.IN_FORCE),
        ({"effective_from": d(28)}, Validity.IN_FORCE),  # from that very day
        ({"effective_from": d(29)}, Validity.NOT_YET),
        ({"effective_from": d(1), "expires_on": d(28)}, Validity.IN_FORCE),  # its last day
        ({"effective_from": d(1), "expires_on": d(27)}, Validity.EXPIRED),
        ({"is_draft": True, "comment_opens": d(1), "comment_closes": d(30)}, Validity.DRAFT),
    ],
)
def test_validity_follows_the_dates(commune, fields, expected):
    document = make_document(commune=commune, **fields)
    assert document.validity(TODAY) == expected
    assert list(
        LegalDocument.objects.filter(selectors.validity_q(expected, TODAY)).values_list(
            "pk", flat=True
        )
    ) == [document.pk]


def test_a_document_is_replaced_once_its_replacement_is_in_force(commune):
    old = make_document(commune=commune, effective_from=d(1, 1))
    new = make_document(commune=commune, effective_from=d(15, 12))
    old.replaced_by = new
    services.legal_document_save(user=None, document=old)
    assert old.validity(TODAY) == Validity.IN_FORCE  # the new one applies from 15/12
    assert old.validity(d(15, 12)) == Validity.REPLACED
    new.effective_from = None
    services.legal_document_save(user=None, document=new)
    old.refresh_from_db()
    assert old.validity(TODAY) == Validity.REPLACED
    assert list(new.replaces.all()) == [old]


def test_a_document_cannot_replace_itself(commune):
    document = make_document(commune=commune)
    document.replaced_by = document
    with pytest.raises(ValidationError) as error:
        services.legal_document_save(user=None, document=document)
    assert "không thể thay thế chính nó" in str(error.value.message_dict["replaced_by"])


def test_replacements_cannot_form_a_loop(commune):
    a, b, c = (make_document(commune=commune) for _ in range(3))
    a.replaced_by = b
    services.legal_document_save(user=None, document=a)
    b.replaced_by = c
    services.legal_document_save(user=None, document=b)
    c.replaced_by = a
    with pytest.raises(ValidationError) as error:
        services.legal_document_save(user=None, document=c)
    assert "vòng lặp" in str(error.value.message_dict["replaced_by"])
    c.refresh_from_db()
    assert c.replaced_by is None  # nothing half-written


def test_a_replacement_must_be_in_the_same_register(commune):
    from xaso.communes.tests.factories import make_commune

    other = make_document(commune=make_commune())
    document = make_document(commune=commune)
    document.replaced_by = other
    with pytest.raises(ValidationError):
        services.legal_document_save(user=None, document=document)


# Each example starts by deleting every document: the commune fixture is safe to share.
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    effective=st.one_of(st.none(), st.integers(-5, 5)),
    length=st.one_of(st.none(), st.integers(0, 5)),
    replacement=st.one_of(st.none(), st.integers(-5, 5), st.just("undated")),
    draft=st.booleans(),
)
def test_the_validity_filter_agrees_with_each_documents_validity(
    commune, effective, length, replacement, draft
):
    LegalDocument.objects.all().update(replaced_by=None)
    LegalDocument.objects.all().delete()
    starts = TODAY + datetime.timedelta(days=effective) if effective is not None else None
    document = make_document(
        commune=commune,
        effective_from=starts,
        expires_on=(starts + datetime.timedelta(days=length))
        if starts and length is not None
        else None,
        is_draft=draft,
        comment_opens=d(1) if draft else None,
        comment_closes=d(30) if draft else None,
    )
    if replacement is not None:
        document.replaced_by = make_document(
            commune=commune,
            effective_from=None
            if replacement == "undated"
            else TODAY + datetime.timedelta(days=replacement),
        )
        services.legal_document_save(user=None, document=document)
    for validity in Validity:
        matched = (
            LegalDocument.objects.filter(pk=document.pk)
            .filter(selectors.validity_q(validity, TODAY))
            .exists()
        )
        assert matched == (document.validity(TODAY) == validity), validity


def _draft(commune):
    return make_document(
        commune=commune,
        number="",
        type_name="Dự thảo",
        summary="Dự thảo quy chế hiến đất làm đường",
        is_draft=True,
        comment_opens=d(10),
        comment_closes=d(30),
    )


def test_comments_are_taken_only_inside_the_window(commune):
    draft = _draft(commune)
    with pytest.raises(ValidationError) as early:
        services.draft_comment_submit(document=draft, content="Ý kiến", today=d(9))
    assert "10/11/2026" in early.value.messages[0]
    with pytest.raises(ValidationError) as late:
        services.draft_comment_submit(document=draft, content="Ý kiến", today=d(1, 12))
    assert "kết thúc" in late.value.messages[0] and "30/11/2026" in late.value.messages[0]
    for day in (d(10), d(30)):
        comment = services.draft_comment_submit(
            document=draft, content="Đề nghị làm rõ mức hỗ trợ.", today=day
        )
        assert comment.status == CommentStatus.PENDING
    assert draft.comments.count() == 2


def test_a_comment_needs_content_and_a_draft(commune):
    draft = _draft(commune)
    with pytest.raises(ValidationError):
        services.draft_comment_submit(document=draft, content="   ", today=d(15))
    with pytest.raises(ValidationError):
        services.draft_comment_submit(document=draft, content="x" * 5001, today=d(15))
    final = make_document(commune=commune)
    with pytest.raises(ValidationError):
        services.draft_comment_submit(document=final, content="Ý kiến", today=d(15))
    assert not draft.comments.exists() and not final.comments.exists()


def test_a_draft_needs_its_comment_period(commune):
    with pytest.raises(ValidationError) as error:
        make_document(commune=commune, is_draft=True)
    assert "comment_closes" in error.value.message_dict


def test_every_commune_gets_its_register_page_and_issuers(commune):
    page = selectors.register_page(commune=commune)
    assert isinstance(page, LegalDocumentIndexPage) and page.live and page.slug == "van-ban"
    names = set(Issuer.objects.filter(commune=commune).values_list("name", flat=True))
    assert f"Ủy ban nhân dân xã {commune.name}" in names
    services.required_pages_ensure(commune=commune)  # a second time changes nothing
    assert LegalDocumentIndexPage.objects.count() == 1
    assert Issuer.objects.filter(commune=commune).count() == 3


def test_public_documents_are_searchable_with_folded_words(commune):
    document = make_document(commune=commune, summary="Quy định mức hỗ trợ hiến đất làm đường")
    hits = search_selectors.search(commune_id=commune.pk, text="ho tro hien dat").hits
    assert [hit.document.object_id for hit in hits] == [document.pk]
    assert hits[0].document.url.endswith(f"/van-ban/{document.pk}/")
    document.is_public = False
    services.legal_document_save(user=None, document=document)
    assert not search_selectors.search(commune_id=commune.pk, text="ho tro hien dat").hits


def test_the_index_rebuild_includes_the_register(commune):
    from xaso.search.services import index_rebuild

    make_document(commune=commune, summary="Kế hoạch phòng chống thiên tai năm 2026")
    index_rebuild()
    assert search_selectors.search(commune_id=commune.pk, text="phong chong thien tai").count == 1
