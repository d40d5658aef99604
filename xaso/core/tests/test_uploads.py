"""Uploads are judged by their content: allowed types only, a size limit, honest extensions,
whole files, and no web page code hidden in a picture, a PDF or an Office file."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image, PngImagePlugin

from xaso.core import uploads
from xaso.core.uploads import validate_upload

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
IMAGES = ["jpg", "jpeg", "png", "gif", "webp", "avif", "svg"]
_MAIN = "application/vnd.openxmlformats-officedocument.{}.main+xml"


def _zip(compression: int = zipfile.ZIP_DEFLATED, **members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, text in members.items():
            archive.writestr(name.replace("__", "/").replace("_CT_", "[Content_Types]"), text)
    return buffer.getvalue()


def _types(main: str) -> str:
    return f'<Types><Override PartName="/x" ContentType="{_MAIN.format(main)}"/></Types>'


DOCX = _zip(**{"_CT_.xml": _types("wordprocessingml.document"), "word__document.xml": "<w:d/>"})
ODT = _zip(mimetype="application/vnd.oasis.opendocument.text", **{"content.xml": "<x/>"})


def _xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Chỉ tiêu", "Giá trị"])
    workbook.active.append(["Thu nhập bình quân", 62.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX = _xlsx()


def _picture(fmt: str, **params) -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    for x in range(40):
        image.putpixel((x, x % 30), (10, 120, 200))
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


JPEG, PNG = _picture("JPEG"), _picture("PNG")
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def _check(name: str, data: bytes, **kwargs):
    return validate_upload(SimpleUploadedFile(name, data), name, **kwargs)


def _refused(name: str, data: bytes, **kwargs) -> str:
    with pytest.raises(ValidationError) as error:
        _check(name, data, **kwargs)
    return error.value.messages[0]


@pytest.mark.parametrize(
    "name, data",
    [("quyet-dinh.pdf", PDF), ("ke-hoach.docx", DOCX), ("bang.xlsx", XLSX), ("to-trinh.odt", ODT),
     ("goi.zip", DOCX), ("VĂN BẢN.PDF", PDF), ("co-rac.pdf", PDF + b"\r\n" * 100)],
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
        # A web page that a PDF reader would also open: "%PDF-" must be the very first bytes.
        ("trang.pdf", b"<!doctype html><title>x</title>\n" + PDF, "là"),
    ],
)
def test_content_that_does_not_match_the_extension_is_refused(name, data, words):
    with pytest.raises(ValidationError) as error:
        _check(name, data)
    message = error.value.messages[0]
    assert "nhưng nội dung" in message and words in message


@pytest.mark.parametrize("name", ["chay.exe", "trang.html", "kich-ban.js", "khong-duoi"])
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


@pytest.mark.parametrize(
    "name, data",
    [("anh.jpg", JPEG), ("ANH.JPEG", JPEG), ("anh.png", PNG), ("anh.gif", _picture("GIF")),
     ("anh.webp", _picture("WEBP")), ("quet.png", _picture("PNG", optimize=True))],
)  # fmt: skip
def test_real_pictures_made_by_pillow_are_accepted(name, data):
    assert _check(name, data, allowed=IMAGES) == name.rsplit(".", 1)[1].lower()


def _png_with_text(text: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    return _picture("PNG", pnginfo=info)


@pytest.mark.parametrize(
    "name, data",
    [
        ("da-ky.pdf", b"%PDF-1.4\n" + b"<html><script>alert(1)</script></html>" + b"\n%%EOF"),
        ("da-ky.pdf", PDF.replace(b"%%EOF", b"<IFRAME src=//x.example></iframe>\n%%EOF")),
        ("anh.jpg", JPEG + HTML),  # a real picture with a web page after it
        ("anh.png", PNG + b"<ScRiPt>alert(1)</sCrIpT>"),
        ("anh.png", _png_with_text('<svg onload="alert(1)">')),  # inside a valid text chunk
        ("anh.jpg", JPEG + b"\0" * (200 * 1024) + b"<!DOCTYPE html><p>x"),  # at the far end
        ("ke-hoach.docx", DOCX + HTML),
        ("bang.xlsx", _zip(zipfile.ZIP_STORED, **{"_CT_.xml": _types("spreadsheetml.sheet"),
                                                   "xl__workbook.xml": "<html><body>"})),
    ],
)  # fmt: skip
def test_web_page_code_hidden_in_a_file_is_refused(name, data):
    message = _refused(name, data, allowed=[*IMAGES, "pdf", "docx", "xlsx"])
    assert "mã trang web" in message, message


@pytest.mark.parametrize(
    "name, data",
    [
        ("anh.jpg", b"\xff\xd8\xff\xe0" + HTML),  # a JPEG's first bytes, then a web page
        ("anh.jpg", JPEG[: len(JPEG) // 2]),  # cut short
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64),
        ("anh.jpg", JPEG[:200] + bytes(255 - b for b in JPEG[200:])),  # scrambled
        ("khong-ket-thuc.pdf", PDF.replace(b"%%EOF", b"")),
        ("khong-ket-thuc.pdf", PDF.replace(b"%%EOF", b"") + b"x" * 2000 + b"%%EOF"[:0]),
        ("ke-hoach.docx", _zip(**{"_CT_.xml": "<Types/>", "word__document.xml": "<w:d/>"})),
        ("ke-hoach.docx", _zip(**{"_CT_.xml": _types("spreadsheetml.sheet"),
                                  "word__document.xml": "<w:d/>"})),  # declares a workbook
        ("bang.xlsx", _zip(**{"xl__workbook.xml": "<workbook/>"})),  # no content types at all
    ],
)  # fmt: skip
def test_a_damaged_or_incomplete_file_is_refused(name, data):
    message = _refused(name, data, allowed=[*IMAGES, "pdf", "docx", "xlsx"])
    assert "hỏng" in message or "nhưng nội dung" in message, message


def test_an_archive_that_fails_its_checksum_is_refused():
    members = {
        "_CT_.xml": _types("wordprocessingml.document"),
        "word__document.xml": "<w:document>xx</w:document>",
    }
    data = bytearray(_zip(zipfile.ZIP_STORED, **members))
    at = data.index(b"<w:document>xx")
    data[at + 12 : at + 14] = b"yy"  # the stored text changed after its checksum was taken
    assert "hỏng" in _refused("ke-hoach.docx", bytes(data))


def test_an_archive_too_large_once_unpacked_is_refused_before_unpacking(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 10_000)
    bomb = _zip(**{"_CT_.xml": _types("wordprocessingml.document"),
                   "word__document.xml": "<w:d>" + " " * 20_000 + "</w:d>"})  # fmt: skip
    assert len(bomb) < 10_000
    assert "quá lớn" in _refused("ke-hoach.docx", bomb)


@pytest.mark.parametrize("name", ["ve.svg", "VE.SVGZ"])
def test_svg_is_refused_even_where_it_would_be_allowed(name):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    message = _refused(name, svg, allowed=["svg", "svgz", *IMAGES])
    assert "SVG" in message and "JPEG" in message
    # Named as a picture, it is still a drawing.
    assert "nhưng nội dung" in _refused("anh.png", svg, allowed=IMAGES)


def test_rtf_is_text_and_may_mention_web_page_code():
    rtf = rb"{\rtf1\ansi Huong dan: khong mo tep co <script> la.\par}"
    assert _check("huong-dan.rtf", rtf) == "rtf"


@pytest.mark.django_db
def test_the_image_library_decodes_and_checks_every_upload(client, django_user_model):
    from wagtail.images import get_image_model

    Image_ = get_image_model()
    admin = django_user_model.objects.create_superuser("admin", "a@example.com", "mat-khau-dai-123")
    client.force_login(admin)

    def upload(name: str, data: bytes):
        return client.post(
            "/admin/images/add/",
            {"title": "Ảnh", "file": SimpleUploadedFile(name, data), "collection": 1},
        )

    refused = upload("anh.jpg", JPEG + HTML)
    assert refused.status_code == 200 and "mã trang web" in refused.content.decode()
    assert upload("anh.jpg", b"\xff\xd8\xff\xe0" + HTML).status_code == 200
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
    assert upload("ve.svg", svg).status_code == 200
    assert not Image_.objects.exists()
    assert upload("anh.png", PNG).status_code == 302
    assert Image_.objects.count() == 1
    # The upload of many at once (and choosers') goes through the same form.
    many = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("nhieu.jpg", JPEG + HTML), "collection": 1},
    )
    assert many.json()["success"] is False and "mã trang web" in many.json()["error_message"]
    assert Image_.objects.count() == 1
