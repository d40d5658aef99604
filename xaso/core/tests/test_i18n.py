"""Every xaso string has a Vietnamese translation, and Vietnamese is what people see."""

from django.utils import formats, translation
from django.utils.dateparse import parse_date

from xaso.core import i18n


def test_every_xaso_string_is_translated():
    missing = i18n.untranslated()
    listing = "\n".join(f"{m.location[0]}:{m.location[1]}: {m.msgid!r}" for m in missing)
    assert not missing, f"Strings without a Vietnamese translation:\n{listing}"


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
