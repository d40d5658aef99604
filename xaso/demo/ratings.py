"""The demo commune's satisfaction ratings: about 150 over its public pages in the last 60 days,
mostly satisfied, a few with a comment. Made through the service from a fixed seed; a second
run changes nothing (a commune that already has ratings is left as it is)."""

from __future__ import annotations

import datetime
import random

from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page

from xaso.communes.models import Commune
from xaso.ratings import services
from xaso.ratings.models import Rating

COUNT = 150
DAYS = 60
# Weights of the scores 1..5: most residents are satisfied, a few are not.
WEIGHTS = [4, 6, 14, 40, 36]
COMMENTS = [
    (5, "Thông tin rõ ràng, dễ hiểu, cảm ơn Ủy ban nhân dân xã."),
    (5, "Trang tin cập nhật nhanh, tôi xem được lịch tiếp công dân ngay trên điện thoại."),
    (4, "Nội dung hữu ích, mong xã đăng thêm ảnh hoạt động ở các thôn."),
    (4, "Dễ tìm thủ tục, nhưng nên ghi rõ thời gian giải quyết."),
    (3, "Chữ hơi nhỏ trên điện thoại, phải phóng to mới đọc được."),
    (2, "Bài viết chưa có danh sách hộ được hỗ trợ như đã thông báo."),
    (5, "Rất hài lòng, thủ tục được hướng dẫn từng bước."),
    (1, "Không tìm thấy số điện thoại của cán bộ địa chính."),
    (4, "Thông tin về đường trục xã rất kịp thời."),
    (5, "Cảm ơn cán bộ xã đã trả lời phản ánh của gia đình tôi."),
]


def load_ratings_demo(commune: Commune, today: datetime.date | None = None) -> int:
    """Create the demo ratings; return how many were made (0 on a second run)."""
    if commune.site is None or Rating.objects.filter(commune=commune).exists():
        return 0
    today = today or timezone.localdate()
    home = commune.site.root_page
    pages = list(Page.objects.live().public().filter(path__startswith=home.path).order_by("path"))
    if not pages:
        return 0
    by_depth = sorted(pages, key=lambda p: (p.depth, p.path))[:40]  # home and sections first
    rng = random.Random(224)
    made = 0
    for number in range(COUNT):
        page = rng.choice(by_depth) if rng.random() < 0.6 else rng.choice(pages)
        score = rng.choices(range(1, 6), weights=WEIGHTS)[0]
        comment = ""
        if number % 15 == 0:
            score, comment = COMMENTS[(number // 15) % len(COMMENTS)]
        day = today - datetime.timedelta(days=rng.randrange(DAYS))
        parts = page.get_url_parts()
        if not parts:
            continue
        try:
            services.rating_record(
                commune=commune,
                path=parts[2],
                page=page,
                score=score,
                comment=comment,
                token=f"demo-{number}",
                day=day,
            )
        except ValidationError:
            continue
        made += 1
    return made
