"""Release sign-in lockouts at once, for the province's operators: an account (from every
address), a client address (every account), or both. Audited as `xaso.lockout_release`, with no
acting user and "command" in its data."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from xaso.accounts import lockout
from xaso.accounts.services import account_lockout_release, address_lockout_release
from xaso.core.clientip import parse_address


class Command(BaseCommand):
    help = (
        "Release the sign-in lockout of an account (--username, from every address) and/or of "
        "a client address (--address, for every account) at once; each release is audited."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--username", action="append", default=[], metavar="NAME", help="an account's name"
        )
        parser.add_argument(
            "--address", action="append", default=[], metavar="ADDRESS", help="an IP address"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._release(list(options["username"]), list(options["address"]))

    def _release(self, usernames: list[str], addresses: list[str]) -> None:
        if not usernames and not addresses:
            raise CommandError(
                _("Name an account (--username NAME) or a client address (--address ADDRESS).")
            )
        model = get_user_model()
        # Every argument is checked before anything is released.
        accounts = []
        for name in usernames:
            account = model._default_manager.filter(**{model.USERNAME_FIELD: name}).first()
            if account is None:
                raise CommandError(_("No account is named “%(name)s”.") % {"name": name[:150]})
            accounts.append(account)
        for address in addresses:
            if parse_address(address) is None:
                raise CommandError(
                    _("“%(address)s” is not an IP address.") % {"address": address[:64]}
                )
        for account in accounts:
            removed = account_lockout_release(user=None, account=account)
            self.stdout.write(
                ngettext(
                    "Released the sign-in lockout of “%(name)s” (%(count)d record of failed "
                    "sign-ins removed).",
                    "Released the sign-in lockout of “%(name)s” (%(count)d records of failed "
                    "sign-ins removed).",
                    removed,
                )
                % {"name": account.get_username(), "count": removed}
            )
        for address in addresses:
            try:
                concerned = address_lockout_release(user=None, address=address)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            names = ", ".join(account.get_username() for account in concerned)
            self.stdout.write(
                _("Released the sign-in lockouts from %(address)s; accounts concerned: %(names)s.")
                % {"address": address, "names": names}
                if concerned
                else _(
                    "Released the sign-in lockouts from %(address)s; no existing account "
                    "was concerned."
                )
                % {"address": address}
            )
            if not lockout.address_counter_shared():
                self.stdout.write(
                    _(
                        "Without Redis (REDIS_URL), the failures counted per address live in "
                        "the server's own memory, which this command cannot reach: they end "
                        "within %(minutes)d minutes, or at once when the server restarts."
                    )
                    % {"minutes": lockout.cooloff_minutes()}
                )
