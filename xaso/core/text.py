"""Vietnamese text helpers shared by every app."""

from __future__ import annotations

import unicodedata


def nfc(value: str) -> str:
    """Return the text in Unicode NFC, the form xaso stores (some keyboards send NFD)."""
    return unicodedata.normalize("NFC", value)


def nfc_fields(instance: object, *names: str) -> None:
    """Normalise the named string attributes of a model instance in place."""
    for name in names:
        value = getattr(instance, name, None)
        if isinstance(value, str):
            setattr(instance, name, nfc(value))
