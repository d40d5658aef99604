"""The party-cell admin's screens, one module per entity (viewsets and their views), with the
dashboard and the report downloads; `wagtail_hooks.py` registers them."""
