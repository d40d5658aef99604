"""requirements/lock.txt pins, with hashes, everything pyproject.toml asks for.

`make install` (and so `make run`, `make test` and CI) installs only what the lock names, with
`pip install --require-hashes`, then xaso itself without dependencies: a dependency added to
pyproject.toml but not to the lock would be missing from every fresh install. Run `make lock` and
commit both files (docs/dependencies.md).
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[3]
LOCK = ROOT / "requirements" / "lock.txt"
# What the lock is made for (make lock): CPython 3.11 on Linux x86_64.
TARGET = {"python_version": "3.11", "sys_platform": "linux", "platform_machine": "x86_64"}


def read_lock() -> dict[str, tuple[str, list[str]]]:
    """Each locked package: its pinned version and the hashes of its files."""
    entries: dict[str, tuple[str, list[str]]] = {}
    for line in LOCK.read_text().replace("\\\n", " ").splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        requirement, *options = line.split()
        name, _, version = requirement.partition("==")
        assert version and ";" not in version, f"not pinned to one version: {line}"
        hashes = [
            option for option in options if re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", option)
        ]
        entries[canonicalize_name(name)] = (version, hashes)
    return entries


def declared() -> list[Requirement]:
    """pyproject.toml's dependencies, dev extra and build backend; requirements/build.in."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    texts = [
        *pyproject["project"]["dependencies"],
        *pyproject["project"]["optional-dependencies"]["dev"],
        *pyproject["build-system"]["requires"],
    ]
    for line in (ROOT / "requirements" / "build.in").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            texts.append(line)
    return [Requirement(text) for text in texts]


def applies(requirement: Requirement, extra: str = "") -> bool:
    return requirement.marker is None or requirement.marker.evaluate({**TARGET, "extra": extra})


def test_the_lock_pins_every_declared_dependency_in_its_range():
    lock = read_lock()
    missing, outside = [], []
    for requirement in declared():
        if not applies(requirement):
            continue
        name = canonicalize_name(requirement.name)
        if name not in lock:
            missing.append(str(requirement))
        elif not requirement.specifier.contains(lock[name][0], prereleases=True):
            outside.append(f"{requirement} (locked {lock[name][0]})")
    assert not missing, f"not in requirements/lock.txt, run `make lock`: {missing}"
    assert not outside, f"locked outside the range pyproject.toml allows: {outside}"


def test_the_lock_has_what_requested_extras_bring():
    """`psycopg[binary]` needs psycopg-binary, `whitenoise[brotli]` Brotli, and so on."""
    lock = read_lock()
    missing = []
    for requirement in declared():
        for extra in sorted(requirement.extras):
            try:
                requires = metadata.requires(requirement.name) or []
            except metadata.PackageNotFoundError:
                pytest.fail(f"{requirement.name} is not installed: run `make install`")
            for text in requires:
                needed = Requirement(text)
                # Only what this extra adds: a requirement without a marker is always needed.
                wanted = needed.marker is not None and needed.marker.evaluate(
                    {**TARGET, "extra": extra}
                )
                if wanted and canonicalize_name(needed.name) not in lock:
                    missing.append(f"{needed.name} (for {requirement.name}[{extra}])")
    assert not missing, f"not in requirements/lock.txt, run `make lock`: {missing}"


def test_every_locked_package_has_hashes():
    lock = read_lock()
    assert len(lock) > 20
    assert not [name for name, (_, hashes) in lock.items() if not hashes]


def test_make_install_installs_exactly_the_lock():
    makefile = (ROOT / "Makefile").read_text()
    assert "LOCK := requirements/lock.txt" in makefile
    assert re.search(r"^\$\(STAMP\): pyproject\.toml \$\(LOCK\)$", makefile, re.MULTILINE)
    assert re.search(r"STAMP := .*cat pyproject\.toml \$\(LOCK\)", makefile)
    # uv installs the lock, hash-checked; uv itself comes from pip, against its locked hashes.
    assert "uv pip install --quiet --python $(BIN)/python --require-hashes -r $(LOCK)" in makefile
    assert "@scripts/install-uv $(LOCK) $(BIN)/python" in makefile
    installer = (ROOT / "scripts" / "install-uv").read_text()
    assert "pip install --quiet --no-deps --require-hashes" in installer
    assert "pip install --quiet --no-deps --no-build-isolation -e ." in makefile
