"""Rebuild an empty deployment from a backup folder written by `manage.py backup`."""

import io
import time
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from xaso.core.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Restore a backup into an EMPTY deployment (a database without data, empty MEDIA_ROOT "
        "and XASO_PRIVATE_ROOT) after checking every checksum; then remove personal data past "
        "its retention period and rebuild the search index. There is no option to restore over "
        "data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path, help="a folder written by manage.py backup")
        parser.add_argument(
            "--key-file",
            type=Path,
            help="decrypt with this key file instead of XASO_BACKUP_KEY_FILE",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="only verify the checksums (and the key), restore nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        verbose = options["verbosity"] > 1
        try:
            if options["check"]:
                manifest, _key = backup_verify(options["dir"], key_file=options["key_file"])
                self.stdout.write(
                    f"{options['dir']}: {len(manifest['files'])} files match their checksums "
                    f"(made {manifest['created_at']} by xaso {manifest['xaso_version']})."
                )
                return
            manifest = backup_restore(
                options["dir"],
                key_file=options["key_file"],
                report=lambda line: self.stdout.write(line) if verbose else None,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        quiet = io.StringIO()
        call_command("feedback_anonymise", stdout=self.stdout if verbose else quiet)
        call_command(
            "rebuild_search_index",
            stdout=self.stdout if verbose else quiet,
            stderr=self.stderr if verbose else io.StringIO(),
        )
        self.stdout.write(
            f"Restored the backup made {manifest['created_at']} by xaso "
            f"{manifest['xaso_version']} in {time.monotonic() - started:.1f} s. If this code is "
            "newer, run manage.py migrate now."
        )
