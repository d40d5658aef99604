"""Downloads of the commune's New Rural self-assessment (admin only).

/admin/ntm/reports/<programme id>/<year>.<fmt>, fmt "xlsx" or "pdf". Whoever may view the
programmes downloads the report of a programme of their own communes, for a year the programme
covers. Anything else, a malformed argument included, is "not found": nothing tells an outsider
which programmes exist.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone, translation

from xaso.core import reports as files

from .. import reports
from .dashboard import VIEW_PERMISSION, user_programmes


def report(request: HttpRequest, programme_id: int, year: int, fmt: str) -> HttpResponse:
    if fmt not in files.CONTENT_TYPES:
        raise Http404
    user = request.user
    if not user.is_authenticated or not user.is_active or not user.has_perm(VIEW_PERMISSION):
        raise Http404
    programme = user_programmes(user).filter(pk=programme_id).first()
    if programme is None or year not in reports.programme_years(programme):
        raise Http404
    today = timezone.localdate()
    # A filed document is in the language of record, whatever the interface's language.
    with translation.override(settings.LANGUAGE_CODE):
        built = reports.report_build(programme=programme, year=year, today=today)
        content = files.render(reports.report_document(built), fmt)
    return files.attachment(content, fmt, reports.filename(built, fmt))
