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
        source = templatize(source, origin=str(path))
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


def compile_catalogue(path: Path = CATALOGUE) -> Path:
    catalogue = read_catalogue(path)
    target = path.with_suffix(".mo")
    with target.open("wb") as handle:
        write_mo(handle, catalogue, use_fuzzy=False)
    return target
