"""Pasting from office suites into an article's rich text, in Debian's Chromium."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.demo.loader import DEMO_PASSWORD
from xaso.portal.models import ArticlePage, NewsCategoryPage
from xaso.testing.browser import log_in

from .factories import make_article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

HEADING = "Kết quả rà soát hộ nghèo năm 2025"
SUBHEADING = "Nhiệm vụ trọng tâm quý I"
INTRO = "Ủy ban nhân dân xã Liên Khê thông báo kết quả như sau:"
BULLETS = ["Thôn Đồng Giản: 12 hộ nghèo, 7 hộ cận nghèo", "Thôn Thiểm Khê: 9 hộ nghèo"]
STEPS = ["Niêm yết công khai danh sách tại nhà văn hóa thôn", "Tiếp nhận ý kiến của nhân dân"]
CLOSING = "Mọi thắc mắc xin liên hệ bộ phận Một cửa."
# The same line typed with a keyboard that sends combining accents (Unikey's "tổ hợp" mode).
CLOSING_TYPED_APART = unicodedata.normalize("NFD", CLOSING)

# What Word for Windows (Microsoft 365) puts on the clipboard as text/html: the whole document
# shell, Word's style sheet, its own XML in conditional comments, and list paragraphs whose
# bullet or number is plain text hidden from other browsers by <![if !supportLists]>.
WORD_HTML = f"""<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List
href="file:///C:/Users/VANPHONG/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<!--[if gte mso 9]><xml>
 <o:OfficeDocumentSettings>
  <o:AllowPNG/>
 </o:OfficeDocumentSettings>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{{font-family:Symbol;
	panose-1:5 5 1 2 1 7 6 2 5 7;
	mso-font-charset:2;}}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{mso-style-unhide:no;
	mso-style-qformat:yes;
	margin:0in;
	font-size:14.0pt;
	font-family:"Times New Roman",serif;}}
 /* List Definitions */
 @list l0:level1
	{{mso-level-number-format:bullet;
	mso-level-text:\\F0B7;
	mso-level-tab-stop:none;
	mso-level-number-position:left;
	text-indent:-.25in;
	font-family:Symbol;}}
-->
</style>
</head>

<body lang=EN-US style='tab-interval:.5in;word-wrap:break-word'>
<!--StartFragment-->

<h2 style='mso-margin-top-alt:auto;mso-margin-bottom-alt:auto'><a name="_Toc1"></a><span
lang=VI style='font-family:"Times New Roman",serif;mso-fareast-font-family:"Times New Roman";
color:#2F5496;mso-themecolor:accent1;mso-themeshade:191'>{HEADING}<o:p></o:p></span></h2>

<p class=MsoNormal style='text-align:justify;line-height:150%'><span lang=VI
style='font-family:"Times New Roman",serif;mso-fareast-font-family:
"Times New Roman"'>{INTRO}<o:p></o:p></span></p>

<p class=MsoNormal><o:p>&nbsp;</o:p></p>

<p class=MsoListParagraphCxSpFirst style='text-indent:-.25in;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span lang=VI style='font-family:Symbol;mso-fareast-font-family:Symbol;
mso-bidi-font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt
"Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span lang=VI
style='font-family:"Times New Roman",serif'>{BULLETS[0]}<o:p></o:p></span></p>

<p class=MsoListParagraphCxSpLast style='text-indent:-.25in;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span lang=VI style='font-family:Symbol;mso-fareast-font-family:Symbol;
mso-bidi-font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt
"Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span lang=VI
style='font-family:"Times New Roman",serif'>{BULLETS[1]}<o:p></o:p></span></p>

<h3 style='mso-margin-top-alt:auto'><span lang=VI style='font-family:"Times New Roman",serif;
mso-fareast-font-family:"Times New Roman";color:#1F3763'>{SUBHEADING}<o:p></o:p></span></h3>

<p class=MsoListParagraphCxSpFirst style='text-indent:-.25in;mso-list:l1 level1 lfo2'>
<![if !supportLists]><span lang=VI style='font-family:"Times New Roman",serif;
mso-fareast-font-family:"Times New Roman"'><span style='mso-list:Ignore'>1.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span lang=VI
style='font-family:"Times New Roman",serif'>{STEPS[0]}<o:p></o:p></span></p>

<p class=MsoListParagraphCxSpLast style='text-indent:-.25in;mso-list:l1 level1 lfo2'>
<![if !supportLists]><span lang=VI style='font-family:"Times New Roman",serif;
mso-fareast-font-family:"Times New Roman"'><span style='mso-list:Ignore'>2.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span lang=VI
style='font-family:"Times New Roman",serif'>{STEPS[1]}<o:p></o:p></span></p>

<p class=MsoNormal><span lang=VI style='font-size:14.0pt;mso-bidi-font-size:12.0pt'><o:p>&nbsp;
</o:p></span></p>

<p class=MsoNormal style='text-align:justify'><span lang=VI style='font-family:"Times New Roman",
serif'>{CLOSING_TYPED_APART}<o:p></o:p></span></p>

<!--EndFragment-->
</body>

</html>"""

WORD_TEXT = "\n".join(
    [HEADING, INTRO, "", *[f"·\t{b}" for b in BULLETS], SUBHEADING]
    + [f"{n}.\t{s}" for n, s in enumerate(STEPS, 1)]
    + ["", CLOSING_TYPED_APART]
)

# What LibreOffice Writer copies: real headings and lists, wrapped in its own classes, fonts
# and inline styles.
LIBREOFFICE_HTML = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">
<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"/><title></title>
<meta name="generator" content="LibreOffice 7.4.7.2 (Linux)"/><style type="text/css">
@page {{ size: 21cm 29.7cm; margin: 2cm }} p {{ line-height: 115%; margin-bottom: 0.25cm }}
h2.western {{ font-family: "Liberation Serif", serif }}</style></head>
<body lang="vi-VN" link="#000080" vlink="#800000" dir="ltr">
<h2 class="western" style="margin-top: 0.35cm"><font
face="Times New Roman, serif">{HEADING}</font></h2>
<p style="margin-bottom: 0cm; line-height: 150%"><font face="Times New Roman, serif"><span
style="font-size: 14pt">{INTRO}</span></font></p>
<p style="margin-bottom: 0cm; line-height: 100%"><br/></p>
<ul>
<li><p style="margin-bottom: 0cm; line-height: 100%"><font face="Times New Roman, serif"><span
style="font-size: 14pt">{BULLETS[0]}</span></font></p></li>
<li><p style="margin-bottom: 0cm; line-height: 100%"><font face="Times New Roman, serif"><span
style="font-size: 14pt">{BULLETS[1]}</span></font></p></li>
</ul>
<h3 class="western"><font face="Times New Roman, serif">{SUBHEADING}</font></h3>
<ol>
<li><p style="margin-bottom: 0cm; line-height: 100%"><font face="Times New Roman, serif"><span
style="font-size: 14pt">{STEPS[0]}</span></font></p></li>
<li><p style="margin-bottom: 0cm; line-height: 100%"><font face="Times New Roman, serif"><span
style="font-size: 14pt">{STEPS[1]}</span></font></p></li>
</ol>
<p class="western" align="justify" style="margin-bottom: 0cm; line-height: 100%"><font
face="Times New Roman, serif"><span style="font-size: 14pt">{CLOSING}</span></font></p>
</body></html>"""

LIBREOFFICE_TEXT = "\n".join(
    [HEADING, INTRO, "", *[f"• {b}" for b in BULLETS], SUBHEADING]
    + [f"{n}. {s}" for n, s in enumerate(STEPS, 1)]
    + [CLOSING]
)

# What Word for the web copies: every paragraph in its own outline <div>, every list item in a
# list of its own, headings as paragraphs with an ARIA heading role, inline styles throughout.
_WEB_STYLE = (
    "margin: 0px; padding: 0px; user-select: text; -webkit-user-drag: none;"
    " -webkit-tap-highlight-color: transparent; overflow-wrap: break-word; white-space: pre-wrap;"
    " font-kerning: none; background-color: transparent; color: windowtext;"
)
_WEB_RUN = (
    'data-contrast="auto" xml:lang="VI-VN" lang="VI-VN" class="TextRun SCXW61374 BCX8"'
    ' style="margin: 0px; padding: 0px; font-variant-ligatures: none !important;'
    " font-size: 14pt; line-height: 24px; font-family: 'Times New Roman',"
    " 'Times New Roman_EmbeddedFont', 'Times New Roman_MSFontService', serif;\""
)
_WEB_EOP = (
    '<span class="EOP SCXW61374 BCX8" data-ccp-props="{&quot;201341983&quot;:0,'
    '&quot;335559739&quot;:160,&quot;335559740&quot;:259}" style="margin: 0px; padding: 0px;'
    ' font-size: 14pt; line-height: 24px;">&nbsp;</span>'
)


def _web_paragraph(text: str, extra: str = "") -> str:
    return (
        f'<div class="OutlineElement Ltr SCXW61374 BCX8" style="margin: 0px; padding: 0px;'
        f' overflow: visible; cursor: text; clear: both; position: relative; direction: ltr;">'
        f'<p class="Paragraph SCXW61374 BCX8" {extra} xml:lang="VI-VN" lang="VI-VN"'
        f' paraid="1445671679" paraeid="{{56ca519d-7e7d-41fd-839e-df3f4a7a8277}}{{82}}"'
        f' style="{_WEB_STYLE}"><span {_WEB_RUN}><span class="NormalTextRun SCXW61374 BCX8"'
        f' style="margin: 0px; padding: 0px;">{text}</span></span>{_WEB_EOP}</p></div>'
    )


def _web_list(tag: str, items: list[str], style: str) -> str:
    return "".join(
        f'<div class="ListContainerWrapper SCXW61374 BCX8" style="margin: 0px; padding: 0px;'
        f' position: relative;"><{tag} class="{style} SCXW61374 BCX8" role="list"'
        f' style="margin: 0px; padding: 0px; overflow: visible; cursor: text;">'
        f'<li data-leveltext="%1." data-font="Times New Roman" data-listid="{len(tag)}"'
        f' aria-setsize="-1" data-aria-posinset="{n}" data-aria-level="1" role="listitem"'
        f' class="OutlineElement Ltr SCXW61374 BCX8" style="margin: 0px 0px 0px 24px;'
        f' padding: 0px; display: block; font-size: 14pt; vertical-align: baseline;">'
        f'<p class="Paragraph SCXW61374 BCX8" paraid="79710809{n}" style="{_WEB_STYLE}">'
        f'<span {_WEB_RUN}><span class="NormalTextRun SCXW61374 BCX8">{item}</span></span>'
        f"{_WEB_EOP}</p></li></{tag}></div>"
        for n, item in enumerate(items, 1)
    )


WORD_WEB_HTML = (
    "<html>\r\n<body>\r\n<!--StartFragment-->"
    + _web_paragraph(HEADING, 'role="heading" aria-level="2"')
    + _web_paragraph(INTRO)
    + _web_list("ul", BULLETS, "BulletListStyle1")
    + _web_paragraph(SUBHEADING, 'role="heading" aria-level="3"')
    + _web_list("ol", STEPS, "NumberListStyle1")
    + _web_paragraph(CLOSING)
    + "<!--EndFragment-->\r\n</body>\r\n</html>"
)
WORD_WEB_TEXT = "\r\n\r\n".join([HEADING, INTRO, *BULLETS, SUBHEADING, *STEPS, CLOSING])

# Word lists as Vietnamese administrative documents write them: "-" items with "+" items under
# them, then a lettered list "a)", "b)".
DASH_ITEMS = ["Việc thu, chi ngân sách xã", "Việc quản lý, sử dụng đất công ích"]
PLUS_ITEMS = ["Thu ngân sách trên địa bàn", "Chi thường xuyên"]
LETTERED_ITEMS = ["Xã tự kiểm tra trước ngày 15/3", "Đoàn của huyện kiểm tra từ ngày 20/3"]


def _word_item(list_id: str, level: int, marker: str, text: str) -> str:
    indent = f"{0.5 * level:.1f}in"
    return (
        f"<p class=MsoListParagraphCxSpMiddle style='margin-left:{indent};mso-add-space:auto;"
        f"text-indent:-.25in;mso-list:{list_id} level{level} lfo1'><![if !supportLists]><span\n"
        f'lang=VI style=\'font-family:"Times New Roman",serif;mso-fareast-font-family:\n'
        f"\"Times New Roman\"'><span style='mso-list:Ignore'>{marker}<span style='font:7.0pt "
        f'"Times New Roman"\'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;\n'
        f"</span></span></span><![endif]><span lang=VI>{text}<o:p></o:p></span></p>\n"
    )


WORD_DASH_HTML = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"\n'
    'xmlns:w="urn:schemas-microsoft-com:office:word"\n'
    'xmlns="http://www.w3.org/TR/REC-html40">\n<head>\n'
    "<meta name=ProgId content=Word.Document>\n</head>\n"
    "<body lang=EN-US style='tab-interval:.5in'>\n<!--StartFragment-->\n\n"
    "<p class=MsoNormal><span lang=VI>Nội dung kiểm tra gồm:<o:p></o:p></span></p>\n"
    + _word_item("l0", 1, "-", DASH_ITEMS[0])
    + _word_item("l0", 2, "+", PLUS_ITEMS[0])
    + _word_item("l0", 2, "+", PLUS_ITEMS[1])
    + _word_item("l0", 1, "-", DASH_ITEMS[1])
    + _word_item("l1", 1, "a)", LETTERED_ITEMS[0])
    + _word_item("l1", 1, "b)", LETTERED_ITEMS[1])
    + "\n<!--EndFragment-->\n</body>\n</html>"
)
WORD_DASH_TEXT = "\n".join(
    [
        "Nội dung kiểm tra gồm:",
        f"-\t{DASH_ITEMS[0]}",
        *[f"+\t{item}" for item in PLUS_ITEMS],
        f"-\t{DASH_ITEMS[1]}",
        *[f"{letter})\t{item}" for letter, item in zip("ab", LETTERED_ITEMS, strict=True)],
    ]
)


FORBIDDEN = [
    "style=",
    "class=",
    "mso-",
    "<span",
    "<o:p",
    "font-family",
    "<font",
    "<!",
    "&nbsp;",
    "\xa0",
]
EXPECTED = [
    ("h2", HEADING),
    ("p", INTRO),
    ("ul", BULLETS),
    ("h3", SUBHEADING),
    ("ol", STEPS),
    ("p", CLOSING),
]


@pytest.fixture
def demo(live_server: Any, commune: Any) -> str:
    # The commune and its editor alone: the whole demo would only slow these tests down.
    make_staff(commune=commune, role=Role.EDITOR, username="bientap", password=DEMO_PASSWORD)
    return live_server.url


@pytest.fixture
def blank_article(demo: str, category: NewsCategoryPage) -> ArticlePage:
    return make_article(
        category=category,
        title="Thông báo kết quả rà soát hộ nghèo",
        slug="thong-bao-ra-soat",
        body=[("paragraph", RichText(""))],
    )


def _paste_and_save(
    context: Any, demo: str, article: ArticlePage, html: str, text: str, *, last: str
) -> str:
    """Paste into the article's (empty) paragraph block as an editor does, save a draft once
    the form holds the `last` pasted paragraph, and return the rich text stored in the draft."""
    page = context.new_page()
    log_in(page, demo, "bientap", DEMO_PASSWORD)

    page.goto(f"{demo}/admin/pages/{article.pk}/edit/")
    assert page.locator("script[src*='/js/admin/paste.js']").count() == 1, (
        "the page editor does not load js/admin/paste.js (insert_editor_js hook)"
    )
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    # What the browser hands the editor on Ctrl+V: a trusted paste event cannot be scripted,
    # so the same event is built with the clipboard's two flavours.
    editor.evaluate(
        """(target, [html, text]) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", text);
            target.dispatchEvent(new ClipboardEvent("paste", {
                clipboardData: data, bubbles: true, cancelable: true,
            }));
        }""",
        [html, text],
    )
    # Draftail copies the editor's content into the form a moment after each change.
    page.wait_for_function(
        """(expected) => document.querySelector("input[name='body-0-value']").value
            .normalize("NFC").includes(expected)""",
        arg=last,
    )
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.locator(".messages")).to_contain_text(article.title)
    page.close()

    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == ["paragraph"]
    return draft.body[0].value.source


def _outline(stored: str) -> list[tuple[str, Any]]:
    """Each top-level element of the stored rich text: its tag, and its text or its items'."""
    outline: list[tuple[str, Any]] = []
    for element in BeautifulSoup(stored, "html.parser").find_all(recursive=False):
        if element.name in ("ul", "ol"):
            items = element.find_all("li", recursive=False)
            outline.append((element.name, [item.get_text() for item in items]))
        else:
            outline.append((element.name, element.get_text()))
    return outline


def _assert_clean(stored: str) -> None:
    for junk in FORBIDDEN:
        assert junk not in stored, f"{junk!r} in {stored}"
    assert unicodedata.is_normalized("NFC", stored)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        (WORD_HTML, WORD_TEXT),
        (WORD_WEB_HTML, WORD_WEB_TEXT),
        (LIBREOFFICE_HTML, LIBREOFFICE_TEXT),
    ],
    ids=["word-for-windows", "word-for-the-web", "libreoffice"],
)
def test_pasted_office_text_keeps_headings_and_lists_and_drops_the_rest(
    demo, blank_article, desktop, html, text
):
    stored = _paste_and_save(desktop, demo, blank_article, html, text, last=CLOSING)

    _assert_clean(stored)
    # Nothing else: no empty paragraph, no bullet or number left in an item's text, one list
    # per list, the Vietnamese text letter for letter.
    assert _outline(stored) == EXPECTED


def test_word_lists_keep_their_nesting_whatever_the_bullet(demo, blank_article, desktop):
    stored = _paste_and_save(
        desktop, demo, blank_article, WORD_DASH_HTML, WORD_DASH_TEXT, last=LETTERED_ITEMS[-1]
    )

    _assert_clean(stored)
    soup = BeautifulSoup(stored, "html.parser")
    assert [element.name for element in soup.find_all(recursive=False)] == ["p", "ul", "ol"]
    bullets, lettered = soup.find_all(["ul", "ol"], recursive=False)
    outer = bullets.find_all("li", recursive=False)
    assert [item.find(string=True, recursive=False) for item in outer] == DASH_ITEMS
    inner = outer[0].find("ul")
    assert [item.get_text() for item in inner.find_all("li")] == PLUS_ITEMS
    assert [item.get_text() for item in lettered.find_all("li")] == LETTERED_ITEMS
