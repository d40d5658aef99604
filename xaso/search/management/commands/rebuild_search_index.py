from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from tqdm import tqdm

from xaso.search.services import index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index of every live public article and page."

    def handle(self, *args: Any, **options: Any) -> None:
        progress = tqdm(unit=_(" pages"), disable=None, file=self.stderr._out)

        def report(done: int, total: int) -> None:
            progress.total = total
            progress.update(done - progress.n)

        indexed = index_rebuild(progress=report)
        progress.close()
        self.stdout.write(_("%d documents indexed") % indexed)
