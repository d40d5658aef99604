"""Adapters for the residents' side: the form, the thank-you page and the tracking page.

Nothing here shows a sender's name, address, phone, e-mail or words: the thank-you page and the
tracking page are reached by a code alone. Each page holds a CSRF token or a code, so none is
cached."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from xaso.communes.selectors import commune_for_request
from xaso.core import ratelimit
from xaso.core.clientip import client_address

from .. import selectors, services
from ..forms import QuestionFilterForm, SubmissionForm, normalise_phone
from ..models import QuestionIndexPage, Submission

HOUR = 3600
DAY = 24 * HOUR
ADDRESS_SCOPE = "feedback-address"
PHONE_SCOPE = "feedback-phone"


def _render_form(
    request: HttpRequest, form: SubmissionForm, status: int = 200, message: str = ""
) -> HttpResponse:
    form.mark_invalid()
    context = {
        "form": form,
        "limit_message": message,
        "commune": commune_for_request(request),
        "map_tiles": settings.XASO_MAP_TILES_URL,
        "map_attribution": settings.XASO_MAP_ATTRIBUTION,
    }
    return render(request, "feedback/submission_form.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def submission_form(request: HttpRequest) -> HttpResponse:
    commune = commune_for_request(request)
    if request.method != "POST":
        return _render_form(request, SubmissionForm())
    form = SubmissionForm(request.POST, request.FILES)
    if form.is_honeypot_hit():
        # Robots are told it worked; nothing is saved and no code is given.
        return render(request, "feedback/submission_thanks.html", {"code": None})
    address = client_address(request)
    too_many = _("Too many submissions have been sent from here. Please try again later.")
    phone_used_up = _(
        "This phone number has sent as many submissions as a day allows. Please try again tomorrow."
    )
    address_limit = settings.XASO_FEEDBACK_LIMIT_PER_ADDRESS
    phone_limit = settings.XASO_FEEDBACK_LIMIT_PER_PHONE
    if ratelimit.exceeded(ADDRESS_SCOPE, address, limit=address_limit):
        return _render_form(request, form, status=429, message=too_many)
    phone = normalise_phone(request.POST.get("sender_phone", ""))
    if phone and ratelimit.exceeded(PHONE_SCOPE, phone, limit=phone_limit):
        return _render_form(request, form, status=429, message=phone_used_up)
    if not form.is_valid():
        return _render_form(request, form)
    # The form's token is good for one submission: used up here, whatever follows.
    if not form.spend_challenge():
        return _render_form(request, form)
    # Counted before saving, in one step each: two posts at once cannot both take the last place.
    if not ratelimit.allow(ADDRESS_SCOPE, address, limit=address_limit, seconds=HOUR):
        form.renew_challenge()
        return _render_form(request, form, status=429, message=too_many)
    phone = form.cleaned_data["sender_phone"]
    if not ratelimit.allow(PHONE_SCOPE, phone, limit=phone_limit, seconds=DAY):
        form.renew_challenge()
        return _render_form(request, form, status=429, message=phone_used_up)
    try:
        submission = services.submission_create(
            commune=commune,
            submission=Submission(**form.submission_fields()),
            attachments=form.cleaned_data["attachments"],
        )
    except ValidationError as error:
        _add_errors(form, error)
        form.renew_challenge()
        return _render_form(request, form)
    return redirect("feedback:thanks", code=submission.tracking_code)


def _add_errors(form: SubmissionForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@never_cache
@require_GET
def submission_thanks(request: HttpRequest, code: str) -> HttpResponse:
    commune = commune_for_request(request)
    status = selectors.public_status(code, commune=commune)
    return render(
        request,
        "feedback/submission_thanks.html",
        {"code": code.upper() if status else None, "unknown": status is None},
        status=200 if status else 404,
    )


@never_cache
@require_GET
def submission_track(request: HttpRequest) -> HttpResponse:
    commune = commune_for_request(request)
    code = (request.GET.get("ma") or "").strip()[:40]
    context: dict[str, Any] = {"code": code, "status": None, "not_found": False}
    if code:
        context["status"] = selectors.public_status(code, commune=commune)
        context["not_found"] = context["status"] is None
    return render(request, "feedback/submission_track.html", context)


# Questions and answers (the page's routes) -------------------------------------------------------

QUESTIONS_PER_PAGE = 20
QUESTIONS_SEARCH_LIMIT = 500


def questions_context(request: HttpRequest, page: QuestionIndexPage) -> dict[str, Any]:
    from xaso.portal.models import paginate
    from xaso.search import selectors as search_selectors
    from xaso.search.models import DocumentKind

    commune = commune_for_request(request)
    bound = any(name in request.GET for name in QuestionFilterForm.base_fields)
    form = QuestionFilterForm(request.GET if bound else None)
    query = form.value("q")
    field = form.value("linh_vuc")
    ids: list[int] | None = None
    if query:
        results = search_selectors.search(
            commune_id=commune.pk,
            text=query,
            kind=DocumentKind.QUESTION,
            limit=QUESTIONS_SEARCH_LIMIT,
        )
        ids = [hit.document.object_id for hit in results.hits]
    questions: Any = selectors.public_questions(commune=commune, field=field or None, ids=ids)
    if ids is not None:  # in the order of relevance
        order = {pk: position for position, pk in enumerate(ids)}
        questions = sorted(questions, key=lambda question: order.get(question.pk, 0))
    return {
        "form": form,
        "query": query,
        "field": field,
        "fields": selectors.public_field_counts(commune=commune),
        "questions": paginate(request, questions, QUESTIONS_PER_PAGE),
        "filtered": bool(query or field),
    }


def question_detail(request: HttpRequest, page: QuestionIndexPage, pk: int) -> HttpResponse:
    commune = commune_for_request(request)
    question = selectors.public_questions(commune=commune).filter(pk=pk).first()
    if question is None:
        raise Http404(_("This question is not published."))
    context = page.page_context(request)
    context.update({"question": question, "questions_page": page})
    return TemplateResponse(request, "feedback/question_detail.html", context)
