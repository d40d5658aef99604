"""Every xaso string has a Vietnamese translation, and Vietnamese is what people see."""

import pytest
from django.utils import formats, translation
from django.utils.dateparse import parse_date

from xaso.core import i18n


def test_every_xaso_string_is_translated():
    missing = i18n.untranslated()
    listing = "\n".join(f"{m.location[0]}:{m.location[1]}: {m.msgid!r}" for m in missing)
    assert not missing, f"Strings without a Vietnamese translation:\n{listing}"


def test_every_admin_package_string_is_translated():
    """Wagtail's admin (and the other admin-facing packages) in Vietnamese: after an upgrade,
    `manage.py translations third-party` brings in the new strings and this lists them."""
    missing = i18n.third_party_untranslated()
    listing = "\n".join(f"{name}: {msgid!r}" for name, msgid in missing[:50])
    assert not missing, f"{len(missing)} admin strings without a Vietnamese translation:\n{listing}"


def test_the_compiled_catalogues_carry_the_admin_strings(tmp_path):
    from babel.messages.mofile import read_mo

    django_mo, djangojs_mo = i18n.compile_all()
    catalogue = read_mo(django_mo.open("rb"))
    assert catalogue.get("Latest news").string == "Tin mới"  # xaso's own
    assert catalogue.get("Dashboard") is not None  # Wagtail's admin
    assert read_mo(djangojs_mo.open("rb")).get("Loading…") is not None


def test_extraction_finds_templates_and_python():
    found = {item.msgid for item in i18n.extract_messages()}
    assert "Latest news" in found  # a template string
    assert "news category" in found  # a model field label


def test_catalogue_compiles(tmp_path):
    target = tmp_path / "django.po"
    target.write_bytes(i18n.CATALOGUE.read_bytes())
    compiled = i18n.compile_catalogue(target)
    assert compiled.stat().st_size > 1000


def test_vietnamese_formats():
    with translation.override("vi"):
        date = parse_date("2026-11-28")
        assert formats.date_format(date, "SHORT_DATE_FORMAT") == "28/11/2026"
        assert formats.number_format(1234.5, decimal_pos=1, force_grouping=True) == "1.234,5"
        assert translation.gettext("Latest news") == "Tin mới"


def test_no_message_is_defined_twice(tmp_path):
    assert i18n.duplicate_entries() == []
    twice = tmp_path / "django.po"
    twice.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "All kinds"\nmsgstr "Tất cả các loại"\n\n'
        'msgctxt "unit"\nmsgid "All kinds"\nmsgstr "Mọi loại đơn vị"\n\n'
        'msgid "All kinds"\nmsgstr "Mọi loại"\n',
        encoding="utf-8",
    )
    assert i18n.duplicate_entries(twice) == ['"All kinds"']
    with pytest.raises(ValueError, match="defined twice"):
        i18n.compile_catalogue(twice)
