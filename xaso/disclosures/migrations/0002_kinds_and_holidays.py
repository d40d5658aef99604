"""The 14 kinds of Law 10/2022, Art. 11 (posting per Art. 13), and the fixed-date public holidays
of the Labour Code (Art. 112) for 2026–2027. Tết, the Hùng Kings' day and the days the
Government moves each year follow the lunar calendar and yearly decisions: enter them in the
admin (Công khai › Ngày nghỉ lễ) when they are announced."""

import datetime

from django.db import migrations

KINDS = [
    (1, "Kế hoạch phát triển kinh tế – xã hội hằng năm, phương án chuyển dịch cơ cấu kinh tế và kết quả thực hiện", "Kế hoạch – Báo cáo", False, 0),
    (2, "Dự toán, quyết toán ngân sách xã; kết quả thực hiện kiến nghị kiểm toán", "Tài chính – Ngân sách", False, 0),
    (3, "Dự án, công trình đầu tư; phương án thu hồi đất, bồi thường, tái định cư; quỹ đất công ích; quy hoạch xây dựng", "Dự án – Quy hoạch – Đất đai", False, 0),
    (4, "Quy chế thực hiện dân chủ; nhiệm vụ, quyền hạn của cán bộ xã, thôn; quy tắc ứng xử", "Quy chế", True, 0),
    (5, "Quản lý, sử dụng các quỹ, khoản đầu tư, tài trợ; các khoản huy động Nhân dân đóng góp", "Huy động đóng góp", False, 0),
    (6, "Đầu tư, mua sắm, sử dụng, xử lý tài sản công", "Tài sản công", False, 0),
    (7, "Chính sách hỗ trợ (chương trình mục tiêu quốc gia, nhà ở, bảo hiểm y tế, an sinh xã hội): tiêu chí, đối tượng, kết quả", "An sinh xã hội", False, 3),
    (8, "Cứu trợ thiên tai, dịch bệnh; tiền, hàng ủng hộ đã nhận", "Cứu trợ", False, 3),
    (9, "Danh sách gọi công dân nhập ngũ, thực hiện nghĩa vụ công an", "Quốc phòng – An ninh", False, 3),
    (10, "Kết quả thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo, vụ việc tham nhũng; kết quả lấy phiếu tín nhiệm", "Thanh tra", False, 3),
    (11, "Kế hoạch, nội dung, kết quả lấy ý kiến Nhân dân và việc tiếp thu, giải trình", "Lấy ý kiến Nhân dân", False, 3),
    (12, "Các loại phí, lệ phí do xã thu", "Phí, lệ phí", False, 3),
    (13, "Thủ tục hành chính do xã giải quyết", "Thủ tục hành chính", True, 0),
    (14, "Các nội dung khác theo quy định của pháp luật", "Khác", False, 0),
]  # fmt: skip
HOLIDAYS = [
    (1, 1, "Tết Dương lịch"),
    (4, 30, "Ngày Chiến thắng"),
    (5, 1, "Ngày Quốc tế Lao động"),
    (9, 2, "Quốc khánh"),
]


def forward(apps, schema_editor):
    DisclosureKind = apps.get_model("disclosures", "DisclosureKind")
    Holiday = apps.get_model("disclosures", "Holiday")
    for number, name, section, permanent, loudspeaker in KINDS:
        DisclosureKind.objects.get_or_create(
            number=number,
            defaults={
                "name": name,
                "section": section,
                "permanent": permanent,
                "posting_days": 30,
                "loudspeaker_days": loudspeaker,
            },
        )
    for year in (2026, 2027):
        for month, day, name in HOLIDAYS:
            Holiday.objects.get_or_create(date=datetime.date(year, month, day), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
