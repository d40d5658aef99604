"""Writes for the register and its reference lists (document types, fields, issuing bodies):
permission check, validation, audit and search index, atomically."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from xaso.communes.access import require_own, require_province
from xaso.core import ratelimit
from xaso.core.bots import is_bot
from xaso.core.clientip import client_address
from xaso.core.permissions import require_perm
from xaso.core.text import nfc, nfc_fields
from xaso.search import services as search_services
from xaso.search.models import DocumentKind

from . import selectors
from .choices import CommentStatus
from .models import DocumentType, DraftComment, Issuer, LegalDocument, LegalField

COMMENT_MAX_CHARS = 5000


def replacement_check(document: LegalDocument) -> None:
    """A document cannot replace itself, nor be replaced through a chain that leads back to it."""
    replacement = document.replaced_by
    if replacement is None:
        return
    if document.pk is not None and replacement.pk == document.pk:
        raise ValidationError({"replaced_by": _("A document cannot replace itself.")})
    if replacement.commune_id != document.commune_id:
        raise ValidationError(
            {"replaced_by": _("The replacing document must be in the same commune's register.")}
        )
    seen = {document.pk}
    current: LegalDocument | None = replacement
    while current is not None:
        if current.pk in seen:
            raise ValidationError(
                {
                    "replaced_by": _(
                        "This replacement would make a loop: %(number)s is already replaced, "
                        "directly or in turn, by this document."
                    )
                    % {"number": replacement.number or replacement.summary[:40]}
                }
            )
        seen.add(current.pk)
        current = current.replaced_by


def _validate(document: LegalDocument) -> None:
    nfc_fields(document, "number", "signer", "summary", "uptake_summary")
    document.number = document.number.strip()
    errors: dict[str, list[str]] = {}
    if document.is_draft and not (document.comment_opens and document.comment_closes):
        errors["comment_closes"] = [
            _("A draft needs the dates its comment period opens and closes.")
        ]
    try:
        replacement_check(document)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    try:
        document.full_clean(exclude=["related"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def legal_document_save(*, user: Any | None, document: LegalDocument) -> LegalDocument:
    """Create or update a register entry (with its files, when it is a cluster from a form)."""
    creating = document.pk is None
    require_perm(user, "legal.add_legaldocument" if creating else "legal.change_legaldocument")
    _validate(document)
    document.save()
    log(instance=document, action="wagtail.create" if creating else "wagtail.edit", user=user)
    legal_document_index(document)
    return document


@transaction.atomic
def legal_document_delete(*, user: Any | None, document: LegalDocument) -> None:
    require_perm(user, "legal.delete_legaldocument")
    log(instance=document, action="wagtail.delete", user=user)
    search_services.document_remove(kind=DocumentKind.LEGAL, object_ids=[document.pk])
    document.delete()


def legal_document_index(document: LegalDocument) -> None:
    page = selectors.register_page(commune=document.commune)
    fields = selectors.document_search_fields(document, page)
    if fields is None:
        search_services.document_remove(kind=DocumentKind.LEGAL, object_ids=[document.pk])
    else:
        search_services.document_upsert(fields)


# A client address counts as one reader (or one download) of a document per hour: reloading a
# page, or a script repeating a request, does not inflate the register's figures.
READER_WINDOW_SECONDS = 3600


def _new_reader(request: HttpRequest, what: str, document: LegalDocument) -> bool:
    if is_bot(request.headers.get("User-Agent", "")):
        return False
    return ratelimit.first_use(
        f"legal-{what}", f"{client_address(request)}|{document.pk}", seconds=READER_WINDOW_SECONDS
    )


def legal_document_view_record(*, document: LegalDocument, request: HttpRequest) -> None:
    if _new_reader(request, "view", document):
        LegalDocument.objects.filter(pk=document.pk).update(view_count=F("view_count") + 1)
        document.view_count += 1


def legal_document_download_record(*, document: LegalDocument, request: HttpRequest) -> None:
    if _new_reader(request, "download", document):
        LegalDocument.objects.filter(pk=document.pk).update(download_count=F("download_count") + 1)
        document.download_count += 1


@transaction.atomic
def draft_comment_submit(
    *,
    document: LegalDocument,
    content: str,
    author_name: str = "",
    today: datetime.date | None = None,
) -> DraftComment:
    """A resident's comment, kept for moderation; refused outside the comment period."""
    today = today or timezone.localdate()
    if not document.is_draft:
        raise ValidationError(_("This document is not a draft open for comment."))
    if document.comment_opens and today < document.comment_opens:
        raise ValidationError(
            _("Comments on this draft open on %(date)s.")
            % {"date": document.comment_opens.strftime("%d/%m/%Y")}
        )
    if not document.comments_open(today):
        closes = document.comment_closes
        raise ValidationError(
            _("The comment period on this draft ended on %(date)s.")
            % {"date": closes.strftime("%d/%m/%Y") if closes else "—"}
        )
    content = nfc(content).strip()
    if not content:
        raise ValidationError({"content": _("Please write your comment.")})
    if len(content) > COMMENT_MAX_CHARS:
        raise ValidationError(
            {
                "content": _("A comment may have at most %(count)s characters.")
                % {"count": f"{COMMENT_MAX_CHARS:,}".replace(",", ".")}
            }
        )
    comment = DraftComment(
        legal_document=document, content=content, author_name=nfc(author_name).strip()[:120]
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def draft_comment_moderate(*, user: Any | None, comment: DraftComment, approve: bool) -> None:
    require_perm(user, "legal.change_draftcomment")
    comment.status = CommentStatus.APPROVED if approve else CommentStatus.REJECTED
    comment.moderated_at = timezone.now()
    comment.moderated_by = user if user is not None and user.is_authenticated else None
    comment.save(update_fields=["status", "moderated_at", "moderated_by"])
    log(
        instance=comment,
        action="xaso.comment_approve" if approve else "xaso.comment_reject",
        user=user,
    )


# What every commune starts with: content in the commune's language, not interface text.
REGISTER_SLUG = "van-ban"
REGISTER_TITLE = "Văn bản"
REGISTER_INTRO = (
    "Văn bản quy phạm pháp luật, văn bản chỉ đạo, điều hành của xã và các dự thảo lấy ý kiến "
    "Nhân dân."
)
COMMUNE_BODIES = ("Đảng ủy", "Hội đồng nhân dân", "Ủy ban nhân dân")
PROCEDURES_SLUG = "thu-tuc-hanh-chinh"
PROCEDURES_TITLE = "Thủ tục hành chính"
PROCEDURES_INTRO = (
    "Các thủ tục hành chính do xã giải quyết. Hồ sơ được nộp trực tuyến trên Cổng Dịch vụ công "
    "quốc gia (đăng nhập bằng tài khoản định danh điện tử VNeID) hoặc trực tiếp tại Bộ phận "
    "Một cửa của xã."
)


@transaction.atomic
def required_pages_ensure(*, commune: Any, user: Any | None = None) -> None:
    """What the law asks every commune portal to have, created once (idempotent): the register
    page, the procedures page and the commune's own issuing bodies."""
    from xaso.portal.services import page_add_and_publish

    from .models import LegalDocumentIndexPage, ProcedureIndexPage

    if commune.site is None:
        return
    home = commune.site.root_page.specific
    if not LegalDocumentIndexPage.objects.descendant_of(home).exists():
        page_add_and_publish(
            user=user,
            parent=home,
            page=LegalDocumentIndexPage(
                title=REGISTER_TITLE, slug=REGISTER_SLUG, show_in_menus=True, intro=REGISTER_INTRO
            ),
        )
    if not ProcedureIndexPage.objects.descendant_of(home).exists():
        page_add_and_publish(
            user=user,
            parent=home,
            page=ProcedureIndexPage(
                title=PROCEDURES_TITLE,
                slug=PROCEDURES_SLUG,
                show_in_menus=True,
                intro=PROCEDURES_INTRO,
            ),
        )
    kind = commune.get_kind_display().lower()
    for order, body in enumerate(COMMUNE_BODIES):
        Issuer.objects.get_or_create(
            commune=commune,
            name=f"{body} {kind} {commune.name}",
            defaults={"sort_order": 10 + order},
        )


@transaction.atomic
def procedure_save(*, user: Any | None, procedure: Any) -> Any:
    creating = procedure.pk is None
    require_perm(user, "legal.add_procedure" if creating else "legal.change_procedure")
    nfc_fields(procedure, "name", "code", "processing_time", "fee")
    procedure.full_clean()
    procedure.save()
    log(instance=procedure, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return procedure


@transaction.atomic
def document_type_save(*, user: Any | None, document_type: DocumentType) -> DocumentType:
    """Create or change a document type, shared by every commune: the province's alone."""
    creating = document_type.pk is None
    require_province(user, "legal.add_documenttype" if creating else "legal.change_documenttype")
    nfc_fields(document_type, "name")
    document_type.full_clean()
    document_type.save()
    log(instance=document_type, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return document_type


@transaction.atomic
def legal_field_save(*, user: Any | None, field: LegalField) -> LegalField:
    """Create or change a field of state management, shared by every commune: the province's
    alone. The fields form a tree: a field cannot be placed under itself."""
    creating = field.pk is None
    require_province(user, "legal.add_legalfield" if creating else "legal.change_legalfield")
    nfc_fields(field, "name")
    parent, seen = field.parent, {field.pk} if field.pk else set()
    while parent is not None:
        if parent.pk in seen:
            raise ValidationError({"parent": _("A field cannot be placed under itself.")})
        seen.add(parent.pk)
        parent = parent.parent
    field.full_clean()
    field.save()
    log(instance=field, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return field


@transaction.atomic
def issuer_save(*, user: Any | None, issuer: Issuer) -> Issuer:
    """Create or change an issuing body: a commune's own by its staff, one every commune cites
    (no commune) by the province alone."""
    creating = issuer.pk is None
    perm = "legal.add_issuer" if creating else "legal.change_issuer"
    was_shared = not creating and Issuer.objects.filter(pk=issuer.pk, commune__isnull=True).exists()
    if issuer.commune_id is None or was_shared:
        require_province(user, perm)
    else:
        require_perm(user, perm)
        require_own(user, issuer)
    nfc_fields(issuer, "name")
    issuer.full_clean()
    issuer.save()
    log(instance=issuer, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return issuer
