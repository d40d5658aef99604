from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from xaso.communes.models import Commune
from xaso.portal.importing import import_lines


class Command(BaseCommand):
    help = "Import articles from a JSON Lines file into a commune's portal (idempotent by id)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--commune", required=True, help="the commune's slug")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        commune = Commune.objects.filter(slug=options["commune"]).select_related("site").first()
        if commune is None or commune.site is None:
            raise CommandError(_("There is no commune with the slug “%s”.") % options["commune"])
        if not path.is_file():
            raise CommandError(_("File not found: %s") % path)
        with path.open(encoding="utf-8", errors="replace") as handle:
            total = sum(1 for _line in handle)
        counts = {"created": 0, "updated": 0, "unchanged": 0, "error": 0}
        errors = []
        with path.open(encoding="utf-8", errors="replace") as handle:
            progress = tqdm(total=total, unit=_(" lines"), disable=None, file=self.stderr._out)
            for number, outcome, message in import_lines(
                handle, user=None, home=commune.site.root_page
            ):
                counts[outcome] += 1
                if message:
                    errors.append((number, message))
                progress.update(number - progress.n)
            progress.close()
        for number, message in errors:
            self.stderr.write(
                _("line %(number)d: %(message)s") % {"number": number, "message": message}
            )
        self.stdout.write(
            _(
                "%(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
                "%(error)d rejected"
            )
            % counts
        )
        if errors:
            raise CommandError(
                _("%d line(s) were rejected; the others were imported.") % len(errors)
            )
