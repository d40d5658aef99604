"""The demo commune's disclosures (written for the demo), through the services; idempotent."""

from __future__ import annotations

import datetime

from xaso.communes.models import Commune
from xaso.disclosures import services
from xaso.disclosures.choices import Channel
from xaso.disclosures.models import Disclosure, DisclosureKind, Holiday

D = datetime.date
# (kind, content, summary, decided, published, forms besides the portal)
DISCLOSURES = [
    (2, "Công khai dự toán ngân sách xã năm 2023",
     "Dự toán thu ngân sách 14,2 tỷ đồng, chi 13,8 tỷ đồng theo Nghị quyết số 05/NQ-HĐND.",
     D(2022, 12, 20), D(2022, 12, 26), [Channel.NOTICE_BOARD]),
    (5, "Công khai các khoản huy động Nhân dân đóng góp làm đường trục thôn 9 năm 2023",
     "Mức đóng góp tự nguyện, danh sách hộ hiến đất và giá trị quy đổi, tiến độ thi công.",
     D(2023, 3, 1), D(2023, 3, 3), [Channel.NOTICE_BOARD, Channel.LOUDSPEAKER, Channel.VILLAGE_HEADS]),
    (7, "Công khai danh sách hộ nghèo, hộ cận nghèo được hỗ trợ sửa chữa nhà ở năm 2023",
     "Tiêu chí, danh sách 6 hộ được hỗ trợ và mức hỗ trợ.",
     D(2023, 4, 10), D(2023, 4, 20), [Channel.NOTICE_BOARD, Channel.LOUDSPEAKER]),
    (2, "Công khai tình hình thực hiện dự toán ngân sách quý II năm 2023", "",
     D(2023, 7, 5), D(2023, 7, 7), [Channel.NOTICE_BOARD]),
    (11, "Công khai kết quả lấy ý kiến Nhân dân về quy hoạch khu dân cư mới thôn 3",
     "Tổng hợp 42 ý kiến và việc tiếp thu, giải trình của Ủy ban nhân dân xã.",
     D(2023, 8, 14), D(2023, 8, 16), [Channel.MEETING, Channel.LOUDSPEAKER]),
    (13, "Công khai thủ tục hành chính thuộc thẩm quyền giải quyết của xã", "",
     D(2023, 1, 3), D(2023, 1, 4), [Channel.NOTICE_BOARD]),
    (12, "Công khai các loại phí, lệ phí xã thu năm 2023", "",
     D(2023, 1, 3), D(2023, 1, 4), [Channel.NOTICE_BOARD]),
]  # fmt: skip
# Tết Nguyên đán 2026 as the Government announced it; other years are entered in the admin.
TET_2026 = [D(2026, 2, 14) + datetime.timedelta(days=n) for n in range(9)]


def load_disclosures_demo(commune: Commune) -> None:
    services.required_pages_ensure(commune=commune)
    for day in TET_2026:
        Holiday.objects.get_or_create(date=day, defaults={"name": "Tết Nguyên đán"})
    for kind, title, summary, decided, published, channels in DISCLOSURES:
        if Disclosure.objects.filter(commune=commune, title=title).exists():
            continue
        services.disclosure_save(
            user=None,
            disclosure=Disclosure(
                commune=commune,
                kind=DisclosureKind.objects.get(number=kind),
                title=title,
                summary=summary,
                decision_date=decided,
                published_on=published,
                channels=list(channels),
            ),
        )
