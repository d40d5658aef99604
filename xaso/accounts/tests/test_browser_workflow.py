"""The approval path as people walk it in the admin, in Debian's Chromium: an editor writes an
article and submits it, the editorial board asks for changes with a comment, the editor fixes the
lead and resubmits, the board approves and publishes. Every admin screen on the way is in
Vietnamese, the editor is never offered a publish button, and the page history tells the story."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import BrowserContext, Page, expect

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes.models import Commune
from xaso.conftest import PHONE_UA
from xaso.portal.models import ArticlePage, NewsCategoryPage
from xaso.testing.text import ENGLISH, visible_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "mat-khau-dai-123"
EDITOR = {"username": "lethimai", "first_name": "Lê Thị", "last_name": "Mai"}
APPROVER = {"username": "phamvanduc", "first_name": "Phạm Văn", "last_name": "Đức"}
EDITOR_NAME = "Lê Thị Mai"
APPROVER_NAME = "Phạm Văn Đức"
EDITOR_EMAIL = "mai.bientap@example.gov.vn"
APPROVER_EMAIL = "duc.duyet@example.gov.vn"

TITLE = "Thôn 9 khánh thành đường bê tông"
LEAD = "Bà con thôn 9 góp công làm đường."
FIXED_LEAD = "Bà con thôn 9 hiến 1.200 m² đất, mặt đường rộng 5 m."
BODY = "Con đường dài 800 m nối thôn 9 với trung tâm xã."
COMMENT = "Bổ sung diện tích đất hiến và bề rộng mặt đường."

# The demo commune's approval workflow and its one task, as commune_roles_ensure names them.
WORKFLOW = "Duyệt bài – Xã Liên Khê"
TASK = "Ban biên tập Xã Liên Khê"
# The action menu and the dashboard, as Wagtail's strings are translated in
# xaso/locale/vi/LC_MESSAGES/third_party/wagtail_admin.po and wagtail_core.po.
SUBMIT = f"Gửi duyệt ({WORKFLOW})"  # "Submit to %(workflow_name)s"
RESUBMIT = f"Gửi lại cho {TASK}"  # "Resubmit to %(task_name)s"
REQUEST_CHANGES = "Yêu cầu chỉnh sửa"  # "Request changes"
APPROVE_AND_PUBLISH = "Duyệt và xuất bản"  # "%(label)s and Publish" with "Approve"
# Page history, oldest first: what each step says and who took it.
HISTORY = [
    (f"Đã bắt đầu '{WORKFLOW}'. Bước tiếp theo: '{TASK}'", EDITOR_NAME),
    (f"Đã từ chối ở '{TASK}'. Yêu cầu chỉnh sửa", APPROVER_NAME),
    (f"Đã gửi lại cho '{TASK}'. Quy trình duyệt được tiếp tục", EDITOR_NAME),
    (f"Đã phê duyệt '{TASK}' trong quy trình '{WORKFLOW}'", APPROVER_NAME),
    ("Đã xuất bản", APPROVER_NAME),
]


@pytest.fixture
def demo(demo_site: str) -> str:
    commune = Commune.objects.get(slug="lien-khe")
    make_staff(commune=commune, role=Role.EDITOR, password=PASSWORD, email=EDITOR_EMAIL, **EDITOR)
    make_staff(
        commune=commune, role=Role.APPROVER, password=PASSWORD, email=APPROVER_EMAIL, **APPROVER
    )
    return demo_site


@pytest.fixture
def second_desktop(browser: Any) -> Iterator[BrowserContext]:
    """Another desktop browser, with its own cookies: a second person at their own desk."""
    context = browser.new_context(
        viewport={"width": 1366, "height": 900},
        user_agent=PHONE_UA.replace("Mobile ", ""),
        locale="vi-VN",
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


def _english_on(page: Page) -> list[str]:
    page.wait_for_load_state()
    text = visible_text(page.content())
    return [word for word in ENGLISH if re.search(rf"(?<![\w-]){word}(?![\w-])", text)]


def _assert_vietnamese(page: Page) -> None:
    english = _english_on(page)
    assert not english, f"English on {page.url}: {english}"


def _log_in(context: BrowserContext, base: str, username: str) -> Page:
    page = context.new_page()
    page.goto(base + "/admin/login/")
    _assert_vietnamese(page)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_placeholder("Nhập mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    _assert_vietnamese(page)
    return page


def _open_more_actions(page: Page) -> None:
    page.get_by_role("button", name="Thêm thao tác").click()


def _assert_no_publish_button(page: Page) -> None:
    """With the action menu open: nothing that publishes, shown or hidden."""
    expect(page.locator("button[name='action-publish']")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("xuất bản", re.IGNORECASE))).to_have_count(0)


def _mails_to(address: str) -> list[Any]:
    return [message for message in mail.outbox if address in message.to]


def test_editor_submits_board_asks_for_changes_then_approves_and_it_is_published(
    demo, desktop, second_desktop, phone, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = False
    category = NewsCategoryPage.objects.get(slug="nong-thon-moi")

    # 1. The editor writes the article under its category and submits it.
    editor = _log_in(desktop, demo, EDITOR["username"])
    editor.goto(f"{demo}/admin/pages/{category.pk}/")
    _assert_vietnamese(editor)
    editor.get_by_role("link", name="Thêm trang con").click()
    expect(editor).to_have_url(re.compile(rf"/admin/pages/{category.pk}/add_subpage/$"))
    _assert_vietnamese(editor)
    editor.get_by_role("link", name=re.compile("^Bài viết")).click()
    expect(editor).to_have_url(re.compile(rf"/admin/pages/add/portal/articlepage/{category.pk}/$"))
    _assert_vietnamese(editor)
    editor.get_by_role("textbox", name=re.compile("^Tiêu đề")).fill(TITLE)
    editor.get_by_role("textbox", name="Sapo (tóm tắt)").fill(LEAD)
    editor.get_by_role("button", name="Chèn khối").click()
    editor.get_by_role("option", name="Đoạn văn").click()
    editor.locator(".Draftail-Editor [contenteditable=true]").first.fill(BODY)
    # The rich text editor hands its content to the form a moment after typing.
    expect(editor.locator("input[name='body-0-value']")).to_have_value(re.compile(re.escape(BODY)))
    _open_more_actions(editor)
    _assert_no_publish_button(editor)
    editor.get_by_role("button", name=SUBMIT, exact=True).click()
    expect(editor).to_have_url(re.compile(rf"/admin/pages/{category.pk}/$"))
    expect(editor.get_by_role("status")).to_contain_text(f"Đã tạo và gửi duyệt trang '{TITLE}'.")
    _assert_vietnamese(editor)

    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live
    # The address the admin made from the title as it was typed: every Vietnamese letter folded.
    assert article.slug == "thon-9-khanh-thanh-duong-be-tong"
    assert BODY in str(article.get_latest_revision_as_object().body)
    assert article.current_workflow_state.status == "in_progress"
    to_approver = _mails_to(APPROVER_EMAIL)
    assert len(to_approver) == 1 and "gửi duyệt" in to_approver[0].subject

    # 2. The approver finds it waiting on the dashboard and asks for changes, with a comment.
    approver = _log_in(second_desktop, demo, APPROVER["username"])
    waiting = approver.get_by_role("region", name="Đang chờ bạn duyệt")
    row = waiting.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text(EDITOR_NAME)
    row.get_by_role("button", name="Thao tác").click()
    row.get_by_role("button", name=REQUEST_CHANGES, exact=True).click()
    dialog = approver.get_by_role("dialog").filter(has=approver.get_by_label("Bình luận"))
    expect(dialog.get_by_role("heading", name=REQUEST_CHANGES)).to_be_visible()
    _assert_vietnamese(approver)
    dialog.get_by_label("Bình luận").fill(COMMENT)
    with approver.expect_navigation():  # back to the dashboard
        dialog.get_by_role("button", name=REQUEST_CHANGES, exact=True).click()
    expect(waiting.get_by_role("link", name=TITLE)).to_have_count(0)
    _assert_vietnamese(approver)

    article.refresh_from_db()
    assert not article.live
    assert article.current_workflow_state.status == "needs_changes"
    to_editor = _mails_to(EDITOR_EMAIL)
    assert len(to_editor) == 1
    assert "bị từ chối" in to_editor[0].subject and COMMENT in to_editor[0].body

    # 3. The editor sees the request and the comment, fixes the lead and resubmits.
    editor.goto(demo + "/admin/")
    mine = editor.get_by_role("region", name=re.compile("của bạn đang trong quy trình duyệt"))
    row = mine.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text(REQUEST_CHANGES)
    expect(row).to_contain_text(TASK)
    _assert_vietnamese(editor)
    row.get_by_role("link", name=TITLE).click()
    expect(editor).to_have_url(re.compile(rf"/admin/pages/{article.pk}/edit/$"))
    _assert_vietnamese(editor)
    editor.get_by_role("button", name="Bật/tắt trạng thái").click()
    editor.get_by_role("button", name="Xem chi tiết").click()
    status = editor.get_by_role("dialog", name=WORKFLOW)
    expect(status).to_contain_text(f"{APPROVER_NAME} đã yêu cầu chỉnh sửa")
    expect(status).to_contain_text(COMMENT)
    _assert_vietnamese(editor)
    status.get_by_role("button", name="Đóng hộp thoại").click()
    expect(status).to_be_hidden()
    lead = editor.get_by_role("textbox", name="Sapo (tóm tắt)")
    expect(lead).to_have_value(LEAD)
    lead.fill(FIXED_LEAD)
    _open_more_actions(editor)
    _assert_no_publish_button(editor)
    editor.get_by_role("button", name=RESUBMIT, exact=True).click()
    expect(editor).to_have_url(re.compile(rf"/admin/pages/{category.pk}/$"))
    expect(editor.get_by_role("status")).to_contain_text(f"Đã gửi duyệt trang '{TITLE}'.")
    _assert_vietnamese(editor)

    article.refresh_from_db()
    assert not article.live  # the fix waits for approval
    assert article.get_latest_revision_as_object().lead == FIXED_LEAD
    assert article.current_workflow_state.status == "in_progress"
    assert len(_mails_to(APPROVER_EMAIL)) == 2

    # 4. The approver reads the fixed lead, approves and publishes.
    approver.goto(demo + "/admin/")
    approver.get_by_role("region", name="Đang chờ bạn duyệt").get_by_role(
        "link", name=TITLE
    ).click()
    expect(approver).to_have_url(re.compile(rf"/admin/pages/{article.pk}/edit/$"))
    expect(approver.get_by_role("textbox", name="Sapo (tóm tắt)")).to_have_value(FIXED_LEAD)
    _assert_vietnamese(approver)
    _open_more_actions(approver)
    expect(approver.locator("button[name='action-publish']")).to_have_count(1)  # theirs to give
    approver.get_by_role("button", name=APPROVE_AND_PUBLISH, exact=True).click()
    expect(approver).to_have_url(re.compile(rf"/admin/pages/{category.pk}/$"))
    expect(approver.get_by_role("status")).to_contain_text(TITLE)
    expect(approver.get_by_role("row").filter(has_text=TITLE)).to_contain_text("đang xuất bản")
    _assert_vietnamese(approver)

    article.refresh_from_db()
    assert article.live and article.lead == FIXED_LEAD
    assert article.current_workflow_state is None
    to_editor = _mails_to(EDITOR_EMAIL)
    assert len(to_editor) == 2 and "đã được duyệt" in to_editor[1].subject

    # 5. Residents read it; the page history shows every step, in order and in Vietnamese.
    reader = phone.new_page()
    reader.goto(demo + article.relative_url(article.get_site()))
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.get_by_text(FIXED_LEAD)).to_be_visible()
    expect(reader.get_by_text(BODY)).to_be_visible()
    expect(reader.get_by_text(LEAD)).to_have_count(0)

    editor.goto(f"{demo}/admin/pages/{article.pk}/history/")
    entries = editor.locator("#listing-results tbody tr")
    expect(entries.first).to_contain_text("Đã xuất bản")
    _assert_vietnamese(editor)
    oldest_first = [" ".join(text.split()) for text in reversed(entries.all_text_contents())]
    positions = []
    for message, person in HISTORY:
        found = [i for i, text in enumerate(oldest_first) if message in text and person in text]
        assert found, f"{message!r} by {person} not in the history: {oldest_first}"
        positions.append(found[0])
    assert positions == sorted(positions), oldest_first
    rejected = oldest_first[positions[1]]
    assert f"Bình luận: {COMMENT}" in rejected
