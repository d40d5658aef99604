"""Build the demo commune (Liên Khê, 2023) through services; a second run changes nothing."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images.models import Image
from wagtail.models import Page
from wagtail.rich_text import RichText

from xaso.accounts.choices import Role
from xaso.accounts.services import commune_roles_ensure, staff_user_create
from xaso.communes.models import Commune, Hamlet, Official, Unit
from xaso.communes.services import commune_create, hamlet_create, official_create, unit_save
from xaso.disclosures import reference as disclosure_reference
from xaso.legal import reference as legal_reference
from xaso.portal import services
from xaso.portal.choices import BannerSlot
from xaso.portal.models import ArticlePage, LinkBanner, NewsCategoryPage, PortalSettings, Slogan

from . import content, images
from .about import load_about_demo
from .campaigns import load_campaigns_demo
from .disclosures import load_disclosures_demo
from .feedback import load_feedback_demo, load_questions_demo
from .legal import load_legal_demo
from .ntm import load_ntm_demo
from .party import load_party_demo
from .province import load_province_demo
from .ratings import load_ratings_demo

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DEMO_PASSWORD = "xaso-demo-2026"  # noqa: S105 — documented demo logins, local use only
DEMO_USERS = [
    # (username, role or None for the province platform administrator, first name, last name)
    ("tinh", None, "Quản trị", "nền tảng"),
    ("quantri", Role.ADMINISTRATOR, "Quản trị", "xã"),
    ("duyet", Role.APPROVER, "Thành viên", "Ban biên tập"),
    ("bientap", Role.EDITOR, "Biên tập", "viên"),
    ("kiemtra", Role.AUDITOR, "Kiểm tra", "viên"),
    ("vpdu", Role.PARTY_OFFICE, "Văn phòng", "Đảng ủy"),
    ("btv", Role.PARTY_SUPERVISOR, "Nguyễn Tiến", "Tập"),
    ("phutrach", Role.PARTY_OFFICIAL, "Bùi Văn", "Hải"),
    ("nongthon", Role.NTM_OFFICER, "Hoàng Văn", "Lợi"),
    ("chiendich", Role.CAMPAIGN_LEAD, "Ban chỉ đạo", "mở đường"),
    ("vandong", Role.CAMPAIGN_OFFICIAL, "Vũ Đức", "Long"),
    ("tiepdan", Role.FEEDBACK_OFFICER, "Đinh Thị", "Thu"),
]
LINK_BANNERS = [
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/", BannerSlot.SIDEBAR),
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn/", BannerSlot.SIDEBAR),
    ("Cổng thông tin điện tử thành phố Hải Phòng", "https://haiphong.gov.vn/", BannerSlot.SIDEBAR),
    ("Chương trình xây dựng nông thôn mới", "https://nongthonmoi.gov.vn/", BannerSlot.SIDEBAR),
]
SLOGAN = (
    "Năm 2023 xã Liên Khê đẩy mạnh hiện đại hóa đô thị, xây dựng nông thôn mới kiểu mẫu"
    " - Thực hiện chuyển đổi số"
)
Say = Callable[[str], None]


def _image(
    commune: Commune,
    title: str,
    data: Callable[[], bytes],
    filename: str,
    description: str = "",
) -> Image:
    existing = Image.objects.filter(collection=commune.collection, title=title).first()
    if existing is not None:
        return existing
    import io

    image = Image(title=title, collection=commune.collection, description=description)
    image.file = ImageFile(io.BytesIO(data()), name=filename)
    image.save()
    return image


def _commune(say: Say) -> Commune:
    data = content.COMMUNE
    commune = Commune.objects.filter(slug=data["slug"]).first()
    if commune is None:
        commune = commune_create(
            name=data["name"],
            kind=data["kind"],
            province=data["province"],
            district=data["district"],
            official_code=data["official_code"],
            slug=data["slug"],
            hostname=data["hostname"],
            valid_from=None,
            is_default_site=True,
        )
        say(f"commune: {commune}")
    return commune


def _settings(commune: Commune) -> None:
    data = content.COMMUNE
    assert commune.site is not None
    chrome = PortalSettings.for_site(commune.site)
    if chrome.banner_image_id is None:
        services.portal_settings_update(
            site=commune.site,
            banner_image=_image(commune, "Ảnh đầu trang", images.banner, "banner.png"),
            emblem=_image(commune, "Biểu trưng", images.emblem, "emblem.png"),
            owner_name=f"Ủy ban nhân dân xã {commune.name}",
            responsible_person=data["responsible_person"],
            address=data["address"],
            phone=data["phone"],
            email=data["email"],
        )


def _units(commune: Commune) -> dict[str, Unit]:
    units = {unit.name: unit for unit in Unit.objects.filter(commune=commune)}
    for order, item in enumerate(content.UNITS):
        if item["name"] in units:
            continue
        units[item["name"]] = unit_save(
            unit=Unit(
                commune=commune,
                name=item["name"],
                parent=units.get(item["parent"]),
                name_en=item["en"],
                functions=item["functions"],
                functions_en=item["functions_en"],
                address=content.COMMUNE["address"],
                phone=item["phone"],
                email=item["email"],
                sort_order=order,
            )
        )
    return units


def _people(commune: Commune) -> None:
    for order, name in enumerate(content.HAMLETS):
        if not Hamlet.objects.filter(commune=commune, name=name).exists():
            hamlet_create(commune=commune, name=name, sort_order=order)
    units = _units(commune)
    for order, person in enumerate(content.OFFICIALS):
        if not Official.objects.filter(commune=commune, full_name=person["name"]).exists():
            position = person["position"]
            official_create(
                commune=commune,
                full_name=person["name"],
                position=position,
                position_en=content.POSITIONS_EN.get(position, ""),
                is_leader=position in content.LEADERS,
                is_contact=True,
                unit=units.get(person.get("unit", "")),
                phone=person.get("phone", ""),
                email=person.get("email", ""),
                biography=person.get("biography", ""),
                duties=person.get("duties", ""),
                sort_order=order,
            )
    commune_roles_ensure(commune=commune)
    model = get_user_model()
    for username, role, first, last in DEMO_USERS:
        if model.objects.filter(username=username).exists():
            continue
        if role is None:
            model.objects.create_superuser(
                username=username, password=DEMO_PASSWORD, first_name=first, last_name=last
            )
        else:
            staff_user_create(
                commune=commune,
                role=role,
                username=username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
            )


def _categories(
    parent: Page, tree: list[dict[str, Any]], found: dict[str, NewsCategoryPage]
) -> None:
    for node in tree:
        category = NewsCategoryPage.objects.child_of(parent).filter(slug=node["slug"]).first()
        if category is None:
            category = services.category_create(
                parent=parent, title=node["title"], slug=node["slug"], intro=node.get("intro", "")
            )
        found[node["slug"]] = category
        _categories(category, node.get("children", []), found)


def _body(blocks: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks]


def _articles(commune: Commune, categories: dict[str, NewsCategoryPage], say: Say) -> int:
    created = 0
    everything: list[dict[str, Any]] = [content.REFERENCE_ARTICLE, *content.ARTICLES]
    for number, data in enumerate(everything):
        category = categories[data["category"]]
        if ArticlePage.objects.child_of(category).filter(slug=data["slug"]).exists():
            continue
        image = None
        if data.get("image"):
            image = _image(
                commune,
                data["title"][:250],
                partial(images.tile, number),
                f"{data['slug'][:60]}.png",
                description=f"Hình minh hoạ cho bài “{data['title']}”"[:255],
            )
        published = datetime.datetime.fromisoformat(data["date"]).replace(hour=8, tzinfo=TZ)
        article = services.article_create(
            category=category,
            title=data["title"],
            slug=data["slug"],
            lead=data.get("lead", ""),
            body=_body(data["body"]),
            author=data.get("author", ""),
            source_name=data.get("source_name", ""),
            source_url=data.get("source_url", ""),
            tags=data.get("tags", []),
            featured=data.get("featured", False),
            image=image,
            image_caption=data.get("image_caption", ""),
            published_at=published,
        )
        services.page_view_count_set(page=article, count=data.get("views", 0))
        created += 1
    if created:
        say(f"articles: {created} created")
    return created


def _chrome(commune: Commune) -> None:
    if not Slogan.objects.filter(commune=commune).exists():
        services.slogan_create(commune=commune, text=SLOGAN, starts_on=datetime.date(2023, 1, 1))
    for order, (title, url, slot) in enumerate(LINK_BANNERS):
        if not LinkBanner.objects.filter(commune=commune, title=title).exists():
            services.link_banner_create(
                commune=commune,
                title=title,
                url=url,
                slot=slot,
                sort_order=order,
                image=_image(
                    commune,
                    f"Biểu ngữ: {title}",
                    partial(images.link_tile, order),
                    f"lien-ket-{order}.png",
                ),
            )


@transaction.atomic
def load_demo(say: Say = print) -> Commune:
    # Reference lists come with the migrations; a database emptied since (a test's flush)
    # gets them back, unchanged where they exist.
    legal_reference.ensure()
    disclosure_reference.ensure()
    commune = _commune(say)
    _settings(commune)
    _people(commune)
    assert commune.site is not None
    categories: dict[str, NewsCategoryPage] = {}
    _categories(commune.site.root_page, content.CATEGORIES, categories)
    _articles(commune, categories, say)
    _chrome(commune)
    # What the law requires beside the news; those apps' pages sit under the portal's.
    load_about_demo(commune)
    load_legal_demo(commune)
    load_disclosures_demo(commune)
    load_party_demo(commune)
    load_ntm_demo(commune)
    load_campaigns_demo(commune)
    load_feedback_demo(commune)
    load_questions_demo(commune)
    load_ratings_demo(commune)
    # The province's portal and two small communes beside Liên Khê (still the default site).
    load_province_demo()
    return commune
