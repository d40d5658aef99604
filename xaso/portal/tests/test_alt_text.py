"""An image's alternative text is required before a page goes public; drafts may wait."""

from __future__ import annotations

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from xaso.portal.forms import images_without_alt
from xaso.portal.models import ArticlePage

from .factories import make_image

pytestmark = pytest.mark.django_db


def _form(article, *, image, alt="", featured=None, caption=""):
    return nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "lead": "Bà con thôn 9 hiến đất làm đường.",
            "image": featured.pk if featured else "",
            "image_caption": caption,
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>Đường rộng 5 m.</p>")),
                    ("image", {"image": image.pk, "alt_text": alt, "caption": "", "credit": ""}),
                ]
            ),
            "author": "Ban biên tập",
            "comments": inline_formset([]),
        }
    )


@pytest.fixture
def editing(client, article, django_user_model):
    admin = django_user_model.objects.create_superuser("tinh", "t@example.com", "x")
    client.force_login(admin)
    article.unpublish()
    return article


def _post(client, article, data, action):
    data[action] = "1"
    return client.post(f"/admin/pages/{article.pk}/edit/", data)


def test_publishing_an_image_without_alternative_text_is_refused(client, editing):
    photo = make_image(title="IMG_2034")
    response = _post(client, editing, _form(editing, image=photo), "action-publish")
    assert response.status_code == 200  # the form again, with the reason
    text = response.content.decode()
    assert "IMG_2034" in text and "chưa có văn bản thay thế" in text
    editing.refresh_from_db()
    assert not editing.live


def test_submitting_for_approval_is_refused_too(client, editing):
    photo = make_image(title="IMG_2035")
    response = _post(client, editing, _form(editing, image=photo), "action-submit")
    assert "chưa có văn bản thay thế" in response.content.decode()
    assert editing.current_workflow_state is None


def test_a_draft_is_saved_without_it(client, editing):
    photo = make_image(title="IMG_2036")
    data = _form(editing, image=photo)
    response = client.post(f"/admin/pages/{editing.pk}/edit/", data)
    assert response.status_code == 302
    editing.refresh_from_db()
    draft = editing.get_latest_revision_as_object()
    assert draft.lead == "Bà con thôn 9 hiến đất làm đường."


@pytest.mark.parametrize("how", ["description", "caption"])
def test_publishing_with_alternative_text_succeeds(client, editing, how):
    photo = make_image(title="IMG_2037")
    featured = make_image(title="IMG_2038", seed=2)
    if how == "description":
        for image in (photo, featured):
            image.description = "Bà con thôn 9 tháo dỡ tường rào"
            image.save()
    data = _form(
        editing,
        image=photo,
        alt="Bà con tháo dỡ tường rào" if how != "description" else "",
        featured=featured,
        caption="Đường trục xã sau khi mở rộng" if how == "caption" else "",
    )
    response = _post(client, editing, data, "action-publish")
    assert response.status_code == 302, response.context["form"].errors
    editing.refresh_from_db()
    assert editing.live


def test_the_featured_image_needs_a_description_or_a_caption():
    featured = make_image(title="IMG_2039")
    assert images_without_alt(ArticlePage, {"image": featured, "image_caption": ""}) == [featured]
    assert not images_without_alt(ArticlePage, {"image": featured, "image_caption": "Lễ khởi công"})
