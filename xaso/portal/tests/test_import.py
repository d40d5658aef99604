"""import_articles: good lines go in, bad lines are reported and leave nothing behind."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from xaso.portal.models import ArticlePage, NewsCategoryPage
from xaso.search import selectors

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "corpus.jsonl"


def _line(**fields):
    record = {
        "id": "a1",
        "title": "Hội nghị tổng kết công tác dân vận",
        "lead": "Sáng nay, xã tổng kết.",
        "body": "Đoạn một.\nĐoạn hai.",
        "category": "Thời sự",
        "published_at": "2016-05-20",
        "source": "VOV",
    }
    record.update(fields)
    return json.dumps(record, ensure_ascii=False)


def _import(path, commune):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", str(path), commune=commune.slug, stdout=out, stderr=err)
        failed = False
    except CommandError:
        failed = True
    return out.getvalue(), err.getvalue(), failed


def test_import_creates_updates_and_reports_bad_lines(tmp_path, commune):
    lines = [
        _line(),
        "{not json",
        _line(id="a2", title=""),
        _line(id="a3", published_at="2016-13-45"),
        _line(id="a4", title="Bài có ngày trống", published_at="", category=""),
        json.dumps(["a", "list"]),
        _line(id="a5", title="x" * 300),
        _line(id="a6", body=42),
        "",
        _line(id="a7", title="Bài thứ bảy", category="Kinh doanh"),
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, err, failed = _import(path, commune)
    assert failed
    assert "3 bài tạo mới" in out or out.startswith("3 ")
    for number in (2, 3, 4, 6, 7, 8):
        assert f"dòng {number}:" in err, err
    assert "dòng 1:" not in err and "dòng 5:" not in err and "dòng 10:" not in err
    assert ArticlePage.objects.count() == 3
    article = ArticlePage.objects.get(source_id="a1")
    assert article.live and article.get_parent().title == "Thời sự"
    assert [block.value.source for block in article.body] == [
        "<p>Đoạn một.</p>",
        "<p>Đoạn hai.</p>",
    ]
    assert timezone.localtime(article.first_published_at).date().isoformat() == "2016-05-20"
    assert NewsCategoryPage.objects.filter(title="Tin khác").exists()
    hits = selectors.search(commune_id=commune.pk, text="tong ket cong tac dan van").hits
    assert hits[0].document.source_id == "a1"

    # The same file again: nothing duplicated; a changed line updates its article.
    lines[0] = _line(title="Hội nghị tổng kết công tác dân vận năm 2016")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, _err, _failed = _import(path, commune)
    assert ArticlePage.objects.count() == 3
    assert "1 bài cập nhật" in out and "2 bài không đổi" in out
    assert ArticlePage.objects.get(source_id="a1").title.endswith("năm 2016")


def test_import_refuses_unknown_commune_and_missing_file(tmp_path, commune):
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path / "none.jsonl"), commune=commune.slug)
    path = tmp_path / "a.jsonl"
    path.write_text(_line() + "\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_articles", str(path), commune="khong-co")


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared news corpus is not present")
def test_real_corpus_articles_are_found_by_their_titles_without_diacritics(tmp_path, commune):
    from xaso.core.text import fold

    sample = CORPUS.read_text(encoding="utf-8").split("\n")[:40]
    path = tmp_path / "sample.jsonl"
    path.write_text("\n".join(sample) + "\n", encoding="utf-8")
    _import(path, commune)
    assert ArticlePage.objects.count() == 40
    found = 0
    for line in sample:
        record = json.loads(line)
        hits = selectors.search(commune_id=commune.pk, text=fold(record["title"])).hits
        found += bool(hits) and hits[0].document.source_id == record["id"]
    assert found >= 38
