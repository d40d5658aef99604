"""Signals other apps listen to (wired in their `apps.py`), so communes depends on none of them."""

from django.dispatch import Signal

# Sent after a commune, its site and home page exist: `sender=Commune, commune=…, user=…`.
# Apps add what every commune must have from day one (the register page, …).
commune_created = Signal()
