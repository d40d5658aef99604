"""Create the province's portal: `manage.py province_site_create "Cổng thông tin Hải Phòng"
"Hải Phòng" haiphong.gov.vn` (a second run changes nothing)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from xaso.province.services import province_site_create


class Command(BaseCommand):
    help = "Create the province's portal: its site and home page."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="The portal's name, e.g. 'Cổng thông tin Hải Phòng'.")
        parser.add_argument("province", help="The province, as written on its communes.")
        parser.add_argument("hostname", help="The host the portal answers at.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            home = province_site_create(
                user=None,
                name=options["name"],
                province=options["province"],
                hostname=options["hostname"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"{home.title}: {options['hostname']}")
