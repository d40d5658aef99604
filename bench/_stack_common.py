"""What the benchmarks of the deployment profile share (bench/stack.py, bench/nodes.py): the
tools, a fresh PostgreSQL database, the production environment, the demo commune, nginx's
configuration from deploy/nginx.conf.template and granian's command line."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
MANAGE = [str(VENV / "python"), str(ROOT / "manage.py")]
UA = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
NGINX_FOLDERS = ("cache", "body", "proxy", "fastcgi", "uwsgi", "scgi")


def sh(*args: str, env: dict[str, str] | None = None, **kwargs: object) -> str:
    result = subprocess.run(args, env=env, check=True, capture_output=True, text=True, **kwargs)
    return result.stdout


def ensure_tools(*tools: str) -> None:
    """Install from Debian what is missing (the benchmarks run as root on a build machine)."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        print(f"installing {', '.join(missing)} from Debian …", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True)


def wait_for(url: str, seconds: float = 90) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=10)
            return
        except Exception:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def fresh_postgres(name: str) -> str:
    """Drop and create the database `name` on 127.0.0.1:5432; its DATABASE_URL."""
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def production_env(run: Path, *, database: str, redis: str, secret_key: str) -> dict[str, str]:
    """The province profile's settings for app servers behind nginx on loopback."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "xaso.settings.production",
        "SECRET_KEY": secret_key,
        "DATABASE_URL": database,
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": redis,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(run / "static"),
        "MEDIA_ROOT": str(run / "media"),
        "XASO_PRIVATE_ROOT": str(run / "private"),
        "XASO_DEMO_ALLOWED": "1",
        "XASO_TRUSTED_PROXIES": "127.0.0.1,::1",  # nginx in front, as deployed
    }


def prepare(env: dict[str, str]) -> None:
    """Messages, tables, static files and the demo commune, as a deployment does."""
    sh(*MANAGE, "translations", "compile", env=env)
    sh(*MANAGE, "migrate", "--noinput", env=env)
    sh(*MANAGE, "collectstatic", "--noinput", env=env)
    sh(*MANAGE, "load_demo", env=env)


def nginx_config(run: Path, *, listen: str, upstream: list[str]) -> Path:
    """deploy/nginx.conf.template filled in for a run folder: `upstream` holds one `server …;`
    line per application node. Returns the configuration file's path."""
    for sub in (*NGINX_FOLDERS, "static", "media"):
        (run / sub).mkdir(exist_ok=True)
    config = (ROOT / "deploy" / "nginx.conf.template").read_text()
    for key, value in {
        # The benchmark's files live in a private temporary folder: workers run as its owner.
        "user": pwd.getpwuid(os.getuid()).pw_name,
        "run": str(run),
        "upstream_servers": "\n        ".join(upstream),
        "listen": listen,
        "static_root": str(run / "static"),
        "media_root": str(run / "media"),
    }.items():
        config = config.replace("{" + key + "}", value)
    path = run / "nginx.conf"
    path.write_text(config)
    return path


def granian_command(port: int, *, workers: int, threads: int = 2) -> list[str]:
    """The deployment profile's app server (docs/deployment.md) on 127.0.0.1:`port`."""
    return [str(VENV / "granian"), "--interface", "wsgi", "--host", "127.0.0.1",
            "--port", str(port), "--workers", str(workers), "--blocking-threads", str(threads),
            "--http", "1", "--no-ws", "--respawn-failed-workers",
            "xaso.wsgi:application"]  # fmt: skip
