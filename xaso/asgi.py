"""ASGI entry point, for ASGI servers (the deployment profile uses WSGI: see docs/deployment.md)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings.production")

application = get_asgi_application()
