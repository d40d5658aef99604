"""`manage.py check --deploy` finds nothing to say about the production settings, given what a
deployment must provide (docs/deployment.md)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("XASO_", "SECURE_", "DJANGO_"))
        and name not in {"DEBUG", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "SECRET_KEY"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="xaso.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="lienkhe.haiphong.gov.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'xaso.sqlite3'}",
        XASO_VAR_DIR=str(tmp_path),
        XASO_SECURITY_CONTACT="mailto:attt@haiphong.gov.vn",
    )
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = subprocess.run(  # noqa: S603 — this interpreter, fixed arguments
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
