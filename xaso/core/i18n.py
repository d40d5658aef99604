"""Message catalogue tooling in pure Python (Babel), so no GNU gettext is needed.

`extract_messages()` finds every translatable string in xaso's Python code and templates;
the `translations` management command merges them into `xaso/locale/vi/LC_MESSAGES/django.po`
and compiles the `.mo` file; a test fails when any string lacks a Vietnamese translation.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from django.utils.translation.template import templatize

XASO_DIR = Path(__file__).resolve().parent.parent
CATALOGUE = XASO_DIR / "locale" / "vi" / "LC_MESSAGES" / "django.po"

KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


@dataclass(frozen=True)
class Extracted:
    msgid: str | tuple[str, ...]
    context: str | None
    location: tuple[str, int]


def _source_files() -> Iterator[Path]:
    for path in sorted(XASO_DIR.rglob("*")):
        if any(part in {"migrations", "tests", "__pycache__", "static"} for part in path.parts):
            continue
        if path.suffix in {".py", ".html", ".txt", ".xml"} and path.is_file():
            yield path


def _extract_from(path: Path) -> Iterator[Extracted]:
    source = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        if "trans" not in source:
            return
        # Each translatable string is one line of the result; the template's own indentation
        # would only confuse the Python tokenizer reading it.
        source = "\n".join(
            line.lstrip() for line in templatize(source, origin=str(path)).split("\n")
        )
    relative = str(path.relative_to(XASO_DIR.parent))
    for lineno, message, _comments, context in extract(
        "python", io.BytesIO(source.encode("utf-8")), keywords=KEYWORDS
    ):
        yield Extracted(msgid=message, context=context, location=(relative, lineno))


def extract_messages() -> list[Extracted]:
    return [item for path in _source_files() for item in _extract_from(path)]


def read_catalogue(path: Path = CATALOGUE) -> Catalog:
    if not path.exists():
        return Catalog(locale="vi", domain="django")
    with path.open("rb") as handle:
        return read_po(handle, locale="vi")


def update_catalogue(path: Path = CATALOGUE) -> tuple[int, int]:
    """Merge extracted strings into the catalogue; return (added, dropped)."""
    old = read_catalogue(path)
    new = Catalog(
        locale="vi",
        domain="django",
        project="xaso",
        version="",
        charset="utf-8",
        fuzzy=False,
        header_comment="# Vietnamese catalogue of xaso. Update: manage.py translations update",
        language_team="xaso <vi>",
        last_translator="xaso",
        copyright_holder="xaso",
        msgid_bugs_address="",
        creation_date=old.creation_date,
        revision_date=old.revision_date,
    )
    added = 0
    for item in extract_messages():
        existing = old.get(item.msgid, context=item.context)
        if existing is None:
            added += 1
        string = (
            existing.string
            if existing is not None
            else ("", "")
            if isinstance(item.msgid, tuple)
            else ""
        )
        present = new.get(item.msgid, context=item.context)
        if present is None:
            new.add(item.msgid, string, locations=[item.location], context=item.context)
        else:
            present.locations.append(item.location)
    dropped = sum(
        1 for message in old if message.id and new.get(message.id, message.context) is None
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, new, width=100, sort_output=False, omit_header=False)
    return added, dropped


def untranslated(path: Path = CATALOGUE) -> list[Extracted]:
    catalogue = read_catalogue(path)
    missing = []
    for item in extract_messages():
        message = catalogue.get(item.msgid, context=item.context)
        strings = message.string if message is not None else ""
        values = strings if isinstance(strings, tuple) else (strings,)
        if message is None or not all(values) or message.fuzzy:
            missing.append(item)
    return missing


def duplicate_entries(path: Path = CATALOGUE) -> list[str]:
    """Messages defined twice in a catalogue (two branches adding the same string): the reader
    would silently keep one of the translations."""
    import re

    seen: set[tuple[str, str]] = set()
    twice = []
    entry = re.compile(r'^(?:msgctxt ((?:".*"\n)+))?msgid ((?:".*"\n)+)', re.M)
    for match in entry.finditer(path.read_text(encoding="utf-8")):
        key = (match.group(1) or "", match.group(2))
        if key in seen:
            twice.append(match.group(2).strip())
        seen.add(key)
    return twice


def compile_catalogue(path: Path = CATALOGUE) -> Path:
    twice = duplicate_entries(path)
    if twice:
        raise ValueError(f"{path}: defined twice: {', '.join(twice[:5])}")
    catalogue = read_catalogue(path)
    target = path.with_suffix(".mo")
    with target.open("wb") as handle:
        write_mo(handle, catalogue, use_fuzzy=False)
    return target


# Admin-facing packages whose every string xaso translates itself: Wagtail's own Vietnamese
# catalogue covers about a fifth of its admin. One file per package catalogue, so that a
# Wagtail upgrade shows exactly what is new (the test lists every untranslated entry).
THIRD_PARTY_DIR = CATALOGUE.parent / "third_party"
THIRD_PARTY = [
    # (file name, package, domain)
    ("wagtail_admin", "wagtail.admin", "django"),
    ("wagtail_admin_js", "wagtail.admin", "djangojs"),
    ("wagtail_core", "wagtail", "django"),
    ("wagtail_images", "wagtail.images", "django"),
    ("wagtail_users", "wagtail.users", "django"),
    ("wagtail_documents", "wagtail.documents", "django"),
    ("wagtail_redirects", "wagtail.contrib.redirects", "django"),
    ("wagtail_snippets", "wagtail.snippets", "django"),
    ("wagtail_sites", "wagtail.sites", "django"),
    ("wagtail_embeds", "wagtail.embeds", "django"),
    ("wagtail_settings", "wagtail.contrib.settings", "django"),
    ("wagtail_search", "wagtail.search", "django"),
    ("taggit", "taggit", "django"),
    # Django's own: dates and "x minutes ago", form and validation messages, users and groups.
    ("django_core", "django.conf", "django"),
    ("django_auth", "django.contrib.auth", "django"),
    ("django_humanize", "django.contrib.humanize", "django"),
    ("django_contenttypes", "django.contrib.contenttypes", "django"),
]


def _package_catalogue(package: str, language: str, domain: str) -> Catalog | None:
    import importlib

    module = importlib.import_module(package)
    path = Path(module.__file__ or "").parent / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=language if language != "en" else None)


def _translated(message: Any) -> bool:
    values = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(message.id) and all(values) and not message.fuzzy


def third_party_path(name: str) -> Path:
    return THIRD_PARTY_DIR / f"{name}.po"


def update_third_party() -> dict[str, tuple[int, int]]:
    """Every msgid of each package (from its English catalogue) into xaso's file for it,
    keeping xaso's translations, else taking the package's own Vietnamese one.
    Returns, per file, (entries, still untranslated)."""
    THIRD_PARTY_DIR.mkdir(parents=True, exist_ok=True)
    summary = {}
    for name, package, domain in THIRD_PARTY:
        source = _package_catalogue(package, "en", domain)
        if source is None:
            continue
        upstream = _package_catalogue(package, "vi", domain) or Catalog(locale="vi")
        ours = read_catalogue(third_party_path(name))
        new = Catalog(
            locale="vi",
            domain=domain,
            project=f"xaso: {package}",
            charset="utf-8",
            fuzzy=False,
            header_comment=f"# Vietnamese for {package} ({domain}), kept by xaso. "
            "Update: manage.py translations third-party",
            creation_date=ours.creation_date,
            revision_date=ours.revision_date,
        )
        missing = 0
        for message in source:
            if not message.id:
                continue
            mine = ours.get(message.id, context=message.context)
            theirs = upstream.get(message.id, context=message.context)
            if mine is not None and _translated(mine):
                string = mine.string
            elif theirs is not None and _translated(theirs):
                string = theirs.string
            else:
                # Vietnamese has one plural form.
                string = ("",) if isinstance(message.id, tuple) else ""
                missing += 1
            new.add(
                message.id,
                string,
                locations=message.locations[:3],
                context=message.context,
                auto_comments=message.auto_comments,
            )
        with third_party_path(name).open("wb") as handle:
            write_po(handle, new, width=100, sort_output=False, omit_header=False)
        summary[name] = (sum(1 for m in new if m.id), missing)
    return summary


def third_party_untranslated() -> list[tuple[str, Any]]:
    """(file, msgid) of every package string without a Vietnamese translation in xaso,
    including strings the installed package has that xaso's file lacks (after an upgrade)."""
    missing = []
    for name, package, domain in THIRD_PARTY:
        source = _package_catalogue(package, "en", domain)
        if source is None:
            continue
        ours = read_catalogue(third_party_path(name))
        for message in source:
            if not message.id:
                continue
            mine = ours.get(message.id, context=message.context)
            if mine is None or not _translated(mine):
                missing.append((name, message.id))
    return missing


def compile_all() -> list[Path]:
    """django.mo: xaso's catalogue over the packages'; djangojs.mo: the packages' JS strings."""
    merged: dict[str, Catalog] = {
        "django": Catalog(locale="vi", domain="django"),
        "djangojs": Catalog(locale="vi", domain="djangojs"),
    }
    for name, _package, domain in THIRD_PARTY:
        for message in read_catalogue(third_party_path(name)):
            if message.id and _translated(message):
                merged[domain][message.id] = message
    for message in read_catalogue(CATALOGUE):
        if message.id and _translated(message):
            # Babel merges an entry into one already there and keeps the first translation:
            # for a msgid the packages also use, theirs stays, as the admin needs it
            # ("Save", "Pages", "draft"). xaso's own domain meanings use a msgctxt.
            merged["django"][message.id] = message
    targets = []
    for domain, catalogue in merged.items():
        target = CATALOGUE.parent / f"{domain}.mo"
        with target.open("wb") as handle:
            write_mo(handle, catalogue, use_fuzzy=False)
        targets.append(target)
    return targets
