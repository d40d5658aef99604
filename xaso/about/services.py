"""The introduction pages every commune starts with (content in the commune's language)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .models import (
    AboutIndexPage,
    ApparatusPage,
    BoundaryMapPage,
    ContactsPage,
    HistoryPage,
    LeadersPage,
    NaturalConditionsPage,
)

INDEX = ("Giới thiệu", "gioi-thieu")
SECTIONS: list[tuple[type[Any], str, str, str]] = [
    (ApparatusPage, "Tổ chức bộ máy", "to-chuc-bo-may",
     "Cơ cấu tổ chức, chức năng, nhiệm vụ của các cơ quan, đơn vị trong hệ thống chính trị xã."),
    (LeadersPage, "Lãnh đạo xã", "lanh-dao",
     "Tiểu sử tóm tắt, nhiệm vụ đảm nhiệm và thông tin liên hệ công vụ của lãnh đạo xã."),
    (BoundaryMapPage, "Bản đồ địa giới hành chính", "ban-do-dia-gioi", ""),
    (NaturalConditionsPage, "Điều kiện tự nhiên", "dieu-kien-tu-nhien", ""),
    (HistoryPage, "Lịch sử, truyền thống văn hóa", "lich-su-van-hoa",
     "Lịch sử hình thành, truyền thống văn hóa, di tích và danh thắng của xã."),
    (ContactsPage, "Danh bạ liên hệ", "danh-ba",
     "Địa chỉ, điện thoại, thư điện tử công vụ của các cơ quan, đơn vị và cán bộ đầu mối."),
]  # fmt: skip


@transaction.atomic
def required_pages_ensure(*, commune: Any, user: Any | None = None) -> AboutIndexPage | None:
    """Create what is missing of the introduction (idempotent); never touches existing pages."""
    from xaso.portal.services import page_add_and_publish

    if commune.site is None:
        return None
    home = commune.site.root_page.specific
    index = AboutIndexPage.objects.descendant_of(home).first()
    if index is None:
        index = AboutIndexPage(title=INDEX[0], slug=INDEX[1], show_in_menus=True)
        page_add_and_publish(user=user, parent=home, page=index)
        first = home.get_first_child()
        if first is not None and first.pk != index.pk:
            index.move(first, pos="left")  # "Giới thiệu" leads the menu, as TT32 lays it out
    for page_type, title, slug, intro in SECTIONS:
        if not page_type.objects.descendant_of(index).exists():
            page_add_and_publish(
                user=user,
                parent=index,
                page=page_type(title=title, slug=slug, intro=intro, show_in_menus=True),
            )
    return index
