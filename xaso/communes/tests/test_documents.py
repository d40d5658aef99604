"""Documents are downloaded through the app, which checks who may read each: published ones by
anyone, the rest only by staff of the commune that owns them; never straight from the media
folder."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction
from wagtail.rich_text import RichText

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.disclosures.models import DisclosureFile
from xaso.disclosures.tests.factories import make_disclosure
from xaso.legal.models import LegalDocumentFile
from xaso.legal.tests.factories import PDF_BYTES, make_document
from xaso.ntm import services as ntm_services
from xaso.ntm.choices import IndicatorKind
from xaso.ntm.models import Assessment, CriteriaSet, Indicator, Programme
from xaso.portal.tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db
Document = get_document_model()


def _pdf(collection, title: str):
    document = Document(title=title, collection=collection)
    document.file.save(f"{title}.pdf", ContentFile(PDF_BYTES), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _evidence(commune, document, *, public: bool) -> Assessment:
    criteria_set = CriteriaSet.objects.order_by("pk").first()
    programme = Programme.objects.filter(commune=commune).first()
    if programme is None:
        from xaso.ntm.services import targets

        programme = ntm_services.programme_save(
            programme=Programme(
                commune=commune,
                criteria_set=criteria_set,
                applies_to=next(iter(targets(criteria_set))),
                target_level="standard",
                target_year=2028,
                started_on=datetime.date(2026, 1, 1),
            )
        )
    indicator = (
        Indicator.objects.filter(
            criterion__criteria_set=programme.criteria_set, kind=IndicatorKind.PASS_FAIL
        )
        .exclude(assessments__programme=programme)
        .first()
    )
    assessment = ntm_services.assessment_save(
        assessment=Assessment(
            programme=programme,
            indicator=indicator,
            year=2026,
            passed=True,
            evidence_public=public,
        )
    )
    assessment.evidence.add(document)
    return assessment


@pytest.fixture
def world(commune, category, other_commune):
    ours = commune.collection
    private = ours.add_child(name="Hồ sơ nội bộ")
    w = SimpleNamespace(commune=commune, other=other_commune)
    w.legal_public = make_document(commune=commune, summary="Quyết định công khai")
    w.legal_public_file = _pdf(ours, "quyet-dinh")
    LegalDocumentFile.objects.create(legal_document=w.legal_public, document=w.legal_public_file)
    w.legal_hidden = make_document(commune=commune, summary="Dự thảo nội bộ", is_public=False)
    w.legal_hidden_file = _pdf(ours, "du-thao")
    LegalDocumentFile.objects.create(legal_document=w.legal_hidden, document=w.legal_hidden_file)
    w.disclosed_file = _pdf(ours, "du-toan")
    disclosure = make_disclosure(
        commune=commune, decided=datetime.date(2026, 3, 2), published=datetime.date(2026, 3, 3)
    ).disclosure
    DisclosureFile.objects.create(disclosure=disclosure, document=w.disclosed_file)
    w.evidence_public = _pdf(ours, "bien-ban-cong-khai")
    _evidence(commune, w.evidence_public, public=True)
    w.evidence_hidden = _pdf(ours, "bien-ban-noi-bo")
    _evidence(commune, w.evidence_hidden, public=False)
    w.private = _pdf(private, "luong-can-bo")  # in the commune's private collection
    w.linked = _pdf(ours, "thong-bao")
    w.in_block = _pdf(ours, "ke-hoach")
    body = [
        ("paragraph", RichText(f'<p><a linktype="document" id="{w.linked.pk}">TB</a></p>')),
        ("document", {"document": w.in_block, "title": ""}),
    ]
    w.article = make_article(category=category, title="Thông báo lịch tiêm", body=body)
    return w


def _get(client, document):
    response = client.get(document.url)
    content = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response.status_code, content


def test_documents_are_linked_through_the_app_not_the_media_folder(world):
    assert world.legal_public_file.url.startswith("/tai-lieu/")
    assert world.private.file.url.startswith("/media/documents/")


def test_anyone_downloads_what_is_published(client, world):
    for document in (
        world.legal_public_file,
        world.disclosed_file,
        world.evidence_public,
        world.linked,
        world.in_block,
    ):
        status, content = _get(client, document)
        assert (status, content) == (200, PDF_BYTES), document.title


def test_nobody_outside_learns_of_what_is_not_published(client, world):
    for document in (world.legal_hidden_file, world.evidence_hidden, world.private):
        assert _get(client, document)[0] == 404, document.title


@pytest.mark.parametrize(
    "prefix", ["/media/", "/media//", "/media/./", "/media/images/../", "/media/../media/"]
)
def test_the_media_folder_never_serves_a_document(client, world, prefix):
    for document in (world.legal_public_file, world.evidence_hidden, world.private):
        path = prefix + document.file.name  # documents/<file>
        assert client.get(path).status_code in (400, 404), path


def test_pictures_are_still_served_from_the_media_folder(client, world):
    image = make_image(collection=world.commune.collection)
    response = client.get("/media/" + image.file.name)
    assert response.status_code == 200


def test_staff_of_the_commune_download_its_unpublished_documents(client, world):
    for role in (Role.EDITOR, Role.AUDITOR, Role.NTM_OFFICER):
        client.force_login(make_staff(commune=world.commune, role=role))
        for document in (world.legal_hidden_file, world.evidence_hidden, world.private):
            assert _get(client, document) == (200, PDF_BYTES), (role, document.title)


def test_staff_of_another_commune_do_not(client, world):
    for role in (Role.EDITOR, Role.ADMINISTRATOR):
        client.force_login(make_staff(commune=world.other, role=role))
        for document in (world.legal_hidden_file, world.evidence_hidden, world.private):
            assert _get(client, document)[0] == 404, (role, document.title)
        assert _get(client, world.legal_public_file)[0] == 200  # what is public is public


def test_a_document_stops_being_public_with_what_published_it(client, world):
    world.article.unpublish()
    assert _get(client, world.linked)[0] == 404
    assert _get(client, world.in_block)[0] == 404
    world.legal_public.is_public = False
    world.legal_public.save()
    assert _get(client, world.legal_public_file)[0] == 404
    Assessment.objects.filter(evidence=world.evidence_public).update(evidence_public=False)
    assert _get(client, world.evidence_public)[0] == 404


def test_a_page_readable_only_after_login_publishes_nothing(client, world):
    PageViewRestriction.objects.create(
        page=world.article, restriction_type=PageViewRestriction.LOGIN
    )
    assert _get(client, world.linked)[0] == 404


def test_a_draft_link_on_a_live_page_publishes_nothing(client, world):
    draft = _pdf(world.commune.collection, "ban-nhap")
    article = world.article
    article.body = [("paragraph", RichText(f'<p><a linktype="document" id="{draft.pk}">x</a></p>'))]
    article.save_revision()  # not published: the live page still shows the old body
    assert _get(client, draft)[0] == 404
    assert _get(client, world.linked)[0] == 200


def test_a_document_outside_every_commune_is_for_superusers_only(client, world, django_user_model):
    loose = _pdf(Collection.get_first_root_node(), "ngoai")
    client.force_login(make_staff(commune=world.commune, role=Role.ADMINISTRATOR))
    assert _get(client, loose)[0] == 404
    admin = django_user_model.objects.create_superuser("tinh", "t@example.com", "mat-khau-dai")
    client.force_login(admin)
    assert _get(client, loose)[0] == 200
