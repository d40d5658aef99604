"""Backups restore: the drill backs up a site, restores it into a new database and new folders in
another process, and finds the same rows, pages, documents and submissions there. A damaged file,
a missing or wrong key, a non-empty target and a non-empty backup folder are refused, and nothing
is half written."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Page

from xaso.communes.tests.factories import make_commune
from xaso.feedback import privacy, services
from xaso.feedback.models import Submission
from xaso.legal.tests.factories import PDF_BYTES, make_document
from xaso.portal.tests.factories import make_article, make_category
from xaso.search.services import index_rebuild
from xaso.testing.files import PNG_BYTES

from ..backup import MANIFEST, BackupError, backup_make, database_state
from .backup_snapshot import snapshot

ROOT = Path(__file__).resolve().parents[3]
SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


def _submission(commune: Any) -> Submission:
    return services.submission_create(
        commune=commune,
        submission=Submission(
            kind="feedback",
            field="building",
            content="Đoạn đường trục xã qua thôn 9 bị sụt lún sau mưa.",
            sender_name="Trần Văn Hùng",
            sender_address="Thôn 9, xã Liên Khê",
            sender_phone="0912345678",
            consent_handling=True,
        ),
        attachments=[
            SimpleUploadedFile("duong.png", PNG_BYTES, content_type="image/png"),
            SimpleUploadedFile("don.pdf", PDF_BYTES, content_type="application/pdf"),
        ],
    )


def _pages(commune: Any, limit: int = 8) -> list[tuple[str, str]]:
    """The home page and the first live page of each kind, as (host, path); pages carrying a
    form token differ at every render and are left out."""
    from django.test import Client

    site = commune.site
    chosen: dict[type, Page] = {}
    for page in Page.objects.live().descendant_of(site.root_page, inclusive=True).specific():
        chosen.setdefault(type(page), page)
    client = Client()
    pages = []
    for page in list(chosen.values()):
        path = page.relative_url(site)
        response = client.get(path, HTTP_HOST=site.hostname)
        if response.status_code == 200 and b"csrfmiddlewaretoken" not in response.content:
            pages.append((site.hostname, path))
    return pages[:limit]


def _restore_elsewhere(tmp_path: Path, backup: Path, pages: list[tuple[str, str]]) -> Any:
    """Restore `backup` in another process, into a new database and new empty folders (named by
    a settings module of its own), and read the snapshot there."""
    database = dict(settings.DATABASES["default"])
    database.pop("TEST", None)
    created = None
    if SQLITE:
        database["NAME"] = str(tmp_path / "restored.sqlite3")
    else:
        created = f"{connection.settings_dict['NAME']}_restored"
        _pg_execute(f'DROP DATABASE IF EXISTS "{created}"')
        _pg_execute(f'CREATE DATABASE "{created}"')
        database["NAME"] = created
    (tmp_path / "settings_restored.py").write_text(
        "from xaso.settings.test import *  # noqa\n"
        f"DATABASES = {{'default': {database!r}}}\n"
        f"MEDIA_ROOT = {str(tmp_path / 'media')!r}\n"
        f"XASO_PRIVATE_ROOT = {str(tmp_path / 'private')!r}\n",
        encoding="utf-8",
    )
    output = tmp_path / "after.json"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings_restored",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(tmp_path)]),
    }
    try:
        done = subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "xaso.core.tests.backup_snapshot",
                str(backup),
                json.dumps(pages),
                str(output),
            ],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(output.read_text(encoding="utf-8")), done.stdout
    finally:
        if created:
            _pg_execute(f'DROP DATABASE IF EXISTS "{created}"')


def _pg_execute(statement: str) -> None:
    import psycopg

    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(statement)


def _as_restore_leaves_it() -> None:
    # The restore runs the retention job and rebuilds the search index; so does the original.
    privacy.submissions_anonymise_expired()
    index_rebuild()


def _compare(before: dict[str, Any], after: dict[str, Any]) -> None:
    assert after["counts"] == before["counts"]
    assert after["documents"] == before["documents"]
    assert after["images"] == before["images"]
    assert after["submissions"] == before["submissions"]
    for name, page in before["pages"].items():
        assert after["pages"][name] == page, name


@pytest.mark.django_db(transaction=True)
def test_an_encrypted_backup_of_a_small_world_is_restored_whole(tmp_path, settings):
    commune = make_commune()
    home = commune.site.root_page.specific
    make_article(category=make_category(parent=home, title="Tin tức", slug="tin-tuc"), title="Họp")
    make_document(commune=commune, files=1)
    _submission(commune)
    _as_restore_leaves_it()
    pages = _pages(commune)
    assert len(pages) >= 3
    before = snapshot(pages)
    assert before["counts"]["search.SearchDocument"]
    assert len(before["submissions"][0]["attachments"]) == 2
    assert all(digest for _name, digest in before["documents"].values())
    key = tmp_path / "backup.key"
    key.write_text("k" * 64)
    settings.XASO_BACKUP_KEY_FILE = key

    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "backup" / MANIFEST).read_text())
    assert manifest["encryption"]["cipher"] == "aes-256-cbc"
    assert all(entry["name"].endswith(".enc") for entry in manifest["files"])
    assert PDF_BYTES not in b"".join(path.read_bytes() for path in (tmp_path / "backup").iterdir())
    # The restoring process reads the key from the same setting.
    os.environ["XASO_BACKUP_KEY_FILE"] = str(key)
    try:
        after, _output = _restore_elsewhere(tmp_path, tmp_path / "backup", pages)
    finally:
        del os.environ["XASO_BACKUP_KEY_FILE"]

    _compare(before, after)


@pytest.fixture
def folders(settings, tmp_path):
    """Empty media and private folders of this test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.XASO_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT.mkdir()
    settings.XASO_PRIVATE_ROOT.mkdir()
    return settings


def _backup(folder: Path, **options: Any) -> dict[str, Any]:
    call_command("backup", str(folder), stdout=io.StringIO(), **options)
    return json.loads((folder / MANIFEST).read_text())


def _restore(folder: Path, *arguments: str, **options: Any) -> str:
    out = io.StringIO()
    call_command("restore", str(folder), *arguments, stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_damaged_file_fails_its_checksum_and_nothing_is_restored(folders, tmp_path):
    (folders.MEDIA_ROOT / "anh.jpg").write_bytes(b"picture")
    manifest = _backup(tmp_path / "backup")
    assert [entry["role"] for entry in manifest["files"]] == ["database", "media", "private"]
    (folders.MEDIA_ROOT / "anh.jpg").unlink()
    damaged = tmp_path / "backup" / "media.tar.gz"
    good = damaged.read_bytes()
    data = bytearray(good)
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))

    for arguments in ((), ("--check",)):
        with pytest.raises(CommandError, match=r"media\.tar\.gz does not match its checksum"):
            _restore(tmp_path / "backup", *arguments)
    assert not any(folders.MEDIA_ROOT.iterdir())
    damaged.write_bytes(good)
    (tmp_path / "backup" / "private.tar.gz").unlink()
    with pytest.raises(CommandError, match=r"private\.tar\.gz is missing"):
        _restore(tmp_path / "backup", "--check")
    with pytest.raises(CommandError, match=r"holds no manifest\.json"):
        _restore(tmp_path)


@pytest.mark.django_db(transaction=True)
def test_an_encrypted_backup_is_not_restored_without_its_key(folders, tmp_path):
    key, other = tmp_path / "backup.key", tmp_path / "other.key"
    key.write_text("a" * 64)
    other.write_text("b" * 64)
    (folders.XASO_PRIVATE_ROOT / "don.pdf").write_bytes(PDF_BYTES)
    folders.XASO_BACKUP_KEY_FILE = key
    manifest = _backup(tmp_path / "backup")
    assert manifest["encryption"] and manifest["hmac"]

    folders.XASO_BACKUP_KEY_FILE = None
    with pytest.raises(CommandError, match="This backup is encrypted"):
        _restore(tmp_path / "backup")
    with pytest.raises(CommandError, match="key file does not match"):
        _restore(tmp_path / "backup", key_file=other)
    assert "match their checksums" in _restore(tmp_path / "backup", "--check", key_file=key)
    # A file changed together with its checksum in the manifest: the manifest's HMAC tells.
    changed = tmp_path / "backup" / "private.tar.gz.enc"
    changed.write_bytes(changed.read_bytes()[:-16] + bytes(16))
    for entry in manifest["files"]:
        if entry["name"] == changed.name:
            entry["sha256"] = hashlib.sha256(changed.read_bytes()).hexdigest()
    (tmp_path / "backup" / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="key file does not match"):
        _restore(tmp_path / "backup", key_file=key)
    short = tmp_path / "short.key"
    short.write_text("secret")
    with pytest.raises(CommandError, match="fewer than 32 bytes"):
        _backup(tmp_path / "another", key_file=short)
    assert not (tmp_path / "another").exists()


@pytest.mark.django_db(transaction=True)
def test_a_restore_refuses_a_target_that_is_not_empty(folders, tmp_path):
    make_commune()
    _backup(tmp_path / "backup")
    assert database_state() == (True, True)
    with pytest.raises(CommandError, match="already holds data"):
        _restore(tmp_path / "backup")

    call_command("flush", "--noinput")
    assert database_state() == (True, False)
    (folders.MEDIA_ROOT / "left-over.jpg").write_bytes(b"x")
    with pytest.raises(CommandError, match=r"MEDIA_ROOT \(.*\) is not empty"):
        _restore(tmp_path / "backup")
    (folders.MEDIA_ROOT / "left-over.jpg").unlink()
    (folders.XASO_PRIVATE_ROOT / "phan-anh").mkdir()
    with pytest.raises(CommandError, match=r"XASO_PRIVATE_ROOT \(.*\) is not empty"):
        _restore(tmp_path / "backup")


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_migrated_unused_database(folders, tmp_path):
    from xaso.communes.models import Commune

    commune = make_commune()
    _backup(tmp_path / "backup")
    call_command("flush", "--noinput")
    assert not Commune.objects.exists()

    output = _restore(tmp_path / "backup")

    assert "Restored the backup" in output
    assert Commune.objects.get().slug == commune.slug
    assert Page.objects.filter(depth__gt=1).exists()


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_written_only_into_an_empty_folder_and_whole(folders, tmp_path, monkeypatch):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("x")
    with pytest.raises(CommandError, match="is not empty"):
        _backup(tmp_path / "used")
    assert [path.name for path in (tmp_path / "used").iterdir()] == ["notes.txt"]

    from xaso.core import backup

    def broken(folder: Path, target: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(backup, "_pack", broken)
    with pytest.raises(OSError, match="disk full"):
        backup_make(tmp_path / "new")
    assert not (tmp_path / "new").exists()
    (tmp_path / "empty").mkdir()
    with pytest.raises(OSError, match="disk full"):
        backup_make(tmp_path / "empty")
    assert list((tmp_path / "empty").iterdir()) == []


def test_a_backup_is_not_made_from_inside_a_transaction(db, tmp_path):
    if not SQLITE:
        pytest.skip("pg_dump reads its own snapshot")
    with pytest.raises(BackupError, match="inside a database transaction"):
        backup_make(tmp_path / "backup")
    assert not (tmp_path / "backup").exists()


@pytest.mark.django_db(transaction=True)
def test_with_object_storage_a_backup_holds_the_buckets_objects_and_restores_them(
    folders, tmp_path, object_storage
):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from xaso.core.storage import private_storage

    make_commune()
    picture = default_storage.save("original_images/duong.png", ContentFile(PNG_BYTES))
    document = default_storage.save("documents/quyet-dinh.pdf", ContentFile(PDF_BYTES))
    attachment = private_storage().save("phan-anh/2026/12/don.pdf", ContentFile(b"%PDF-1.4 x"))
    (folders.MEDIA_ROOT / "not-in-the-bucket.txt").write_text("local")  # not what is kept
    manifest = _backup(tmp_path / "backup")
    assert {entry["role"] for entry in manifest["files"]} == {"database", "media", "private"}

    call_command("flush", "--noinput")
    with pytest.raises(CommandError, match=r"XASO_S3_BUCKET \(bucket .*\) is not empty"):
        _restore(tmp_path / "backup")
    for bucket in (object_storage.media, object_storage.private):
        for key in object_storage.keys(bucket):
            object_storage.client.delete_object(Bucket=bucket, Key=key)

    output = _restore(tmp_path / "backup")

    assert "Restored the backup" in output
    assert object_storage.keys(object_storage.media) == {picture, document}
    assert object_storage.keys(object_storage.private) == {attachment}
    with default_storage.open(picture) as handle:
        assert handle.read() == PNG_BYTES
    with private_storage().open(attachment) as handle:
        assert handle.read() == b"%PDF-1.4 x"


@pytest.mark.django_db(transaction=True)
def test_one_machines_backup_restores_into_buckets_for_several_servers(
    folders, tmp_path, s3_server
):
    """Moving from one machine to several application servers (docs/deployment.md): the
    folders' backup is restored into empty buckets, every file under its own name."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from xaso.core.storage import private_storage
    from xaso.testing.s3 import fresh_buckets

    make_commune()
    picture = default_storage.save("original_images/duong.png", ContentFile(PNG_BYTES))
    attachment = private_storage().save("phan-anh/2026/12/don.pdf", ContentFile(b"%PDF-1.4 x"))
    assert (folders.MEDIA_ROOT / picture).is_file()
    _backup(tmp_path / "backup")
    call_command("flush", "--noinput")

    buckets = fresh_buckets(s3_server, folders)
    try:
        output = _restore(tmp_path / "backup")

        assert "Restored the backup" in output
        assert buckets.keys(buckets.media) == {picture}
        assert buckets.keys(buckets.private) == {attachment}
        with default_storage.open(picture) as handle:
            assert handle.read() == PNG_BYTES
        with private_storage().open(attachment) as handle:
            assert handle.read() == b"%PDF-1.4 x"
    finally:
        buckets.empty()
