"""Write a backup of the database, the media and the private files into an empty folder."""

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xaso.core.backup import BackupError, backup_make


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump or SQLite's backup API), MEDIA_ROOT and "
        "XASO_PRIVATE_ROOT into DIR, which must be empty or not exist, with a manifest of "
        "checksums; encrypted when XASO_BACKUP_KEY_FILE is set."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path, help="an empty or new folder")
        parser.add_argument(
            "--key-file",
            type=Path,
            help="encrypt with this key file instead of XASO_BACKUP_KEY_FILE",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            result = backup_make(
                options["dir"],
                key_file=options["key_file"],
                report=lambda line: self.stdout.write(line) if options["verbosity"] > 1 else None,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        encrypted = "encrypted" if result.manifest["encryption"] else "NOT encrypted"
        self.stdout.write(
            f"Backup written to {result.folder}: {len(result.manifest['files'])} files, "
            f"{result.size / 1e6:.1f} MB, {encrypted}, {time.monotonic() - started:.1f} s."
        )
