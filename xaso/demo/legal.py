"""The demo commune's register, disclosures and procedures (written for the demo; the numbers
and people are made up). Created through the services; a second run changes nothing."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from xaso.communes.models import Commune
from xaso.core.text import slugify_vi
from xaso.legal import services
from xaso.legal.choices import CommentStatus
from xaso.legal.models import DocumentType, Issuer, LegalDocument, LegalDocumentFile, LegalField

D = datetime.date

# (number, type, issuer key, signer, field, summary, issued, effective, expires, with a file)
DOCUMENTS: list[tuple[str, str, str, str, str | None, str, D, D | None, D | None, bool]] = [
    ("05/NQ-HĐND", "Nghị quyết", "council", "Phạm Văn Hùng", "Tài chính – Ngân sách",
     "Nghị quyết về dự toán thu, chi ngân sách xã năm 2023",
     D(2022, 12, 20), D(2023, 1, 1), D(2023, 12, 31), True),
    ("12/NQ-HĐND", "Nghị quyết", "council", "Phạm Văn Hùng", "Nông nghiệp – Nông thôn mới",
     "Nghị quyết về xây dựng xã nông thôn mới kiểu mẫu giai đoạn 2023 – 2025",
     D(2023, 3, 15), D(2023, 3, 15), None, True),
    ("30/QĐ-UBND", "Quyết định", "committee", "Nguyễn Tiến Tập", "Tổ chức bộ máy – Cán bộ",
     "Quyết định ban hành Quy chế làm việc của Ủy ban nhân dân xã",
     D(2021, 7, 2), D(2021, 7, 2), None, False),
    ("98/QĐ-UBND", "Quyết định", "committee", "Nguyễn Tiến Tập", "Tổ chức bộ máy – Cán bộ",
     "Quyết định ban hành Quy chế làm việc của Ủy ban nhân dân xã nhiệm kỳ 2021 – 2026 "
     "(thay thế Quyết định số 30/QĐ-UBND)",
     D(2023, 5, 8), D(2023, 5, 8), None, True),
    ("112/QĐ-UBND", "Quyết định", "committee", "Nguyễn Tiến Tập", "Giao thông nông thôn",
     "Quyết định ban hành Quy chế vận động Nhân dân hiến đất mở rộng đường giao thông "
     "nông thôn",
     D(2023, 6, 12), D(2023, 6, 12), None, True),
    ("45/KH-UBND", "Kế hoạch", "committee", "Lê Văn Thành", "Nông nghiệp – Nông thôn mới",
     "Kế hoạch thực hiện các tiêu chí xã nông thôn mới kiểu mẫu năm 2023",
     D(2023, 2, 20), D(2023, 2, 20), D(2023, 12, 31), True),
    ("20/TB-UBND", "Thông báo", "committee", "Nguyễn Tiến Tập", "Tư pháp – Hộ tịch",
     "Thông báo lịch tiếp công dân của Chủ tịch Ủy ban nhân dân xã năm 2023",
     D(2023, 1, 5), D(2023, 1, 5), D(2023, 12, 31), False),
    ("08-CT/ĐU", "Chỉ thị", "party", "Nguyễn Văn Tuấn", "Dân chủ ở cơ sở",
     "Chỉ thị về phân công cán bộ, đảng viên phụ trách chi bộ thôn, tổ dân phố",
     D(2023, 4, 3), D(2023, 4, 3), None, False),
    ("67/KH-UBND", "Kế hoạch", "committee", "Lê Văn Thành", "Khoa học – Công nghệ – Chuyển đổi số",
     "Kế hoạch chuyển đổi số xã năm 2024",
     D(2023, 11, 20), D(2024, 1, 1), D(2024, 12, 31), True),
]  # fmt: skip
DRAFT_SUMMARY = (
    "Dự thảo Quy chế hỗ trợ hộ gia đình hiến đất làm đường liên thôn giai đoạn 2024 – 2025"
)


def _pdf(title: str, collection: Any) -> Document:
    """A one-page PDF drawn locally, standing in for the scanned document."""
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((40, 40, 555, 802), outline="black", width=2)
    for line in range(12):
        draw.line((80, 140 + 40 * line, 515, 140 + 40 * line), fill=(120, 120, 120), width=3)
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=72)
    # In the commune's collection: its staff manage the files; who may download them is decided
    # by what the register publishes (`communes.documents`).
    document = Document(title=title, collection=collection)
    document.file.save(
        f"{slugify_vi(title) or 'van-ban'}.pdf", ContentFile(buffer.getvalue()), save=False
    )
    document._set_document_file_metadata()
    document.save()
    return document


PORTAL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html"
# (parent field, field, procedure, how it is done, time to handle, fee) — names as the national
# catalogue gives them; codes are left for the commune to fill in from the portal.
PROCEDURES = [
    ("Tư pháp – Hộ tịch", "Hộ tịch", "Đăng ký khai sinh", "full", "Ngay trong ngày", "Miễn lệ phí"),
    ("Tư pháp – Hộ tịch", "Hộ tịch", "Đăng ký kết hôn", "partial", "Ngay trong ngày", "Miễn lệ phí"),
    ("Tư pháp – Hộ tịch", "Hộ tịch", "Đăng ký khai tử", "full", "Ngay trong ngày", "Miễn lệ phí"),
    ("Tư pháp – Hộ tịch", "Hộ tịch", "Cấp bản sao trích lục hộ tịch", "full", "Ngay trong ngày", "8.000 đồng/bản"),
    ("Tư pháp – Hộ tịch", "Hộ tịch", "Cấp Giấy xác nhận tình trạng hôn nhân", "full", "03 ngày làm việc", ""),
    ("Tư pháp – Hộ tịch", "Chứng thực", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "offline", "Trong ngày", "2.000 đồng/trang"),
    ("Tư pháp – Hộ tịch", "Chứng thực", "Chứng thực chữ ký trong các giấy tờ, văn bản", "offline", "Trong ngày", "10.000 đồng/trường hợp"),
    ("Lao động – Chính sách xã hội", "Bảo trợ xã hội", "Trợ giúp xã hội thường xuyên đối với người cao tuổi", "partial", "", ""),
    ("Lao động – Chính sách xã hội", "Người có công", "Thủ tục hỗ trợ người có công cải thiện nhà ở", "offline", "", ""),
    ("Đất đai", None, "Hòa giải tranh chấp đất đai", "offline", "45 ngày", "Không"),
]  # fmt: skip


def _procedures(commune: Commune) -> None:
    from xaso.legal.models import Procedure

    for order, (parent, child, name, level, time, fee) in enumerate(PROCEDURES):
        if Procedure.objects.filter(commune=commune, name=name).exists():
            continue
        field = LegalField.objects.get(name=parent, parent=None)
        if child:
            field, _created = LegalField.objects.get_or_create(name=child, parent=field)
        services.procedure_save(
            user=None,
            procedure=Procedure(
                commune=commune,
                field=field,
                name=name,
                level=level,
                url=PORTAL,
                processing_time=time,
                fee=fee,
                sort_order=order,
            ),
        )


def load_legal_demo(commune: Commune) -> None:
    services.required_pages_ensure(commune=commune)
    issuers = {
        key: Issuer.objects.get(commune=commune, name__startswith=prefix)
        for key, prefix in (
            ("party", "Đảng ủy"),
            ("council", "Hội đồng nhân dân"),
            ("committee", "Ủy ban nhân dân"),
        )
    }
    made: dict[str, LegalDocument] = {}
    for number, kind, issuer, signer, field, summary, issued, effective, expires, file in DOCUMENTS:
        existing = LegalDocument.objects.filter(commune=commune, number=number).first()
        if existing is not None:
            made[number] = existing
            continue
        document = LegalDocument(
            commune=commune,
            number=number,
            document_type=DocumentType.objects.get(name=kind),
            issuer=issuers[issuer],
            signer=signer,
            field=LegalField.objects.filter(name=field).first() if field else None,
            summary=summary,
            issued_on=issued,
            effective_from=effective,
            expires_on=expires,
        )
        if file:
            document.files.add(
                LegalDocumentFile(
                    document=_pdf(f"{kind} {number}", commune.collection), title="Toàn văn"
                )
            )
        made[number] = services.legal_document_save(user=None, document=document)
    old, new = made["30/QĐ-UBND"], made["98/QĐ-UBND"]
    if old.replaced_by_id != new.pk:
        old.replaced_by = new
        services.legal_document_save(user=None, document=old)
    plan = made["45/KH-UBND"]
    if not plan.related.exists():
        plan.related.add(made["12/NQ-HĐND"])
    _draft(commune, issuers["committee"])
    _procedures(commune)


def _draft(commune: Commune, issuer: Any) -> None:
    if LegalDocument.objects.filter(commune=commune, summary=DRAFT_SUMMARY).exists():
        return
    today = timezone.localdate()
    draft = LegalDocument(
        commune=commune,
        document_type=DocumentType.objects.get(name="Dự thảo"),
        issuer=issuer,
        field=LegalField.objects.filter(name="Giao thông nông thôn").first(),
        summary=DRAFT_SUMMARY,
        issued_on=today - datetime.timedelta(days=5),
        is_draft=True,
        comment_opens=today - datetime.timedelta(days=5),
        comment_closes=today + datetime.timedelta(days=25),
    )
    draft.files.add(
        LegalDocumentFile(
            document=_pdf("Dự thảo quy chế hỗ trợ hiến đất", commune.collection), title="Dự thảo"
        )
    )
    services.legal_document_save(user=None, document=draft)
    comment = services.draft_comment_submit(
        document=draft,
        author_name="Nguyễn Thị Hoa (thôn 9)",
        content="Đề nghị hỗ trợ thêm chi phí di chuyển cổng, tường rào cho các hộ hiến đất.",
        today=today,
    )
    comment.status = CommentStatus.APPROVED
    comment.save(update_fields=["status"])
