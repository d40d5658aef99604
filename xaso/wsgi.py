import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings.production")
application = get_wsgi_application()

# Only the serving process publishes on schedule (not manage.py commands, not tests).
from xaso.portal import scheduler  # noqa: E402 — needs the app registry loaded above

scheduler.start()
