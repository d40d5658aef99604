"""The deployment profile under load, side by side with its ceiling and the embedded default.

    .venv/bin/python bench/stack.py            (make bench runs it)

Installs nginx and wrk from Debian when missing, then on loopback: PostgreSQL + Redis + granian
behind nginx (deploy/nginx.conf.template) with the demo commune, and the embedded default
(one granian process on SQLite, as `make run`). With wrk (2 threads, 32 connections) it measures:
the article through the stack; the same HTML served by nginx as a static file (the ceiling); the
home and a category page; the article with the page caches bypassed (a session cookie, as an
editor's browser sends: nginx and the page cache pass it through, so it is rendered each time);
the same straight from each candidate app server (granian, gunicorn, uvicorn) to choose among
them; the embedded default. Then it sends counted visits through the stack and checks that the
stored view count grew by exactly as many, and reports the app workers' memory. Lighthouse
(mobile) runs last when npm is available.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _stack_common import (
    MANAGE,
    ROOT,
    UA,
    VENV,
    ensure_tools,
    fresh_postgres,
    granian_command,
    nginx_config,
    prepare,
    production_env,
    sh,
    wait_for,
)

DURATION = os.environ.get("BENCH_SECONDS", "10")
STACK_PORT, APP_PORT, EMBEDDED_PORT, GUNICORN_PORT, UVICORN_PORT = 8081, 8082, 8083, 8084, 8085
REDIS = "redis://127.0.0.1:6379/3"


def wrk(url: str, *extra: str) -> dict[str, float]:
    out = sh(
        "wrk", "-t2", "-c32", f"-d{DURATION}s", "--latency", "-H", f"User-Agent: {UA}", *extra, url
    )

    def latency(label: str) -> float:
        match = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": latency("50"),
        "p99": latency("99"),
        "requests": requests,
        "errors": int(errors.group(1)) if errors else 0,
    }


def exact_visits(url: str, total: int, threads: int) -> int:
    """POST `total` counting calls, each as a new browser; returns how many got a 200."""
    from concurrent.futures import ThreadPoolExecutor

    def one(_: int) -> int:
        request = urllib.request.Request(url, method="POST", headers={"User-Agent": UA})
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status == 200)

    with ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(one, range(total)))


def main() -> None:
    ensure_tools("nginx", "wrk")
    run = Path(tempfile.mkdtemp(prefix="xaso-stack-"))
    database = fresh_postgres("xaso_stack")
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    env = production_env(run, database=database, redis=REDIS, secret_key=secrets.token_urlsafe(40))
    print("preparing the deployment profile (PostgreSQL, Redis, demo data) …", flush=True)
    prepare(env)
    nginx_config(run, listen=f"127.0.0.1:{STACK_PORT}", upstream=[f"server 127.0.0.1:{APP_PORT};"])

    embedded_var = run / "embedded"
    embedded_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "xaso.settings.dev",
        "XASO_VAR_DIR": str(embedded_var),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    embedded_env.pop("DATABASE_URL", None)
    embedded_env.pop("REDIS_URL", None)
    sh(*MANAGE, "migrate", "--noinput", env=embedded_env)
    sh(*MANAGE, "collectstatic", "--noinput", env=embedded_env)
    sh(*MANAGE, "load_demo", env=embedded_env)

    workers = str(os.cpu_count() or 2)
    servers = {
        # The deployment profile's choice (docs/deployment.md), chosen by the comparison below.
        "granian": granian_command(APP_PORT, workers=int(workers)),
        "gunicorn": [str(VENV / "gunicorn"), "xaso.wsgi:application", "--bind",
                     f"127.0.0.1:{GUNICORN_PORT}", "--workers", workers, "--threads", "4",
                     "--worker-class", "gthread"],
        "uvicorn": [str(VENV / "uvicorn"), "xaso.asgi:application", "--host", "127.0.0.1",
                    "--port", str(UVICORN_PORT), "--workers", workers, "--no-access-log"],
    }  # fmt: skip
    # As `make run`.
    embedded = [str(VENV / "granian"), "--interface", "wsgi", "--no-ws", "--host", "127.0.0.1",
                "--port", str(EMBEDDED_PORT), "--workers", "1", "--blocking-threads", "4",
                "--respawn-failed-workers", "xaso.wsgi:application"]  # fmt: skip
    processes = [
        subprocess.Popen(
            command,
            env=embedded_env if command is embedded else env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for command in [servers["granian"], embedded, servers["gunicorn"], servers["uvicorn"]]
    ]
    nginx = subprocess.Popen(
        ["nginx", "-c", str(run / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        stack = f"http://127.0.0.1:{STACK_PORT}"
        for port in (APP_PORT, EMBEDDED_PORT, GUNICORN_PORT, UVICORN_PORT):
            wait_for(f"http://127.0.0.1:{port}/")
        wait_for(stack + "/")
        sys.path.insert(0, str(ROOT))
        os.environ.update(env)
        import django

        django.setup()
        from xaso.portal.models import ArticlePage, PageViewCount

        article = ArticlePage.objects.get(source_name="Hải Phòng Online")
        category = article.get_parent()
        html = urllib.request.urlopen(stack + article.url).read()
        (run / "static-ceiling.html").write_bytes(html)
        print(f"article page: {len(html) / 1024:.1f} KB of HTML", flush=True)
        bypass = ["-H", "Cookie: sessionid=bench"]

        def direct(port: int) -> str:
            return f"http://127.0.0.1:{port}"

        cases = [
            ("static file (ceiling)", stack + "/static-ceiling.html", []),
            ("article, through the stack", stack + article.url, []),
            ("home, through the stack", stack + "/", []),
            ("category, through the stack", stack + category.url, []),
            ("article, caches bypassed", stack + article.url, bypass),
            ("  … straight to granian", f"{direct(APP_PORT)}{article.url}", bypass),
            ("  … straight to gunicorn", f"{direct(GUNICORN_PORT)}{article.url}", bypass),
            ("  … straight to uvicorn", f"{direct(UVICORN_PORT)}{article.url}", bypass),
            ("article, embedded default", f"{direct(EMBEDDED_PORT)}{article.url}", []),
        ]
        results = {}
        for name, url, extra in cases:
            results[name] = wrk(url, *extra)
        ceiling = results["static file (ceiling)"]["rps"]
        print(
            f"\n{'case':<30}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'× ceiling':>11}{'errors':>8}"
        )
        for name, row in results.items():
            print(
                f"{name:<30}{row['rps']:>10.0f}{row['p50']:>9.2f}{row['p99']:>9.2f}"
                f"{row['rps'] / ceiling:>11.3f}{row['errors']:>8}"
            )

        before = PageViewCount.objects.get(page=article).count
        counted = wrk(
            stack + f"/api/v1/views/{article.pk}/", "-s", str(ROOT / "bench" / "post.lua")
        )
        # wrk does not report requests still in flight when it stops, so the exact check sends a
        # known number of visits itself, from 16 threads at once.
        time.sleep(3)
        middle = PageViewCount.objects.get(page=article).count
        sent = exact_visits(stack + f"/api/v1/views/{article.pk}/", 2000, 16)
        time.sleep(3)  # the flushers run every second
        after = PageViewCount.objects.get(page=article).count
        verdict = "exact" if after - middle == sent else "MISMATCH"
        print(
            f"\nview counting through the stack: {counted['rps']:.0f} counted visits/s "
            f"(p99 {counted['p99']:.1f} ms); {middle - before} stored from that run"
        )
        print(
            f"exact check: {sent} visits sent from 16 threads, stored count grew by "
            f"{after - middle}: {verdict}"
        )
        rss = sh("ps", "-o", "rss=,args=", "--ppid", str(processes[0].pid))
        sizes = [int(line.split()[0]) / 1024 for line in rss.strip().splitlines()]
        print(
            "app worker memory after the benchmark: "
            + ", ".join(f"{size:.0f} MB" for size in sizes)
        )
        lighthouse(stack, article.url)
    finally:
        nginx.terminate()
        for process in processes:
            process.terminate()
        for process in [nginx, *processes]:
            process.wait(timeout=20)


def lighthouse(stack: str, article_url: str) -> None:
    npm = shutil.which("npm")
    if npm is None:
        print("Lighthouse skipped: npm is not installed")
        return
    tools = ROOT / "bench" / ".lighthouse"
    cli = tools / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        tools.mkdir(exist_ok=True)
        subprocess.run(
            [npm, "i", "-E", "--silent", "--prefix", str(tools), "lighthouse@12.2.3"],
            check=True,
        )
    flags = (
        "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
        "--disable-background-networking --disable-component-update --disable-sync"
    )
    print("\nLighthouse (mobile): performance / accessibility / best practices / SEO")
    for name, url in (("home", stack + "/"), ("article", stack + article_url)):
        out = subprocess.run(
            [
                str(cli),
                url,
                "--quiet",
                "--output=json",
                f"--chrome-flags={flags}",
                "--only-categories=performance,accessibility,best-practices,seo",
            ],
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
            capture_output=True,
            text=True,
        )
        try:
            categories = json.loads(out.stdout)["categories"]
        except (ValueError, KeyError):
            print(f"  {name}: Lighthouse failed: {out.stderr.strip()[-300:]}")
            continue
        scores = [
            round((categories[key]["score"] or 0) * 100)
            for key in ("performance", "accessibility", "best-practices", "seo")
        ]
        print(f"  {name:<8} {' / '.join(str(score) for score in scores)}")


if __name__ == "__main__":
    main()
