"""The register's public pages (adapters: parse the request, call selectors and services)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from xaso.communes.selectors import commune_for_request
from xaso.core import ratelimit
from xaso.core.clientip import client_address
from xaso.portal.models import paginate
from xaso.search import selectors as search_selectors
from xaso.search.models import DocumentKind

from .. import selectors, services
from ..choices import CommentStatus
from ..forms import DraftCommentForm, RegisterFilterForm
from ..models import LegalDocumentIndexPage

PER_PAGE = 20
SEARCH_LIMIT = 500
HOUR = 3600
DAY = 24 * HOUR
COMMENT_ADDRESS_SCOPE = "draft-comment-address"
COMMENT_DOCUMENT_SCOPE = "draft-comment-document"


def register_context(request: HttpRequest, page: LegalDocumentIndexPage) -> dict[str, Any]:
    commune = commune_for_request(request)
    bound = any(name in request.GET for name in RegisterFilterForm.base_fields)
    form = RegisterFilterForm(
        request.GET if bound else None,
        issuers=selectors.issuers_for(commune=commune),
        fields=selectors.fields_in_order(),
        years=selectors.register_years(commune=commune),
    )
    if bound:
        form.is_valid()
    query = form.value("q") or ""
    ids: list[int] | None = None
    if query:
        results = search_selectors.search(
            commune_id=commune.pk, text=query, kind=DocumentKind.LEGAL, limit=SEARCH_LIMIT
        )
        ids = [hit.document.object_id for hit in results.hits]
    documents = selectors.register_documents(
        commune=commune,
        document_type=form.value("loai"),
        issuer=form.value("co_quan"),
        field=form.selected_field(),
        year=form.value("nam"),
        validity=form.value("hieu_luc"),
        ids=ids,
        today=timezone.localdate(),
    )
    if ids is not None:
        order = {pk: position for position, pk in enumerate(ids)}
        listed: Any = sorted(documents, key=lambda document: order.get(document.pk, 0))
    else:
        listed = documents
    items = paginate(request, listed, PER_PAGE)
    today = timezone.localdate()
    return {
        "form": form,
        "query": query,
        "documents": items,
        "rows": [(document, document.validity(today)) for document in items],
        "filtered": form.active,
    }


def document_detail(request: HttpRequest, page: LegalDocumentIndexPage, pk: int) -> HttpResponse:
    document = selectors.document_for_page(page=page, pk=pk)
    if document is None:
        raise Http404(_("This document is not in the register."))
    today = timezone.localdate()
    form = DraftCommentForm()
    sent = request.GET.get("da_gui") == "1"
    limit_message = ""
    status = 200
    if request.method == "POST":
        form = DraftCommentForm(request.POST)
        sent_url = page.route_document(document.pk) + "?da_gui=1#gop-y"
        if form.is_honeypot_hit():
            # Robots are told it worked; nothing is saved.
            return HttpResponseRedirect(sent_url)
        limit_message = _comment_submit(request, form, document, today)
        if not limit_message and not form.errors:
            return HttpResponseRedirect(sent_url)
        status = 429 if limit_message else 400
    else:
        services.legal_document_view_record(document=document, request=request)
    context = page.page_context(request)
    context.update(
        {
            "document": document,
            "validity": document.validity(today),
            "files": list(document.files.all()),
            "related": list(document.related.filter(is_public=True)),
            "replaces": [item for item in document.replaces.all() if item.is_public],
            "comments_open": document.comments_open(today),
            "comment_window_over": bool(
                document.is_draft and document.comment_closes and document.comment_closes < today
            ),
            "comments": list(document.comments.filter(status=CommentStatus.APPROVED)),
            "form": form,
            "sent": sent,
            "limit_message": limit_message,
            "register": page,
        }
    )
    response = TemplateResponse(
        request,
        "legal/legal_document_detail.html",
        context,
        status=status,
    )
    # Counted on every reading: never shared from a cache.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _comment_submit(request: HttpRequest, form: DraftCommentForm, document: Any, today: Any) -> str:
    """Save a resident's comment from a valid form; the message to show when a limit refuses
    it (nothing saved), else "" (the form's errors say whether it was saved)."""
    address = client_address(request)
    per_address = settings.XASO_DRAFT_COMMENT_LIMIT_PER_ADDRESS
    per_document = settings.XASO_DRAFT_COMMENT_LIMIT_PER_DOCUMENT
    on_document = f"{document.pk}|{address}"
    too_many = _("Too many comments have been sent from here. Please try again later.")
    document_used_up = _(
        "As many comments on this draft as a day allows have been sent from here. "
        "Please try again tomorrow."
    )
    if ratelimit.exceeded(COMMENT_ADDRESS_SCOPE, address, limit=per_address):
        return too_many
    if ratelimit.exceeded(COMMENT_DOCUMENT_SCOPE, on_document, limit=per_document):
        return document_used_up
    if not form.is_valid() or not form.spend_challenge():
        return ""
    # Counted before saving, each in one step: two posts at once cannot both take the last place.
    message = ""
    if not ratelimit.allow(COMMENT_ADDRESS_SCOPE, address, limit=per_address, seconds=HOUR):
        message = too_many
    elif not ratelimit.allow(COMMENT_DOCUMENT_SCOPE, on_document, limit=per_document, seconds=DAY):
        message = document_used_up
    if message:
        form.renew_challenge()
        return message
    try:
        services.draft_comment_submit(
            document=document,
            content=form.cleaned_data["content"],
            author_name=form.cleaned_data["author_name"],
            today=today,
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                form.add_error(name if name in form.fields else None, messages)
        else:
            form.add_error(None, error.messages)
        form.renew_challenge()
    return ""


def document_download(
    request: HttpRequest, page: LegalDocumentIndexPage, pk: int, file_id: int
) -> HttpResponse:
    document = selectors.document_for_page(page=page, pk=pk)
    attached = (
        next((item for item in document.files.all() if item.pk == file_id), None)
        if document
        else None
    )
    if document is None or attached is None:
        raise Http404(_("This file is not in the register."))
    services.legal_document_download_record(document=document, request=request)
    response = HttpResponseRedirect(attached.document.url)
    patch_cache_control(response, private=True, no_cache=True)
    return response


def procedures_context(request: HttpRequest) -> dict[str, Any]:
    commune = commune_for_request(request)
    groups: dict[str, list[Any]] = {}
    for procedure in selectors.public_procedures(commune=commune):
        groups.setdefault(str(procedure.field), []).append(procedure)
    return {"procedure_groups": list(groups.items())}
