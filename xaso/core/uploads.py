"""Uploaded files are judged by what they contain, not by their name.

A file is accepted when its extension is allowed, its size is within the limit, and its content
is of a kind that extension may hold: a `.pdf` must start like a PDF, a `.docx` must be a ZIP
holding a Word document, and so on. Anything else is refused with a message saying why, in
Vietnamese. `puremagic` names what an unexpected file really is, for that message.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath
from typing import IO

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

HEAD_BYTES = 8192
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OPEN_DOCUMENT = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
_OFFICE_XML = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}
# What content each extension may hold (as `content_kind` names it).
ACCEPTS = {
    "pdf": {"pdf"},
    "doc": {"ole"},
    "xls": {"ole"},
    "ppt": {"ole"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
    "pptx": {"pptx"},
    "odt": {"odt"},
    "ods": {"ods"},
    "odp": {"odp"},
    "rtf": {"rtf"},
    "zip": {"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp"},
    "jpg": {"jpeg"},
    "jpeg": {"jpeg"},
    "png": {"png"},
}


def content_kind(file: IO[bytes]) -> str | None:
    """What the file holds, from its first bytes (and a ZIP's table of contents)."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE2):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    kind = _OPEN_DOCUMENT.get(archive.read("mimetype").strip())
                    if kind:
                        return kind
                for member, kind in _OFFICE_XML.items():
                    if member in names:
                        return kind
                return "zip"
        except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
            return None
        finally:
            file.seek(0)
    return None


# Names people know, preferred when several kinds share a signature (MZ: .exe, .zap, .drv, …).
_WELL_KNOWN = {
    ".exe", ".dll", ".msi", ".html", ".js", ".svg", ".png", ".jpg", ".gif", ".webp", ".zip",
    ".rar", ".7z", ".gz", ".mp3", ".mp4", ".pdf", ".docx", ".xlsx", ".pptx", ".doc", ".xls",
}  # fmt: skip


def _what_it_is(file: IO[bytes]) -> str:
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    try:
        matches = [match.extension for match in puremagic.magic_string(head) if match.extension]
    except (puremagic.PureError, ValueError):
        matches = []
    if not matches:
        return _("an unknown kind of file")
    extension = next((found for found in matches if found in _WELL_KNOWN), matches[0])
    return _("a %(extension)s file") % {"extension": extension.lstrip(".").upper()}


def validate_upload(
    file: IO[bytes],
    name: str,
    *,
    allowed: list[str] | None = None,
    max_bytes: int | None = None,
) -> str:
    """Raise ValidationError unless the file is acceptable; returns its extension."""
    allowed = [extension.lower() for extension in (allowed or settings.WAGTAILDOCS_EXTENSIONS)]
    max_bytes = max_bytes or settings.XASO_UPLOAD_MAX_BYTES
    extension = PurePath(name or "").suffix.lower().lstrip(".")
    if extension not in allowed or extension not in ACCEPTS:
        raise ValidationError(
            _("Files of type “.%(extension)s” cannot be uploaded. Allowed types: %(allowed)s.")
            % {
                "extension": extension or "?",
                "allowed": ", ".join(sorted(e for e in allowed if e in ACCEPTS)),
            },
            code="file_type",
        )
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(0)
    if size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; files may be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="file_size",
        )
    if content_kind(file) not in ACCEPTS[extension]:
        raise ValidationError(
            _(
                "The file is named “.%(extension)s” but its content is %(actual)s. "
                "Please upload the real file."
            )
            % {"extension": extension, "actual": _what_it_is(file)},
            code="file_content",
        )
    return extension
