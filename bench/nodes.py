"""Two application nodes behind nginx, one stopped in the middle of the load.

    .venv/bin/python bench/nodes.py            (make bench runs it)

On loopback: SeaweedFS (S3-compatible object storage, xaso.testing.s3) for the media and the
residents' attachments, PostgreSQL and Redis shared by two granian nodes, nginx in front
(deploy/nginx.conf.template with both nodes in its upstream), the demo commune loaded with its
pictures going to the bucket. Then for BENCH_FAILOVER_SECONDS (20) readers open articles and
count their visit (`POST /api/v1/views/<id>/`, as the article page's script does, each a new
browser) while residents send the public feedback form (`/phan-anh/`: its CSRF token, its
challenge answered, a phone number of their own). Halfway through node 1 gets SIGTERM (a clean
stop, as `systemctl stop` sends) and stays down.

It prints what was sent and what failed — each failure placed against the stop: in flight when
node 1 was told to stop, sent while it was stopping, or after it had gone — then the view counts
stored against the visits acknowledged, and the acknowledged feedback (each one's tracking code)
against the rows in the database, with a PASS or FAIL line for each of the three promises:
nothing but in-flight requests fail, view counts stay exact, no acknowledged feedback is lost.
The rate limits per client address are lifted for the run (every client here is 127.0.0.1).
"""

from __future__ import annotations

import http.client
import itertools
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from _stack_common import (
    ROOT,
    UA,
    ensure_tools,
    fresh_postgres,
    granian_command,
    nginx_config,
    prepare,
    production_env,
    wait_for,
)

SECONDS = float(os.environ.get("BENCH_FAILOVER_SECONDS", "20"))
REDIS = os.environ.get("BENCH_NODES_REDIS_URL", "redis://127.0.0.1:6379/7")
READERS, RESIDENTS, FORMS_AT_ONCE = 12, 4, 3
# TERM: a clean stop (systemctl stop). KILL: a crash, to see what a node dying mid-request costs.
STOP_SIGNAL = getattr(signal, "SIG" + os.environ.get("BENCH_FAILOVER_SIGNAL", "TERM").upper())
# Who gets the signal, in systemd's words: `control-group` (systemd's default, which
# deploy/systemd/xaso.service keeps) every process of the node at once; `mixed` the main process,
# which stops its workers.
KILL_MODE = os.environ.get("BENCH_FAILOVER_KILL_MODE", "control-group")


@dataclass
class Outcome:
    kind: str  # article, visit, form, feedback
    started: float
    ended: float
    ok: bool
    detail: str  # the status, or the error
    page: int = 0
    code: str = ""


class Client:
    """One keep-alive connection to nginx; a broken one is opened again on the next request."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection: http.client.HTTPConnection | None = None

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, http.client.HTTPMessage, list[str], bytes]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            self.connection.request(
                method, path, body=body, headers={"User-Agent": UA, **(headers or {})}
            )
            response = self.connection.getresponse()
            data = response.read()
        except Exception:
            self.connection.close()
            self.connection = None
            raise
        cookies = response.headers.get_all("Set-Cookie") or []
        return response.status, response.headers, cookies, data


class Load:
    def __init__(self, port: int, articles: list[tuple[int, str]]) -> None:
        self.port = port
        self.articles = articles
        self.outcomes: list[Outcome] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.phones = itertools.count(1)

    def timed(self, client: Client, kind: str, method: str, path: str, **kwargs: object) -> tuple:
        started = time.time()
        try:
            status, headers, cookies, data = client.request(method, path, **kwargs)  # type: ignore[arg-type]
        except Exception as error:
            outcome = Outcome(kind, started, time.time(), False, type(error).__name__)
            with self.lock:
                self.outcomes.append(outcome)
            return outcome, None
        outcome = Outcome(kind, started, time.time(), True, str(status))
        with self.lock:
            self.outcomes.append(outcome)
        return outcome, (status, headers, cookies, data)

    def reader(self) -> None:
        client = Client(self.port)
        while not self.stop.is_set():
            page, url = random.choice(self.articles)
            outcome, answer = self.timed(client, "article", "GET", url)
            if answer is None or answer[0] != 200:
                outcome.ok = False
                continue
            # A new browser each time (no cookie), as the article's script sends it.
            outcome, answer = self.timed(
                client, "visit", "POST", f"/api/v1/views/{page}/", body=b""
            )
            outcome.page = page
            if answer is None or answer[0] != 200 or "count" not in json.loads(answer[3]):
                outcome.ok = False

    def resident(self) -> None:
        from xaso.core import challenge
        from xaso.feedback.choices import Field, Kind

        client = Client(self.port)
        cookies: dict[str, str] = {}
        while not self.stop.is_set():
            forms = []
            for _ in range(FORMS_AT_ONCE):
                header = "; ".join(f"{k}={v}" for k, v in cookies.items())
                outcome, answer = self.timed(
                    client, "form", "GET", "/phan-anh/", headers={"Cookie": header}
                )
                if answer is None or answer[0] != 200:
                    outcome.ok = False
                    continue
                for cookie in answer[2]:
                    name, _, value = cookie.split(";")[0].partition("=")
                    cookies[name.strip()] = value
                html = answer[3].decode()
                csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
                token = re.search(r'name="challenge" value="([^"]+)"', html)
                if not csrf or not token:
                    outcome.ok = False
                    outcome.detail = "no token in the form"
                    continue
                asked = challenge.read("feedback", token.group(1))
                assert asked is not None
                forms.append((csrf.group(1), token.group(1), sum(asked.numbers), time.time()))
            for csrf_token, token, answer_sum, fetched in forms:
                # A person takes a few seconds to fill the form in (the challenge checks it).
                wait = fetched + challenge.min_seconds() + 0.3 - time.time()
                if wait > 0 and self.stop.wait(wait):
                    return
                phone = f"09{next(self.phones):08d}"
                body = urlencode({
                    "csrfmiddlewaretoken": csrf_token,
                    "challenge": token,
                    "answer": str(answer_sum),
                    "website": "",
                    "kind": random.choice(Kind.values),
                    "field": random.choice(Field.values),
                    "content": f"Đèn đường ở xóm {phone[-3:]} không sáng từ ba hôm nay.",
                    "sender_name": "Nguyễn Văn Thử",
                    "sender_address": "Thôn Đông, xã Liên Khê",
                    "sender_phone": phone,
                    "consent_handling": "on",
                }).encode()  # fmt: skip
                header = "; ".join(f"{k}={v}" for k, v in cookies.items())
                outcome, answer = self.timed(
                    client,
                    "feedback",
                    "POST",
                    "/phan-anh/",
                    body=body,
                    headers={
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Cookie": header,
                    },
                )
                if answer is None:
                    continue
                location = answer[1].get("Location", "")
                found = re.search(r"/da-gui/([^/]+)/", location)
                if answer[0] == 302 and found:
                    outcome.code = found.group(1).upper()
                else:
                    outcome.ok = False
                    outcome.detail += f" {location or answer[3][:80]!r}"


def workers(process: subprocess.Popen[bytes]) -> list[int]:
    """The process ids of a granian node's workers (its children), from /proc."""
    return [
        int(pid)
        for children in Path(f"/proc/{process.pid}/task").glob("*/children")
        for pid in children.read_text().split()
    ]


def node_cpu_seconds(process: subprocess.Popen[bytes]) -> float:
    """CPU time of a granian node's workers so far."""
    total = 0.0
    for pid in workers(process):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def stop_node(process: subprocess.Popen[bytes]) -> None:
    """Signal the node as systemd would with KILL_MODE; wait until all its processes are gone."""
    pids = workers(process)
    if KILL_MODE == "control-group" or STOP_SIGNAL == signal.SIGKILL:
        os.killpg(process.pid, STOP_SIGNAL)
    else:
        process.send_signal(STOP_SIGNAL)
    process.wait(timeout=60)
    deadline = time.time() + 60
    while time.time() < deadline and any(Path(f"/proc/{pid}").exists() for pid in pids):
        time.sleep(0.05)


def main() -> None:
    ensure_tools("nginx")
    sys.path.insert(0, str(ROOT))
    from xaso.testing import s3
    from xaso.testing.server import free_port

    run = Path(tempfile.mkdtemp(prefix="xaso-nodes-"))
    print("starting SeaweedFS (object storage) …", flush=True)
    store = s3.start(run / "s3")
    try:
        measure(run, store, free_port)
    finally:
        store.stop()
        shutil.rmtree(run / "s3" / "data", ignore_errors=True)  # the nodes' logs stay


def measure(run: Path, store: object, free_port: object) -> None:
    import redis

    from xaso.testing.s3 import S3Server

    assert isinstance(store, S3Server)
    client = store.client()
    for bucket in ("xaso-media", "xaso-private"):
        client.create_bucket(Bucket=bucket)
    redis_client = redis.Redis.from_url(REDIS)
    redis_client.flushdb()
    env = production_env(
        run,
        database=fresh_postgres("xaso_nodes"),
        redis=REDIS,
        secret_key=secrets.token_urlsafe(40),
    ) | {
        "XASO_S3_ENDPOINT_URL": store.endpoint,
        "XASO_S3_BUCKET": "xaso-media",
        "XASO_S3_PRIVATE_BUCKET": "xaso-private",
        "XASO_S3_ACCESS_KEY_ID": store.access_key,
        "XASO_S3_SECRET_ACCESS_KEY": store.secret_key,
        "XASO_S3_REGION": "us-east-1",
        # Every client of the benchmark is 127.0.0.1: one address for all the residents.
        "XASO_FEEDBACK_LIMIT_PER_ADDRESS": "1000000",
        "XASO_VIEW_LIMIT_PER_ADDRESS": "0",
    }
    print("preparing two nodes' database, Redis and bucket with the demo commune …", flush=True)
    prepare(env)
    media = client.list_objects_v2(Bucket="xaso-media").get("KeyCount", 0)
    ports = [free_port(), free_port()]  # type: ignore[operator]
    front = free_port()  # type: ignore[operator]
    upstream = [f"server 127.0.0.1:{port} max_fails=2 fail_timeout=10s;" for port in ports]
    config = nginx_config(run, listen=f"127.0.0.1:{front}", upstream=upstream)
    nodes = []
    for number, port in enumerate(ports, 1):
        log = (run / f"node-{number}.log").open("wb")
        nodes.append(
            subprocess.Popen(
                granian_command(port, workers=1, threads=4),
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a process group of its own, as a systemd unit
            )
        )
    nginx = subprocess.Popen(
        ["nginx", "-c", str(config), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for port in (*ports, front):
            wait_for(f"http://127.0.0.1:{port}/")
        report(run, env, front, nodes, media, redis_client)
    finally:
        nginx.terminate()
        for process in [*nodes, nginx]:
            if process.poll() is None:
                process.terminate()
        for process in [nginx, *nodes]:
            process.wait(timeout=30)


def report(
    run: Path,
    env: dict[str, str],
    front: int,
    nodes: list[subprocess.Popen[bytes]],
    media: int,
    redis_client: object,
) -> None:
    os.environ.update(env)
    import django

    django.setup()
    from xaso.feedback.models import Submission
    from xaso.portal.models import ArticlePage, PageViewCount

    articles = [(page.pk, page.url) for page in ArticlePage.objects.live().public()[:8]]

    def counts() -> dict[int, int]:
        stored = dict(
            PageViewCount.objects.filter(page_id__in=[pk for pk, _ in articles]).values_list(
                "page_id", "count"
            )
        )
        return {pk: stored.get(pk, 0) for pk, _ in articles}

    before = counts()
    feedback_before = Submission.objects.count()
    load = Load(front, articles)
    threads = [threading.Thread(target=load.reader) for _ in range(READERS)]
    threads += [threading.Thread(target=load.resident) for _ in range(RESIDENTS)]
    print(
        f"load for {SECONDS:.0f} s: {READERS} readers (article + counted visit), "
        f"{RESIDENTS} residents sending feedback; node 1 gets {STOP_SIGNAL.name} at "
        f"{SECONDS / 2:.0f} s (KillMode={KILL_MODE})",
        flush=True,
    )
    began = time.time()
    for thread in threads:
        thread.start()
    time.sleep(SECONDS / 2)
    cpu = [node_cpu_seconds(node) for node in nodes]
    stopped = time.time()
    stop_node(nodes[0])
    gone = time.time()
    time.sleep(max(0.0, began + SECONDS - time.time()))
    load.stop.set()
    for thread in threads:
        thread.join()
    # Node 2's flusher moves what waits in Redis every second; wait until nothing does.
    deadline = time.time() + 15
    while time.time() < deadline and (
        redis_client.exists("xaso:views:live")  # type: ignore[attr-defined]
        or redis_client.scard("xaso:views:batches")  # type: ignore[attr-defined]
    ):
        time.sleep(0.5)
    time.sleep(1.5)
    after = counts()
    print_figures(load.outcomes, stopped, gone, cpu, media, nodes[0].returncode)
    print_invariants(load.outcomes, stopped, gone, before, after, feedback_before)
    print(f"(run folder with the nodes' logs: {run})")


def where(outcome: Outcome, stopped: float, gone: float) -> str:
    if outcome.started < stopped <= outcome.ended:
        return IN_FLIGHT
    if stopped <= outcome.started < gone:
        return STOPPING
    if outcome.started >= gone:
        return "sent after node 1 had gone"
    return "before the stop"


IN_FLIGHT = "sent before the stop, unanswered at it"
# nginx had sent it to node 1 (on a kept-alive connection) while node 1 was shutting down.
STOPPING = "sent while node 1 was stopping"


def print_figures(
    outcomes: list[Outcome],
    stopped: float,
    gone: float,
    cpu: list[float],
    media: int,
    exit_code: int | None,
) -> None:
    print(f"\nmedia objects in the bucket after loading the demo: {media}")
    print(
        f"node CPU seconds before the stop: node 1 {cpu[0]:.1f}, node 2 {cpu[1]:.1f} (both served)"
    )
    print(f"node 1: {STOP_SIGNAL.name}, exited with {exit_code} after {gone - stopped:.2f} s")
    print(f"\n{'requests':<12}{'sent':>8}{'ok':>8}{'failed':>8}{'sent after the stop':>22}")
    for kind in ("article", "visit", "form", "feedback"):
        rows = [o for o in outcomes if o.kind == kind]
        good = sum(o.ok for o in rows)
        later = sum(o.started >= stopped for o in rows)
        print(f"{kind:<12}{len(rows):>8}{good:>8}{len(rows) - good:>8}{later:>22}")
    failures = [o for o in outcomes if not o.ok]
    for place, number in Counter(where(o, stopped, gone) for o in failures).items():
        print(f"  failed, {place}: {number}")
    for outcome in failures[:10]:
        print(f"    {outcome.kind}: {outcome.detail} ({where(outcome, stopped, gone)})")


def print_invariants(
    outcomes: list[Outcome],
    stopped: float,
    gone: float,
    before: dict[int, int],
    after: dict[int, int],
    feedback_before: int,
) -> None:
    from xaso.feedback.models import Submission

    failures = [o for o in outcomes if not o.ok]
    # In flight: at node 1 while it stopped — sent before its signal, or by nginx to node 1
    # during its shutdown.
    stray = [o for o in failures if where(o, stopped, gone) not in (IN_FLIGHT, STOPPING)]
    print(
        f"\n{'PASS' if not stray else 'FAIL'}: nothing but requests in flight at node 1 while it "
        f"stopped failed ({len(failures)} failed, {len(stray)} of them at another time)"
    )

    served = Counter(o.page for o in outcomes if o.kind == "visit" and o.ok)
    unanswered = Counter(o.page for o in failures if o.kind == "visit")
    grown = {pk: after[pk] - before[pk] for pk in before}
    exact = all(grown[pk] == served[pk] for pk in before)
    # A visit whose answer was lost may have been counted by the node before it stopped.
    within = all(served[pk] <= grown[pk] <= served[pk] + unanswered[pk] for pk in before)
    print(
        f"{'PASS' if exact or within else 'FAIL'}: view counts exact — stored counts grew by "
        f"{sum(grown.values())}, visits acknowledged {sum(served.values())}"
        + (
            ""
            if exact
            else f", visits unanswered {sum(unanswered.values())} (counted before the stop: "
            f"{sum(grown.values()) - sum(served.values())})"
        )
    )

    acknowledged = {o.code for o in outcomes if o.kind == "feedback" and o.ok}
    stored = set(
        Submission.objects.filter(tracking_code__in=acknowledged).values_list(
            "tracking_code", flat=True
        )
    )
    new_rows = Submission.objects.count() - feedback_before
    unanswered_posts = sum(1 for o in failures if o.kind == "feedback")
    missing = acknowledged - stored
    print(
        f"{'PASS' if not missing else 'FAIL'}: no feedback lost — {len(acknowledged)} "
        f"acknowledged with a tracking code, {len(stored)} of those codes in the database, "
        f"{new_rows} new rows ({unanswered_posts} submissions got no answer)"
        + (f"; missing: {', '.join(sorted(missing))}" if missing else "")
    )
    if acknowledged:
        print(f"  codes, e.g.: {', '.join(sorted(acknowledged)[:5])}")


if __name__ == "__main__":
    main()
