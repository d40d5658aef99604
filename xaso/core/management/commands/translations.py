from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xaso.core import i18n


class Command(BaseCommand):
    help = (
        "Update (extract and merge), check or compile xaso's Vietnamese message catalogue; "
        "third-party: bring the admin packages' strings into xaso's catalogues for them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["update", "check", "compile", "third-party"])

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "update":
            added, dropped = i18n.update_catalogue()
            self.stdout.write(f"{i18n.CATALOGUE}: {added} new, {dropped} dropped")
        elif action == "check":
            missing = i18n.untranslated()
            for item in missing:
                self.stdout.write(f"{item.location[0]}:{item.location[1]}: {item.msgid!r}")
            if missing:
                raise CommandError(f"{len(missing)} string(s) without a Vietnamese translation")
        elif action == "third-party":
            for name, (entries, left) in i18n.update_third_party().items():
                self.stdout.write(f"{name}: {entries} entries, {left} untranslated")
        else:
            for path in i18n.compile_all():
                self.stdout.write(str(path))
