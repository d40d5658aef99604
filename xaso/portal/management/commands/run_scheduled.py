"""Publish and unpublish what is due, then run the apps' periodic jobs (`xaso.core.jobs`)."""

from typing import Any

from django.core.management.base import BaseCommand

from xaso.portal.scheduler import run_due


class Command(BaseCommand):
    help = "Publish scheduled pages, unpublish expired ones, run periodic jobs (every minute)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(run_due())
