"""The embedded default: one machine, SQLite, local cache, built-in server."""

import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR, env, env_bool

VAR_DIR.mkdir(parents=True, exist_ok=True)
_key_file = VAR_DIR / "dev_secret_key"
if not _key_file.exists():
    # Generated per checkout, never committed.
    _key_file.write_text(secrets.token_urlsafe(50))
    _key_file.chmod(0o600)
SECRET_KEY = _key_file.read_text().strip()

DEBUG = env_bool("DEBUG", False)
# The embedded default has no cron: its one process publishes scheduled pages itself.
XASO_SCHEDULER_SECONDS = int(env("XASO_SCHEDULER_SECONDS", "30"))
XASO_SERVE_MEDIA = True
# The demo's portals answer at *.localhost (lienkhe.localhost, haiphong.localhost…), which
# browsers send to this machine: their sites are in the database, so the host check
# (xaso.communes.hosts) lets them through with no setting here.
