"""Uploaded files are judged by what they contain, not by their name.

A file is accepted when its extension is allowed, its size is within the limit, and its content
is of a kind that extension may hold, whole and undamaged:

- a PDF starts with `%PDF-` at its first byte and ends with `%%EOF` (within its last 1,024
  bytes, as PDF readers look for it);
- Word, Excel and PowerPoint files are ZIP archives that read back without error and declare the
  document their name promises in `[Content_Types].xml`; OpenDocument files name their kind in
  `mimetype`; the older `.doc`, `.xls`, `.ppt` have the OLE2 header;
- images (JPEG, PNG, and for Wagtail's image library GIF, WebP, AVIF) are decoded whole by
  Pillow; SVG is never accepted: it is a web page that may carry scripts.

And nothing but a text format (RTF) may carry web page code (`<script`, `<html`, `<iframe`,
`<svg`, `<!doctype html`, …) in its first or last 64 KB: a picture or a PDF that is also a web
page (a "polyglot") is refused. Anything else is refused with a message saying why, in
Vietnamese. `puremagic` names what an unexpected file really is, for that message.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import PurePath
from typing import IO

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

HEAD_BYTES = 8192
# How far from each end of a file web page code is looked for.
SCAN_BYTES = 64 * 1024
# A PDF reader looks for `%%EOF` this close to the end.
PDF_TAIL_BYTES = 1024
# A ZIP whose members unpack to more than this is refused before any is unpacked.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
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
# The main part's content type each Office Open XML kind declares in `[Content_Types].xml`.
_OFFICE_CONTENT_TYPES = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
# Pillow's name for each image kind.
_IMAGE_FORMATS = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP", "avif": "AVIF"}
# Kinds that are text: web page code inside them is words, never run.
_TEXT_KINDS = {"rtf"}
# The start of web page code (HTML, SVG, script), in any letter case.
_WEB_CODE = re.compile(
    rb"<(?:script|html|iframe|frameset|svg|object|embed)[\s>/]"
    rb"|<!doctype\s+html",
    re.IGNORECASE,
)
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
    "gif": {"gif"},
    "webp": {"webp"},
    "avif": {"avif"},
}


def content_kind(file: IO[bytes]) -> str | None:
    """What the file holds, from its first bytes (and a ZIP's table of contents)."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_OLE2):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:12] in (b"ftypavif", b"ftypavis"):
        return "avif"
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
    if extension in {"svg", "svgz"}:
        raise ValidationError(
            _(
                "SVG drawings cannot be uploaded: they can carry scripts. Please upload the "
                "picture as JPEG or PNG."
            ),
            code="file_type",
        )
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
    kind = content_kind(file)
    if kind not in ACCEPTS[extension]:
        raise ValidationError(
            _(
                "The file is named “.%(extension)s” but its content is %(actual)s. "
                "Please upload the real file."
            )
            % {"extension": extension, "actual": _what_it_is(file)},
            code="file_content",
        )
    try:
        _check_whole(file, kind, extension)
        if kind not in _TEXT_KINDS and _carries_web_code(file, size):
            raise ValidationError(
                _(
                    "The file contains web page code (HTML or script) hidden in it, so it "
                    "cannot be uploaded. Please save the document again from the program that "
                    "made it and upload that file."
                ),
                code="file_web_code",
            )
    finally:
        file.seek(0)
    return extension


def _damaged(extension: str) -> ValidationError:
    return ValidationError(
        _(
            "The “.%(extension)s” file is damaged or incomplete and cannot be opened. "
            "Please upload the complete file again."
        )
        % {"extension": extension},
        code="file_damaged",
    )


def _check_whole(file: IO[bytes], kind: str | None, extension: str) -> None:
    """Beyond its first bytes, the file is whole: a PDF ends as a PDF, an archive reads back, an
    image decodes."""
    if kind == "pdf":
        file.seek(0, io.SEEK_END)
        end = file.tell()
        file.seek(max(0, end - PDF_TAIL_BYTES))
        if b"%%EOF" not in file.read():
            raise _damaged(extension)
    elif kind in _IMAGE_FORMATS:
        _check_image(file, kind, extension)
    elif kind in {"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp"}:
        _check_archive(file, kind, extension)


def _check_image(file: IO[bytes], kind: str, extension: str) -> None:
    """Pillow reads the whole picture: its structure (`verify`), then every pixel (`load`)."""
    try:
        with warnings.catch_warnings():
            # A picture of more pixels than Pillow's limit is refused, not opened.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            file.seek(0)
            with Image.open(file) as image:
                if image.format != _IMAGE_FORMATS[kind]:
                    raise _damaged(extension)
                image.verify()
            file.seek(0)
            with Image.open(file) as image:
                image.load()
    except ValidationError:
        raise
    except Exception as error:  # Pillow raises many kinds on a damaged picture
        raise _damaged(extension) from error


def _check_archive(file: IO[bytes], kind: str, extension: str) -> None:
    """The archive reads back whole (every member's checksum), is not a "ZIP bomb", and an
    Office file declares the document its name promises."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                raise ValidationError(
                    _("The archive is too large once unpacked (more than %(limit)s).")
                    % {"limit": filesizeformat(MAX_UNPACKED_BYTES)},
                    code="file_size",
                )
            if archive.testzip() is not None:
                raise _damaged(extension)
            expected = _OFFICE_CONTENT_TYPES.get(kind)
            if expected is not None and expected not in archive.read("[Content_Types].xml"):
                raise _damaged(extension)
    except ValidationError:
        raise
    except Exception as error:  # zipfile, zlib and friends raise many kinds on a damaged file
        raise _damaged(extension) from error


def _carries_web_code(file: IO[bytes], size: int) -> bool:
    """Web page code in the first or last `SCAN_BYTES` of the file."""
    file.seek(0)
    head = file.read(SCAN_BYTES)
    if _WEB_CODE.search(head):
        return True
    if size > SCAN_BYTES:
        # Overlap by a little so a marker cut by the boundary is still seen.
        file.seek(max(SCAN_BYTES - 32, size - SCAN_BYTES))
        if _WEB_CODE.search(file.read()):
            return True
    return False
