"""A real ``jreject serve`` (uvicorn, in its own process) and a static shop, for the proxy tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)"
OLD_SAFARI = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/15.6 Safari/605.1.15"
)
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"

#: Block IE 10 and older; the modal for browsers below Rails' modern set.
CONFIG = """\
[[policy]]
reject = { msie = 10 }
action = "block"

[[policy]]
minimum = { preset = "modern" }
action = "modal"
"""

PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pebble &amp; Pine</title></head>
<body><h1>Pebble &amp; Pine</h1><p>Hand-made cutting boards.</p></body></html>
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            httpx.get(url, timeout=1.0, trust_env=False)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@dataclass
class Service:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path


@contextmanager
def running_service(folder: Path, config_text: str = CONFIG, *options: str) -> Iterator[Service]:
    """``jreject serve`` started as users start it, on a free loopback port."""
    config = folder / "jreject.toml"
    config.write_text(config_text, "utf-8")
    port = free_port()
    log = folder / "serve.log"
    command = [
        sys.executable,
        "-c",
        "from jreject.cli import main; main()",
        "serve",
        "--config",
        str(config),
        "--port",
        str(port),
        *options,
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=os.environ)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/healthz")
        yield Service(url, port, process, log)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def write_site(root: Path) -> Path:
    """The static shop nginx serves."""
    (root / "index.html").write_bytes(PAGE)
    (root / "boards.html").write_bytes(PAGE.replace(b"Hand-made", b"Oak and walnut"))
    return root


@pytest.fixture(scope="package")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with running_service(tmp_path_factory.mktemp("service")) as running:
        yield running


@pytest.fixture(scope="package")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("site"))
