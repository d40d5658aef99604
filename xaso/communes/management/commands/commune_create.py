"""Create a whole commune from the command line, for the province's operators: its site, home
page, the pages every commune must have, media collection, role groups and host aliases, at
once, through the services (as the system: audited with no acting user).

Run twice with the same arguments it changes nothing and says so. Run with an existing slug and
other data it lists what differs and changes nothing (exit code 1): renaming a commune or
moving it to another host is done in the admin, where the province sees what it changes. Bad
input changes nothing either (exit code 1)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _

from xaso.communes.choices import CommuneKind
from xaso.communes.hosts import normalise_hostname
from xaso.communes.models import Commune
from xaso.communes.services import commune_create, commune_host_add
from xaso.core.text import nfc

# The command's spelling of each kind (as in a URL), and the stored value.
KINDS = {
    "xa": CommuneKind.COMMUNE,
    "phuong": CommuneKind.WARD,
    "dac-khu": CommuneKind.SPECIAL_ZONE,
}


def _seconds(started: float) -> str:
    return str(formats.number_format(time.monotonic() - started, 1, use_l10n=True))


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [message for messages in error.message_dict.values() for message in messages]
    return list(error.messages)


class Command(BaseCommand):
    help = (
        "Create a commune with its site, home page, required pages, media collection, role "
        "groups and host aliases; run again with the same arguments it changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="the name without its kind: Liên Khê")
        parser.add_argument("--kind", required=True, help="xa, phuong or dac-khu")
        parser.add_argument("--slug", required=True, help="lien-khe")
        parser.add_argument("--host", required=True, help="its own host name")
        parser.add_argument(
            "--alias", action="append", default=[], metavar="HOST", help="another host name"
        )
        parser.add_argument(
            "--province", default="", help="by default the province of the communes there are"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(started, options)

    def _handle(self, started: float, options: dict[str, Any]) -> None:
        kind = KINDS.get(options["kind"].strip().lower())
        if kind is None:
            raise CommandError(
                _("Unknown kind “%(kind)s”: use xa, phuong or dac-khu.")
                % {"kind": options["kind"][:40]}
            )
        name = nfc(options["name"].strip())
        slug = options["slug"].strip()
        try:
            host = normalise_hostname(options["host"])
            aliases = sorted({normalise_hostname(alias) for alias in options["alias"]})
        except ValidationError as error:
            raise CommandError(" ".join(_messages(error))) from error
        if host in aliases:
            raise CommandError(_("The alias %(host)s is the commune's own host.") % {"host": host})
        province = nfc(options["province"].strip()) or self._province()

        existing = Commune.objects.select_related("site").filter(slug=slug).first()
        if existing is not None:
            self._compare(existing, name, kind, province, host, aliases, started)
            return
        try:
            with transaction.atomic():
                commune = commune_create(
                    user=None, name=name, kind=kind, province=province, slug=slug, hostname=host
                )
                for alias in aliases:
                    commune_host_add(user=None, commune=commune, hostname=alias)
        except ValidationError as error:
            raise CommandError(
                _("Nothing was created: %(errors)s") % {"errors": " ".join(_messages(error))}
            ) from error
        groups = commune.role_groups.count()
        self.stdout.write(
            _(
                "Created %(commune)s at %(host)s (aliases: %(aliases)s): site, home page, "
                "required pages, media collection and %(groups)s role groups, in %(seconds)s s."
            )
            % {
                "commune": commune.full_name,
                "host": host,
                "aliases": ", ".join(aliases) or "—",
                "groups": groups,
                "seconds": _seconds(started),
            }
        )

    def _province(self) -> str:
        provinces = set(Commune.objects.values_list("province", flat=True).distinct())
        if len(provinces) != 1:
            raise CommandError(_("Name the province (--province …)."))
        return provinces.pop()

    def _compare(
        self,
        commune: Commune,
        name: str,
        kind: str,
        province: str,
        host: str,
        aliases: list[str],
        started: float,
    ) -> None:
        now_aliases = sorted(commune.hosts.values_list("hostname", flat=True))
        rows = [
            (_("name"), commune.name, name),
            (_("kind"), commune.get_kind_display(), str(CommuneKind(kind).label)),
            (_("province"), commune.province, province),
            (_("host name"), commune.site.hostname if commune.site else "—", host),
            (_("host aliases"), ", ".join(now_aliases) or "—", ", ".join(aliases) or "—"),
        ]
        differences = [row for row in rows if row[1] != row[2]]
        if not differences:
            self.stdout.write(
                _("%(commune)s already exists with these data: nothing changed (%(seconds)s s).")
                % {"commune": commune.full_name, "seconds": _seconds(started)}
            )
            return
        lines = [
            _(
                "A commune with the slug “%(slug)s” already exists with other data; nothing "
                "changed (change it in the admin):"
            )
            % {"slug": commune.slug}
        ]
        lines += [
            _("%(field)s: now “%(now)s”, asked “%(asked)s”")
            % {"field": field, "now": now, "asked": asked}
            for field, now, asked in differences
        ]
        raise CommandError("\n".join(lines))
