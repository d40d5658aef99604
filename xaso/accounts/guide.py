"""The short guide of each role, written in `docs/guide/<role>.md` and read in the admin
("Hướng dẫn"): which guides a user gets, and the guide as safe HTML.

The guides use a small part of Markdown — `#`/`##` headings, paragraphs, `-` and `1.` lists,
`**bold**` — rendered here after escaping every character of the text, so a guide can never
bring markup of its own into the admin.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .choices import Role
from .models import CommuneRole

# The province's platform administrator (a superuser): a guide of its own beside the roles'.
PROVINCE = "province"
BOLD = re.compile(r"\*\*(.+?)\*\*")


def guide_dir() -> Path:
    return Path(settings.BASE_DIR).parent / "docs" / "guide"


def guides_for(user: Any) -> list[str]:
    """The guides of the user's roles, in the roles' order (every guide for the province)."""
    if user.is_superuser:
        return [PROVINCE, *Role.values]
    held = set(CommuneRole.objects.filter(group__user=user).values_list("role", flat=True))
    return [role for role in Role.values if role in held]


def title_of(name: str) -> str:
    """The guide's first heading."""
    path = guide_dir() / f"{name}.md"
    if not path.is_file():
        return name
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return name


def _inline(text: str) -> str:
    return BOLD.sub(r"<strong>\1</strong>", escape(text))


def render(name: str) -> SafeString | None:
    """The guide as HTML, None when there is no such guide."""
    path = guide_dir() / f"{name}.md"
    if not path.is_file():
        return None
    html: list[str] = []
    paragraph: list[str] = []
    list_tag = ""

    def close() -> None:
        nonlocal list_tag
        if paragraph:
            html.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if list_tag:
            html.append(f"</{list_tag}>")
            list_tag = ""

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        numbered = re.match(r"\d+\.\s+(.*)", line)
        if not line:
            close()
        elif line.startswith("#"):
            close()
            level = min(len(line) - len(line.lstrip("#")) + 1, 4)
            html.append(f"<h{level}>{_inline(line.lstrip('#').strip())}</h{level}>")
        elif line.startswith("- ") or numbered:
            tag = "ol" if numbered else "ul"
            if paragraph or list_tag != tag:
                close()
                html.append(f"<{tag}>")
                list_tag = tag
            html.append(f"<li>{_inline(numbered.group(1) if numbered else line[2:])}</li>")
        else:
            if list_tag:
                close()
            paragraph.append(line)
    close()
    return mark_safe("\n".join(html))  # noqa: S308 — every piece of text escaped above
