"""Recognise automated clients by their User-Agent so they do not count as readers."""

from __future__ import annotations

import re

# Substrings found in the User-Agent of crawlers, link previewers, monitors and HTTP libraries.
_BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|fetch|scrape|preview|monitor|uptime|lighthouse|pagespeed|headlesschrome"
    r"|python-requests|python-urllib|httpx|aiohttp|curl|wget|go-http-client|java/|okhttp|libwww"
    r"|facebookexternalhit|coccoc.*bot|wrk|apachebench|siege|feedparser|rss",
    re.IGNORECASE,
)


def is_bot(user_agent: str | None) -> bool:
    """An empty User-Agent is treated as a bot: every real browser sends one."""
    if not user_agent or not user_agent.strip():
        return True
    return bool(_BOT_PATTERN.search(user_agent))
