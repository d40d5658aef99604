from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Load the demo commune (Liên Khê, 2023). Idempotent: a second run changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.XASO_DEMO_ALLOWED:
            raise CommandError("The demo commune is not loaded into a production deployment.")
        from xaso.demo.loader import load_demo

        commune = load_demo(say=self.stdout.write)
        self.stdout.write(f"Demo ready: {commune}")
