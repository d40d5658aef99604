"""Signals other apps listen to (wired in their `apps.py`), so communes depends on none of them."""

from django.dispatch import Signal

# Sent after a commune, its site and home page exist: `sender=Commune, commune=…, user=…`.
# Apps add what every commune must have from day one (the register page, …).
commune_created = Signal()

# Sent after every receiver of `commune_created` has run (the home page and the pages every
# commune must have exist): `sender=Commune, commune=…, user=…`. accounts makes the commune's
# role groups here, with their permissions on the finished home page.
commune_completed = Signal()
