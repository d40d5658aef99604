"""Opening an uploaded workbook, within limits: no file too big, no ZIP "bomb" (a small file
that unpacks to gigabytes, or to thousands of parts), read-only and values only (a formula's
last computed value, never the formula), and one message when the file is not a workbook."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .problems import Problem, WorkbookInvalid

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Limits:
    """What a workbook may be: its size, what it unpacks to, and how many parts it has (a
    sheet is two or three). Rows and columns are for the reader of each kind of workbook."""

    max_bytes: int
    max_unpacked_bytes: int
    max_members: int = 5_000


def not_a_workbook() -> WorkbookInvalid:
    message = _("The file is not an Excel workbook (.xlsx), or it cannot be read.")
    return WorkbookInvalid([Problem(None, "", message)], code="not_xlsx")


def too_big(message: str) -> WorkbookInvalid:
    return WorkbookInvalid([Problem(None, "", message)], code="too_big")


def check_archive(file: IO[bytes] | bytes, limits: Limits) -> IO[bytes]:
    """The file, checked to be an .xlsx within the limits without unpacking it, rewound;
    WorkbookInvalid (code "not_xlsx" or "too_big") otherwise."""
    handle: IO[bytes] = io.BytesIO(file) if isinstance(file, bytes | bytearray) else file
    try:
        handle.seek(0, io.SEEK_END)
        size = handle.tell()
        handle.seek(0)
    except (AttributeError, OSError, ValueError):
        raise not_a_workbook() from None
    if size > limits.max_bytes:
        raise too_big(
            _("The file is %(size)s; a workbook may be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limits.max_bytes)}
        )
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
            if "xl/workbook.xml" not in {member.filename for member in members}:
                raise not_a_workbook()
            # What a member unpacks to is capped at its declared size when read: the sum holds.
            if (
                len(members) > limits.max_members
                or sum(member.file_size for member in members) > limits.max_unpacked_bytes
            ):
                raise too_big(_("The workbook is too large once unpacked."))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise not_a_workbook() from None
    handle.seek(0)
    return handle


def open_workbook(file: IO[bytes] | bytes, limits: Limits) -> Any:
    """The workbook, read-only with values only; WorkbookInvalid when it is not one or is
    beyond the limits. Close it after reading (`workbook.close()`)."""
    handle = check_archive(file, limits)
    try:
        return load_workbook(handle, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise not_a_workbook() from None
