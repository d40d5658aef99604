"""Reading what a screen says."""

from __future__ import annotations

import re

from django.utils.html import strip_tags

# English words of Wagtail's and Django's admin, none of which a Vietnamese screen may show.
ENGLISH = [
    "Dashboard", "Pages", "Search", "Edit", "Delete", "Save draft", "Publish", "Add child page",
    "Documents", "Images", "Settings", "Reports", "Help", "Users", "Groups", "Live", "Draft",
    "Status", "Actions", "Upload", "Choose", "Preview", "History", "Comments", "minutes", "hours",
    "ago", "Username", "Log out", "Account", "Editors", "Moderators", "approval", "Workflows",
    "Collections", "Snippets", "Redirects", "Sites", "Title", "Sort", "Filter", "Cancel",
]  # fmt: skip
_HIDDEN = re.compile(r"<(script|style|template|svg)\b[^>]*>.*?</\1>", re.S | re.I)


def visible_text(html: str) -> str:
    """The text a person sees in `html` (no scripts, styles, templates or drawings)."""
    return strip_tags(_HIDDEN.sub(" ", html))
