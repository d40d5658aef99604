"""The deployment files keep the server up and confined.

Every command line that starts granian (the Makefile, the benchmark, the deployment guide, the
systemd unit) respawns failed workers; the systemd units restart the server, run as the service
user with the hardening the province signs off, and run the scheduled jobs every minute. When
`systemd-analyze` is installed, the units are also checked by systemd itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
UNITS = ROOT / "deploy" / "systemd"
HARDENING = {
    "NoNewPrivileges": "yes",
    "ProtectSystem": "strict",
    "PrivateTmp": "yes",
    "ProtectHome": "yes",
    "User": "xaso",
    "EnvironmentFile": "/etc/xaso/env",
    "WorkingDirectory": "/srv/xaso",
}
WRITABLE = {"/srv/xaso/var/media", "/srv/xaso/var/private"}


def read_unit(name: str) -> dict[str, dict[str, list[str]]]:
    """A unit file as systemd reads it: sections of keys, each with every value it was given."""
    text = (UNITS / name).read_text().replace("\\\n", " ")
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        assert current is not None, f"{name}: {line!r} outside a section"
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(" ".join(value.split()))
    return sections


def one(section: dict[str, list[str]], key: str) -> str:
    values = section.get(key)
    assert values and len(values) == 1, f"{key}: {values}"
    return values[0]


def granian_command_lines(text: str) -> list[str]:
    """Each granian command line in a file: from `--interface` to the application it serves."""
    flat = text.replace("\\\n", " ")
    return re.findall(r"--interface.*?xaso\.[aw]sgi:application", flat, re.DOTALL)


GRANIAN_FILES = [
    "Makefile",
    "bench/stack.py",
    "bench/_stack_common.py",
    "docs/deployment.md",
    "deploy/systemd/xaso.service",
]


@pytest.mark.parametrize("path", GRANIAN_FILES)
def test_every_granian_command_line_respawns_failed_workers(path):
    lines = granian_command_lines((ROOT / path).read_text())
    assert lines, f"no granian command line found in {path}"
    for line in lines:
        assert "--respawn-failed-workers" in line, f"{path}: {line}"


def test_no_other_file_starts_granian_unlisted():
    listed = set(GRANIAN_FILES)
    found = {
        str(path.relative_to(ROOT))
        for pattern in ("Makefile", "README.md", "bench/*.py", "docs/**/*.md", "deploy/**/*")
        for path in ROOT.glob(pattern)
        if path.is_file() and granian_command_lines(path.read_text(errors="replace"))
    }
    assert found <= listed, f"also starts granian (add it to the respawn test): {found - listed}"


def test_the_app_server_unit_restarts_and_is_confined():
    unit = read_unit("xaso.service")
    service = unit["Service"]
    assert one(service, "Restart") == "always"
    assert one(service, "RestartSec") == "2"
    # systemd would otherwise give up after five quick restarts in ten seconds.
    assert one(unit["Unit"], "StartLimitIntervalSec") == "0"
    for key, value in HARDENING.items():
        assert one(service, key) == value, key
    assert set(one(service, "ReadWritePaths").split()) == WRITABLE
    command = one(service, "ExecStart").split()
    assert command[0] == "/srv/xaso/.venv/bin/granian"
    assert "--respawn-failed-workers" in command
    assert command[command.index("--host") + 1] == "127.0.0.1"  # behind nginx, never exposed
    assert command[-1] == "xaso.wsgi:application"
    assert one(unit["Install"], "WantedBy") == "multi-user.target"


def test_the_scheduled_jobs_run_every_minute_with_the_same_confinement():
    service = read_unit("xaso-publish.service")["Service"]
    assert one(service, "Type") == "oneshot"
    assert one(service, "ExecStart") == "/srv/xaso/.venv/bin/python manage.py run_scheduled"
    for key, value in HARDENING.items():
        assert one(service, key) == value, key
    assert set(one(service, "ReadWritePaths").split()) == WRITABLE
    timer = read_unit("xaso-publish.timer")  # same name: it starts xaso-publish.service
    assert one(timer["Timer"], "OnCalendar") == "*-*-* *:*:00"
    assert one(timer["Timer"], "Persistent") == "yes"
    assert one(timer["Install"], "WantedBy") == "timers.target"


def test_the_deployment_guide_points_at_the_unit_files():
    guide = (ROOT / "docs" / "deployment.md").read_text()
    for name in ("xaso.service", "xaso-publish.service", "xaso-publish.timer"):
        assert f"deploy/systemd/{name}" in guide, name


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze missing")
def test_systemd_accepts_the_units(tmp_path):
    # systemd checks that each command exists: point the units at this checkout's virtualenv.
    venv = Path(sys.executable).parent.parent
    for name in ("xaso.service", "xaso-publish.service", "xaso-publish.timer"):
        text = (UNITS / name).read_text().replace("/srv/xaso/.venv", str(venv))
        (tmp_path / name).write_text(text)
    result = subprocess.run(  # noqa: S603
        ["systemd-analyze", "verify", *sorted(str(path) for path in tmp_path.iterdir())],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr + result.stdout


def nginx_template(tmp_path: Path, upstream: list[str]) -> str:
    """deploy/nginx.conf.template filled in as bench/_stack_common.py fills it."""
    text = (ROOT / "deploy" / "nginx.conf.template").read_text()
    for key, value in {
        "user": "root",
        "run": str(tmp_path),
        "upstream_servers": "\n".join(upstream),
        "listen": "127.0.0.1:18080",
        "static_root": str(tmp_path / "static"),
        "media_root": str(tmp_path / "media"),
    }.items():
        text = text.replace("{" + key + "}", value)
    return text


def test_nginx_passes_on_to_the_next_node_only_what_may_be_sent_twice(tmp_path):
    text = nginx_template(tmp_path, ["server 10.0.0.11:8082;", "server 10.0.0.12:8082;"])
    directives = re.sub(r"#[^\n]*", "", text)
    assert re.search(r"\{[a-z_]+\}", directives) is None, "a placeholder left unfilled"
    retry = re.findall(r"^\s*proxy_next_upstream\s+([^;]*);", text, re.MULTILINE)
    # A node that is down or stopping: GET and HEAD go on to the next node. POST (a resident's
    # feedback, a counted visit) is never sent twice: nginx retries it only with non_idempotent.
    assert retry == ["error timeout http_502 http_503"]
    assert re.search(r"upstream xaso \{\s*server 10\.0\.0\.11:8082;\s*server 10\.0\.0\.12", text)


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx missing")
@pytest.mark.parametrize("nodes", [1, 2])
def test_nginx_accepts_the_template_for_one_node_and_for_two(tmp_path, nodes):
    upstream = [
        f"server 127.0.0.1:{8082 + number} max_fails=2 fail_timeout=10s;" for number in range(nodes)
    ]
    config = tmp_path / "nginx.conf"
    config.write_text(nginx_template(tmp_path, upstream))
    result = subprocess.run(  # noqa: S603
        ["nginx", "-t", "-c", str(config)],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
