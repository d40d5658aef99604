"""Backups that restore: the database, uploaded media and residents' private files, in one folder.

A backup is a folder holding
- `database.pgdump` (PostgreSQL: `pg_dump`, custom format) or `database.sqlite3` (SQLite: the
  online backup API, a consistent copy while the site keeps running);
- `media.tar.gz` (`MEDIA_ROOT`) and `private.tar.gz` (`XASO_PRIVATE_ROOT`, feedback attachments);
  with object storage (xaso.core.storage) the objects of the media and private buckets instead,
  each under its name, restored into empty buckets;
- `manifest.json`, written last: the xaso version, the database engine, when it was made, and
  every file with its size and SHA-256 checksum. A folder without it is not a finished backup.

The database is copied first, the folders after: every file the copied database names was on disk
when its folder was read (unless deleted in between, e.g. by the retention job).

With `XASO_BACKUP_KEY_FILE` set, every file but the manifest is encrypted (`openssl enc`,
AES-256-CBC, key stretched with PBKDF2; the passphrase is derived from the key file and handed to
openssl through a pipe, never on its command line) and gets a `.enc` suffix; the manifest then
carries an HMAC of its own contents under another key derived from the same file, so a restore
tells a wrong key file, or a checksum rewritten together with a file, from a good backup before it
decrypts anything. Nothing unencrypted is ever written to the backup folder except SQLite's copy,
for the moment it takes to encrypt it.

A restore only rebuilds an empty deployment — a database without data (never migrated, or
migrated and unused), empty media and private folders — and there is no option to force it over
data: restoring over a live site is done by making a new, empty one. It checks every checksum
(and the HMAC) before touching anything, unpacks the folders beside their targets, loads the
database (PostgreSQL: `pg_restore` in one transaction; SQLite: the backup API into the target
file), moves the files into place, then runs the personal-data retention job (a backup kept for
months may hold data due to be removed) and rebuilds the search index.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import connections, models

from .storage import private_storage, uses_object_storage

FORMAT = 1
MANIFEST = "manifest.json"
ENGINES = {"postgresql": "postgresql", "sqlite": "sqlite"}  # by the connection's vendor
DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
FOLDERS = {"media": "media.tar.gz", "private": "private.tar.gz"}
ENCRYPTED_SUFFIX = ".enc"
CIPHER = "aes-256-cbc"
PBKDF2_ITERATIONS = 200_000
KEY_MIN_BYTES = 32
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Something an operator must fix; the message says what."""


@dataclass(frozen=True)
class Key:
    """What the key file yields: openssl's passphrase and the manifest's HMAC key."""

    passphrase: bytes
    mac_key: bytes

    @classmethod
    def from_file(cls, path: Path) -> Key:
        try:
            secret = path.read_bytes()
        except OSError as error:
            raise BackupError(
                f"Cannot read the backup key file {path}: {error.strerror or error}."
            ) from error
        if len(secret.strip()) < KEY_MIN_BYTES:
            raise BackupError(
                f"The backup key file {path} holds fewer than {KEY_MIN_BYTES} bytes; make one "
                f"with: openssl rand -base64 48 > {path}"
            )
        passphrase = hmac.new(secret, b"xaso-backup-encryption", hashlib.sha256).hexdigest()
        return cls(
            passphrase=passphrase.encode() + b"\n",
            mac_key=hmac.new(secret, b"xaso-backup-manifest", hashlib.sha256).digest(),
        )

    def sign(self, manifest: dict[str, Any]) -> str:
        body = {name: value for name, value in manifest.items() if name != "hmac"}
        canonical = json.dumps(body, sort_keys=True, ensure_ascii=True).encode()
        return hmac.new(self.mac_key, canonical, hashlib.sha256).hexdigest()


def configured_key(path: Path | str | None = None) -> Key | None:
    """The key named by `path`, else by `XASO_BACKUP_KEY_FILE`; None when neither is set."""
    chosen = path or getattr(settings, "XASO_BACKUP_KEY_FILE", None)
    return Key.from_file(Path(chosen)) if chosen else None


def xaso_version() -> str:
    try:
        return metadata.version("xaso")
    except metadata.PackageNotFoundError:
        return "unknown"


def engine_name(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in ENGINES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return ENGINES[vendor]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


# Processes ---------------------------------------------------------------------------------------


def _run_checked(process: subprocess.Popen[bytes], errors: IO[bytes], what: str) -> None:
    code = process.wait()
    if code != 0:
        errors.seek(0)
        detail = errors.read().decode("utf-8", "replace").strip()
        raise BackupError(f"{what} failed (exit status {code}): {detail or 'no message'}")


def _openssl(key: Key, *, decrypt: bool, stdin: Any, stdout: Any) -> Any:
    """Start `openssl enc`; the passphrase goes through a pipe of its own."""
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, key.passphrase)
    finally:
        os.close(write_end)
    command = ["openssl", "enc", "-" + CIPHER, "-pbkdf2", "-iter", str(PBKDF2_ITERATIONS)]
    command += ["-d"] if decrypt else ["-salt"]
    command += ["-pass", f"fd:{read_end}"]
    errors = tempfile.TemporaryFile()  # noqa: SIM115 — the caller closes it
    try:
        process = subprocess.Popen(  # noqa: S603 — a fixed program, no shell
            command, stdin=stdin, stdout=stdout, stderr=errors, pass_fds=(read_end,)
        )
    except FileNotFoundError as error:
        errors.close()
        raise BackupError(
            "openssl is not installed; it is needed for encrypted backups."
        ) from error
    finally:
        os.close(read_end)
    return process, errors


def _create(path: Path) -> IO[bytes]:
    """A new file only its owner may read: backups hold personal data."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


@contextlib.contextmanager
def _writing(path: Path, key: Key | None) -> Iterator[IO[bytes]]:
    """A stream into `path`, encrypted on the way when there is a key."""
    with _create(path) as target:
        if key is None:
            yield target
            return
        process, errors = _openssl(key, decrypt=False, stdin=subprocess.PIPE, stdout=target)
        with errors:
            try:
                yield process.stdin
            finally:
                process.stdin.close()
                _run_checked(process, errors, "Encrypting " + path.name)


@contextlib.contextmanager
def _reading(path: Path, key: Key | None) -> Iterator[IO[bytes]]:
    """The plain content of a backup file, decrypted on the way when it is encrypted."""
    with path.open("rb") as source:
        if key is None:
            yield source
            return
        process, errors = _openssl(key, decrypt=True, stdin=source, stdout=subprocess.PIPE)
        with errors:
            try:
                yield process.stdout
                while process.stdout.read(CHUNK):  # whatever the reader left
                    pass
            finally:
                process.stdout.close()
                _run_checked(process, errors, "Decrypting " + path.name)


# PostgreSQL --------------------------------------------------------------------------------------


def _pg_command(program: str, alias: str) -> tuple[list[str], dict[str, str]]:
    """Connection options and environment for a PostgreSQL client program, as `dbshell` has."""
    from django.db.backends.postgresql.client import DatabaseClient

    params = connections[alias].settings_dict
    _args, extra = DatabaseClient.settings_to_cmd_args_env(params, [])
    command = [program]
    if params.get("USER"):
        command += ["--username", params["USER"]]
    if params.get("HOST"):
        command += ["--host", params["HOST"]]
    if params.get("PORT"):
        command += ["--port", str(params["PORT"])]
    if params.get("NAME"):
        command += ["--dbname", params["NAME"]]
    environment = {**os.environ, **(extra or {})}
    return command, environment


def _pg_start(command: list[str], environment: dict[str, str], **streams: Any) -> Any:
    errors = tempfile.TemporaryFile()  # noqa: SIM115 — the caller closes it
    try:
        process = subprocess.Popen(command, env=environment, stderr=errors, **streams)  # noqa: S603
    except FileNotFoundError as error:
        errors.close()
        raise BackupError(
            f"{command[0]} is not installed; install the PostgreSQL client "
            "(apt-get install postgresql-client) of the server's version or newer."
        ) from error
    return process, errors


def _pg_dump(alias: str, target: IO[bytes]) -> None:
    command, environment = _pg_command("pg_dump", alias)
    command += ["--format=custom", "--compress=6"]
    process, errors = _pg_start(command, environment, stdout=subprocess.PIPE)
    with errors:
        shutil.copyfileobj(process.stdout, target, CHUNK)
        process.stdout.close()
        _run_checked(process, errors, "pg_dump")


def _pg_restore(alias: str, source: IO[bytes], *, has_tables: bool) -> None:
    command, environment = _pg_command("pg_restore", alias)
    # One transaction: a restore that fails leaves the database as it was. The target's own
    # (empty) tables, if it was migrated, are replaced by the backup's.
    command += ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    if has_tables:
        command += ["--clean", "--if-exists"]
    process, errors = _pg_start(command, environment, stdin=subprocess.PIPE)
    with errors:
        try:
            shutil.copyfileobj(source, process.stdin, CHUNK)
        except BrokenPipeError:
            pass  # pg_restore stopped; its own message says why
        finally:
            with contextlib.suppress(BrokenPipeError):
                process.stdin.close()
        _run_checked(process, errors, "pg_restore")


# SQLite ------------------------------------------------------------------------------------------


def _sqlite_copy(alias: str, target_path: Path) -> None:
    """A consistent copy through the backup API of the site's own connection."""
    connection = connections[alias]
    if connection.in_atomic_block:
        # SQLite's backup waits for the source's write transaction to end: here, forever.
        raise BackupError("A backup cannot be made inside a database transaction.")
    connection.ensure_connection()
    target = sqlite3.connect(target_path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def _sqlite_load(alias: str, source_path: Path) -> None:
    connection = connections[alias]
    connection.close()
    target_path = connection.settings_dict["NAME"]
    Path(target_path).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(source_path)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


# Folders -----------------------------------------------------------------------------------------


def _folder(role: str) -> Path:
    return Path(settings.MEDIA_ROOT if role == "media" else settings.XASO_PRIVATE_ROOT)


def _pack(folder: Path, target: IO[bytes]) -> None:
    with tarfile.open(fileobj=target, mode="w|gz") as archive:
        if folder.is_dir():
            for entry in sorted(folder.iterdir()):
                archive.add(entry, arcname=entry.name)


def _is_empty(folder: Path) -> bool:
    return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))


# With object storage (xaso.core.storage) the same archives hold the buckets' objects, by name.


def _bucket(role: str) -> Storage | None:
    """The storage of a role's files when they are in object storage, else None (a folder)."""
    if not uses_object_storage():
        return None
    return default_storage if role == "media" else private_storage()


def _where(role: str) -> str:
    bucket = settings.XASO_S3_BUCKET if role == "media" else settings.XASO_S3_PRIVATE_BUCKET
    return f"bucket {bucket}" if uses_object_storage() else str(_folder(role))


def _objects(storage: Storage, prefix: str = "") -> Iterator[str]:
    folders, files = storage.listdir(prefix)
    for name in sorted(files):
        yield f"{prefix}{name}"
    for name in sorted(folders):
        yield from _objects(storage, f"{prefix}{name}/")


def _pack_role(role: str, target: IO[bytes]) -> None:
    storage = _bucket(role)
    if storage is None:
        _pack(_folder(role), target)
        return
    with tarfile.open(fileobj=target, mode="w|gz") as archive:
        for name in _objects(storage):
            info = tarfile.TarInfo(name)
            info.size, info.mode = storage.size(name), 0o600
            info.mtime = int(storage.get_modified_time(name).timestamp())
            with storage.open(name, "rb") as handle:
                archive.addfile(info, handle)


def _role_is_empty(role: str) -> bool:
    storage = _bucket(role)
    return _is_empty(_folder(role)) if storage is None else next(_objects(storage), None) is None


def _put_into_place(role: str, staged: Path) -> None:
    storage = _bucket(role)
    if storage is None:
        for entry in staged.iterdir():
            os.replace(entry, _folder(role) / entry.name)
        return
    for path in sorted(item for item in staged.rglob("*") if item.is_file()):
        name = path.relative_to(staged).as_posix()
        with path.open("rb") as handle:
            saved = storage.save(name, File(handle))
        if saved != name:
            raise BackupError(f"{name} was stored as {saved}: the {_where(role)} is not empty.")


# The database's data: what a site in use has and a freshly migrated database has not. The apps
# above core add their own tables (`register_data_model`, in their `apps.py` `ready()`).
_data_models: list[tuple[type[models.Model], str]] = []


def register_data_model(model: type[models.Model], condition: str = "") -> None:
    """A row of `model` (matching the SQL `condition`, if any) means the database is in use: a
    restore does not overwrite it unless told to."""
    if (model, condition) not in _data_models:
        _data_models.append((model, condition))


def _data_tables() -> list[tuple[str, str]]:
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Site

    checks = [
        (get_user_model()._meta.db_table, ""),
        (Site._meta.db_table, ""),
        (Page._meta.db_table, "depth > 1"),
        (get_document_model()._meta.db_table, ""),
        (get_image_model()._meta.db_table, ""),
    ]
    checks += [(model._meta.db_table, condition) for model, condition in _data_models]
    return checks


def database_state(alias: str = "default") -> tuple[bool, bool]:
    """(has tables, holds data) of the target database."""
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    if not tables:
        return False, False
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, condition in _data_tables():
            if table not in tables:
                continue
            where = f" WHERE {condition}" if condition else ""
            cursor.execute(f"SELECT 1 FROM {quote(table)}{where} LIMIT 1")  # noqa: S608
            if cursor.fetchone() is not None:
                return True, True
    return True, False


# Backup ------------------------------------------------------------------------------------------


@dataclass
class Result:
    folder: Path
    manifest: dict[str, Any]

    @property
    def size(self) -> int:
        return sum(entry["size"] for entry in self.manifest["files"])


def backup_make(
    folder: Path,
    *,
    alias: str = "default",
    key_file: Path | None = None,
    report: Callable[[str], None] = lambda _line: None,
) -> Result:
    """Write a backup into `folder` (created, or existing and empty). On failure nothing is left
    behind: the files written so far are removed, and the folder too when this made it."""
    engine = engine_name(alias)
    key = configured_key(key_file)
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise BackupError(f"{folder} exists and is not a folder.")
    if folder.is_dir() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty; a backup is written only into an empty folder.")
    made = not folder.exists()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"Cannot create {folder}: {error.strerror or error}.") from error
    suffix = ENCRYPTED_SUFFIX if key else ""
    written: list[tuple[str, str]] = []
    try:
        name = DATABASE_FILES[engine] + suffix
        report(f"Database ({engine}) → {name}")
        written.append((name, "database"))
        if engine == "postgresql":
            with _writing(folder / name, key) as target:
                _pg_dump(alias, target)
        elif key is None:
            _sqlite_copy(alias, folder / name)
            os.chmod(folder / name, 0o600)
        else:
            plain = folder / (DATABASE_FILES[engine] + ".partial")
            try:
                _sqlite_copy(alias, plain)
                with plain.open("rb") as source, _writing(folder / name, key) as target:
                    shutil.copyfileobj(source, target, CHUNK)
            finally:
                plain.unlink(missing_ok=True)
        for role, archive in FOLDERS.items():
            name = archive + suffix
            report(f"{_where(role)} → {name}")
            written.append((name, role))
            with _writing(folder / name, key) as target:
                _pack_role(role, target)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "xaso_version": xaso_version(),
            "database_engine": engine,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "encryption": (
                {
                    "tool": "openssl enc",
                    "cipher": CIPHER,
                    "kdf": "pbkdf2",
                    "iterations": PBKDF2_ITERATIONS,
                    "key_file": "XASO_BACKUP_KEY_FILE",
                }
                if key
                else None
            ),
            "files": [
                {
                    "name": name,
                    "role": role,
                    "size": (folder / name).stat().st_size,
                    "sha256": sha256_of(folder / name),
                }
                for name, role in written
            ],
        }
        if key:
            manifest["hmac"] = key.sign(manifest)
        with _create(folder / (MANIFEST + ".partial")) as handle:
            handle.write(json.dumps(manifest, indent=2, ensure_ascii=False).encode() + b"\n")
        os.replace(folder / (MANIFEST + ".partial"), folder / MANIFEST)
    except BaseException:
        for entry in folder.iterdir() if folder.is_dir() else ():
            if entry.name in {name for name, _role in written} or entry.suffix == ".partial":
                entry.unlink(missing_ok=True)
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return Result(folder=folder, manifest=manifest)


# Restore -----------------------------------------------------------------------------------------


def manifest_read(folder: Path) -> dict[str, Any]:
    path = Path(folder) / MANIFEST
    if not Path(folder).is_dir():
        raise BackupError(f"{folder} does not exist or is not a folder.")
    if not path.is_file():
        raise BackupError(
            f"{folder} holds no {MANIFEST}: it is not a backup, or the backup did not finish."
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{path} cannot be read: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a manifest this version of xaso reads.")
    return manifest


def backup_verify(
    folder: Path, *, key_file: Path | None = None
) -> tuple[dict[str, Any], Key | None]:
    """The manifest, once every file matches its size and checksum (and, when the backup is
    encrypted, once the key file matches it); the key to decrypt with."""
    folder = Path(folder)
    manifest = manifest_read(folder)
    key = None
    if manifest.get("encryption"):
        key = configured_key(key_file)
        if key is None:
            raise BackupError(
                "This backup is encrypted: set XASO_BACKUP_KEY_FILE (or pass --key-file) to the "
                "key file it was made with."
            )
        if not hmac.compare_digest(str(manifest.get("hmac", "")), key.sign(manifest)):
            raise BackupError(
                "The key file does not match this backup (or its manifest was altered): nothing "
                "was restored."
            )
    roles = {entry.get("role") for entry in manifest.get("files", [])}
    if not {"database", *FOLDERS} <= roles:
        raise BackupError(f"{MANIFEST} does not list a database and both folders.")
    for entry in manifest["files"]:
        name = str(entry["name"])
        path = folder / name
        if Path(name).name != name or not path.is_file():
            raise BackupError(f"{name} is missing from the backup.")
        if path.stat().st_size != entry["size"] or sha256_of(path) != entry["sha256"]:
            raise BackupError(
                f"{name} does not match its checksum in {MANIFEST}: the file is damaged or was "
                "changed. Nothing was restored; use another copy of this backup."
            )
    return manifest, key


def _target_check(manifest: dict[str, Any], alias: str) -> bool:
    """Refuse anything but an empty deployment; whether the database has (empty) tables."""
    engine = engine_name(alias)
    if manifest["database_engine"] != engine:
        raise BackupError(
            f"This backup holds a {manifest['database_engine']} database and the target is "
            f"{engine}: restoring across engines is not supported."
        )
    has_tables, holds_data = database_state(alias)
    if holds_data:
        name = connections[alias].settings_dict.get("NAME")
        raise BackupError(
            f"The target database ({name}) already holds data; a backup is restored only into an "
            "empty one. Create a new database (or remove this one) and run the restore again."
        )
    for role in FOLDERS:
        if not _role_is_empty(role):
            if uses_object_storage():
                setting = "XASO_S3_BUCKET" if role == "media" else "XASO_S3_PRIVATE_BUCKET"
            else:
                setting = "MEDIA_ROOT" if role == "media" else "XASO_PRIVATE_ROOT"
            raise BackupError(
                f"{setting} ({_where(role)}) is not empty; a backup is restored only into empty "
                "folders and buckets."
            )
    return has_tables


def backup_restore(
    folder: Path,
    *,
    alias: str = "default",
    key_file: Path | None = None,
    report: Callable[[str], None] = lambda _line: None,
) -> dict[str, Any]:
    """Rebuild an empty deployment from the backup in `folder`; its manifest."""
    folder = Path(folder)
    manifest, key = backup_verify(folder, key_file=key_file)
    report(f"Checksums verified ({len(manifest['files'])} files).")
    has_tables = _target_check(manifest, alias)
    files = {entry["role"]: folder / entry["name"] for entry in manifest["files"]}
    staging: dict[str, Path] = {}
    try:
        # Files first, beside their targets: a damaged archive stops the restore before the
        # database is loaded.
        for role in FOLDERS:
            if _bucket(role) is None:
                target = _folder(role)
                target.mkdir(parents=True, exist_ok=True)
                staging[role] = Path(tempfile.mkdtemp(prefix=".restore-", dir=target))
            else:
                staging[role] = Path(tempfile.mkdtemp(prefix="xaso-restore-"))
            report(f"{files[role].name} → {_where(role)}")
            with _reading(files[role], key) as source:
                try:
                    with tarfile.open(fileobj=source, mode="r|gz") as archive:
                        archive.extractall(staging[role], filter="data")
                except (tarfile.TarError, OSError, EOFError) as error:
                    raise BackupError(f"{files[role].name} cannot be unpacked: {error}") from error
        report(f"{files['database'].name} → database")
        if manifest["database_engine"] == "postgresql":
            with _reading(files["database"], key) as source:
                _pg_restore(alias, source, has_tables=has_tables)
        elif key is None:
            _sqlite_load(alias, files["database"])
        else:
            target_dir = Path(connections[alias].settings_dict["NAME"]).parent
            target_dir.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=target_dir, suffix=".restore") as plain:
                with _reading(files["database"], key) as source:
                    shutil.copyfileobj(source, plain, CHUNK)
                plain.flush()
                _sqlite_load(alias, Path(plain.name))
        for role, staged in staging.items():
            _put_into_place(role, staged)
    finally:
        for staged in staging.values():
            shutil.rmtree(staged, ignore_errors=True)
    connections[alias].close()
    return manifest
