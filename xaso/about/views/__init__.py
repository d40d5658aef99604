"""The introduction's views: the English pages (`english`) and the compliance panel on the
admin dashboard (`compliance`)."""

from __future__ import annotations

from .compliance import CompliancePanel
from .english import apparatus_en, contacts_en, english_name

__all__ = ["CompliancePanel", "apparatus_en", "contacts_en", "english_name"]
