"""Uploads are judged by their content: allowed types only, a size limit, honest extensions."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from xaso.core.uploads import validate_upload

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def _zip(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name.replace("__", "/"), text)
    return buffer.getvalue()


DOCX = _zip(**{"[Content_Types].xml": "<Types/>", "word__document.xml": "<w:document/>"})
XLSX = _zip(**{"[Content_Types].xml": "<Types/>", "xl__workbook.xml": "<workbook/>"})
ODT = _zip(mimetype="application/vnd.oasis.opendocument.text", **{"content.xml": "<x/>"})


def _check(name: str, data: bytes, **kwargs):
    return validate_upload(SimpleUploadedFile(name, data), name, **kwargs)


@pytest.mark.parametrize(
    "name, data",
    [("quyet-dinh.pdf", PDF), ("ke-hoach.docx", DOCX), ("bang.xlsx", XLSX), ("to-trinh.odt", ODT),
     ("goi.zip", DOCX), ("VĂN BẢN.PDF", PDF)],
)  # fmt: skip
def test_real_files_of_allowed_types_are_accepted(name, data):
    assert _check(name, data) == name.rsplit(".", 1)[1].lower()


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("quyet-dinh.pdf", EXE, "EXE"),  # a program passed off as a PDF
        ("ke-hoach.docx", PDF, "PDF"),  # a PDF with a misleading extension
        ("bang.xlsx", DOCX, "là"),  # a Word file named as a spreadsheet
        ("anh.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "PNG"),
        ("rong.pdf", b"%PD", "là"),
    ],
)
def test_content_that_does_not_match_the_extension_is_refused(name, data, words):
    with pytest.raises(ValidationError) as error:
        _check(name, data)
    message = error.value.messages[0]
    assert "nhưng nội dung" in message and words in message


@pytest.mark.parametrize("name", ["chay.exe", "trang.html", "kich-ban.js", "khong-duoi", "a.svg"])
def test_types_not_allowed_are_refused_by_name_first(name):
    with pytest.raises(ValidationError) as error:
        _check(name, PDF)
    assert "Không được phép tải lên" in error.value.messages[0]


def test_size_limit_and_empty_files():
    with pytest.raises(ValidationError) as error:
        _check("lon.pdf", PDF + b"0" * 2048, max_bytes=1024)
    assert "tối đa" in error.value.messages[0] and "1,0" in error.value.messages[0]
    with pytest.raises(ValidationError) as empty:
        _check("rong.pdf", b"")
    assert "trống" in empty.value.messages[0]


@pytest.mark.django_db
def test_the_admin_document_upload_refuses_a_disguised_file(client, django_user_model):
    from wagtail.documents.models import Document

    admin = django_user_model.objects.create_superuser("admin", "a@example.com", "mat-khau-dai-123")
    client.force_login(admin)
    response = client.post(
        "/admin/documents/add/",
        {"title": "Quyết định", "file": SimpleUploadedFile("quyet-dinh.pdf", EXE), "collection": 1},
    )
    assert response.status_code == 200  # the form again, with the message
    assert "nhưng nội dung" in response.content.decode()
    assert not Document.objects.exists()
    accepted = client.post(
        "/admin/documents/add/",
        {"title": "Quyết định", "file": SimpleUploadedFile("quyet-dinh.pdf", PDF), "collection": 1},
    )
    assert accepted.status_code == 302 and Document.objects.count() == 1
