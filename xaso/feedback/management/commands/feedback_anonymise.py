"""Remove the personal data of every handled submission past its retention period."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from xaso.feedback.privacy import retention_days, submissions_anonymise_expired


class Command(BaseCommand):
    help = "Anonymise residents' submissions whose retention period has ended."

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            count = submissions_anonymise_expired()
            days = retention_days()
            if count:
                message = ngettext(
                    "Removed the personal data of %(count)d submission kept more than "
                    "%(days)d days after its last step.",
                    "Removed the personal data of %(count)d submissions kept more than "
                    "%(days)d days after their last step.",
                    count,
                ) % {"count": count, "days": days}
            else:
                message = _("No submission is past its retention period.")
            self.stdout.write(message)
