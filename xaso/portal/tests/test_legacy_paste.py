"""Text pasted in the legacy encodings TCVN3 and VNI is stored in Unicode, in pages and records."""

from __future__ import annotations

import unicodedata

import pytest
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from xaso.core.legacy_text import fix_legacy_values
from xaso.portal.blocks import ArticleBodyBlock
from xaso.testing.samples import BINH_PHUOC_VNI, MOF_TCVN3

pytestmark = pytest.mark.django_db

# Typed in .VnTime: "Thôn 9 hiến đất làm đường" and "Bà con thôn 9 hiến 1.200 m² đất".
TITLE_TCVN3 = "Th«n 9 hiÕn ®Êt lµm ®\xadêng"
LEAD_TCVN3 = "Bµ con th«n 9 hiÕn 1.200 m² ®Êt mét c¸ch tù nguyÖn"
# Typed in VNI-Times: "Ủy ban nhân dân xã tuyên dương các hộ hiến đất".
PARAGRAPH_VNI = "UÛy ban nhaân daân xaõ tuyeân döông caùc hoä hieán ñaát"


def test_an_article_pasted_in_tcvn3_and_vni_is_saved_in_unicode(client, article, admin_user):
    client.force_login(admin_user)
    data = nested_form_data(
        {
            "title": TITLE_TCVN3,
            "slug": article.slug,
            "lead": LEAD_TCVN3,
            "image": "",
            "image_caption": "",
            "body": streamfield([("paragraph", rich_text(f"<p>{PARAGRAPH_VNI}</p>"))]),
            "author": "Ban biên tập",
            "comments": inline_formset([]),
        }
    )
    response = client.post(f"/admin/pages/{article.pk}/edit/", data, follow=True)
    assert response.status_code == 200
    article.refresh_from_db()
    draft = article.get_latest_revision_as_object()
    assert draft.title == "Thôn 9 hiến đất làm đường"
    assert draft.lead == "Bà con thôn 9 hiến 1.200 m² đất một cách tự nguyện"
    body = str(draft.body[0].value)
    assert "Ủy ban nhân dân xã tuyên dương các hộ hiến đất" in body
    assert unicodedata.is_normalized("NFC", draft.title + draft.lead + body)
    # The editor is told, so they read it again before it goes public.
    assert "TCVN3" in response.content.decode() and "Unicode" in response.content.decode()


def test_a_legal_document_summary_pasted_in_vni_is_stored_in_unicode(client, commune):
    from xaso.accounts.choices import Role
    from xaso.accounts.tests.factories import make_staff
    from xaso.legal.models import LegalDocument
    from xaso.legal.tests.factories import make_document

    editor = make_staff(commune=commune, role=Role.EDITOR)
    client.force_login(editor)
    document = make_document(commune=commune)
    form = client.get(f"/admin/legaldocument/edit/{document.pk}/").context["form"]
    data = {
        name: field.widget.format_value(form.initial.get(name)) or ""
        for name, field in form.fields.items()
        if not name.startswith("files")
    }
    data.update(
        {
            "summary": "Quyeát ñònh veà vieäc pheâ duyeät keá hoaïch môû roäng ñöôøng truïc xaõ",
            "files-TOTAL_FORMS": "0",
            "files-INITIAL_FORMS": "0",
            "files-MIN_NUM_FORMS": "0",
            "files-MAX_NUM_FORMS": "1000",
        }
    )
    for name in ("related",):
        data.pop(name, None)
    response = client.post(f"/admin/legaldocument/edit/{document.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    document = LegalDocument.objects.get(pk=document.pk)
    assert document.summary == ("Quyết định về việc phê duyệt kế hoạch mở rộng đường trục xã")


def test_every_kind_of_value_is_converted_and_the_rest_left_alone():
    body = ArticleBodyBlock().to_python(
        [
            {"type": "paragraph", "value": f"<p>{MOF_TCVN3.splitlines()[7]}</p>"},
            {"type": "quote", "value": {"text": BINH_PHUOC_VNI.splitlines()[6], "attribution": ""}},
        ]
    )
    cleaned = {
        "title": "Đường trục xã",  # Unicode already
        "lead": LEAD_TCVN3,
        "summary": RichText("<p>Ch\xada cã b¸o c¸o</p>"),
        "body": body,
        "count": 12,
        "author": unicodedata.normalize("NFD", "Nguyễn Thị Hường"),  # typed with combining marks
    }
    assert fix_legacy_values(cleaned) == {"tcvn3", "vni"}
    assert cleaned["title"] == "Đường trục xã" and cleaned["count"] == 12
    assert cleaned["author"] == "Nguyễn Thị Hường" and len(cleaned["author"]) == 16
    assert cleaned["lead"].startswith("Bà con thôn 9")
    assert cleaned["summary"].source == "<p>Chưa có báo cáo</p>"
    assert str(cleaned["body"][0].value) == "<p> Hướng dẫn thi hành Nghị định số 30/1998/NĐ-CP</p>"
    assert cleaned["body"][1].value["text"].startswith("Về việc phê duyệt Kế hoạch thực hiện")
