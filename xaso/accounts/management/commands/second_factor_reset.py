"""For the province's operators: reset an account's second factor from the server, when no one
who could do it in the admin can sign in (the last province administrator lost their phone and
their recovery codes)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from xaso.accounts.second_factor import second_factor_reset


class Command(BaseCommand):
    help = (
        "Remove an account's authenticator app, recovery codes and password (its sessions end); "
        "set a new password with changepassword, and it adds an app again at its next sign-in. "
        "Audited."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        account = get_user_model().objects.filter(username=options["username"]).first()
        if account is None:
            raise CommandError(f"No account named {options['username']!r}.")
        removed = second_factor_reset(user=None, account=account)
        if removed:
            self.stdout.write(
                f"{account.get_username()}: second factor reset. Set a new password: "
                f"manage.py changepassword {account.get_username()}"
            )
        else:
            self.stdout.write(f"{account.get_username()}: had no authenticator app.")
