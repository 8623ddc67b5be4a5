"""A real nginx on loopback, running the configuration docs/serve.md shows."""

from __future__ import annotations

import getpass
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from docs_snippets import blocks
from serve.conftest import free_port

#: Debian puts nginx in /usr/sbin, which is not on every user's PATH.
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")

# The addresses and folder the docs use, and what each becomes in a test.
DOCS_UPSTREAM = "server 127.0.0.1:8080;"
DOCS_LISTEN = "listen 80;"
DOCS_ROOT = "root /var/www/shop;"
DOCS_SITE = "location / {"
DOCS_SUB_FILTER = "sub_filter '</body>' $jreject_body_end;"

MAIN = """\
user {user};
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log info;
events {{ worker_connections 128; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    types {{ text/html html; text/css css; text/javascript js; }}
    default_type application/octet-stream;
{server}
}}
"""


def docs_config() -> str:
    """The nginx block of docs/serve.md, as users copy it."""
    (config,) = blocks("serve.md", "nginx")
    return config


def site_config(service_port: int, listen_port: int, root: Path, ssi: bool = False) -> str:
    """The docs' configuration with this test's addresses and folder, nothing else changed.

    ``ssi`` adds ``ssi on;`` to the site's location and drops ``sub_filter``, as
    docs/serve.md's SSI section says.
    """
    text = docs_config()
    for old, new in (
        (DOCS_UPSTREAM, f"server 127.0.0.1:{service_port};"),
        (DOCS_LISTEN, f"listen 127.0.0.1:{listen_port};"),
        (DOCS_ROOT, f"root {root};"),
        *([(DOCS_SITE, DOCS_SITE + "\n        ssi on;"), (DOCS_SUB_FILTER, "")] if ssi else []),
    ):
        assert text.count(old) == 1, f"docs/serve.md's nginx block no longer has {old!r}"
        text = text.replace(old, new)
    return text


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    """Until nginx accepts connections (a page request could wait on a hung service)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@dataclass
class Nginx:
    url: str
    folder: Path

    def error_log(self) -> str:
        return (self.folder / "error.log").read_text("utf-8", "replace")


@contextmanager
def running_nginx(
    folder: Path, service_port: int, root: Path, *, ssi: bool = False
) -> Iterator[Nginx]:
    """nginx in the foreground, every path it writes inside ``folder``."""
    assert NGINX is not None
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = folder / "nginx.conf"
    conf.write_text(
        MAIN.format(
            user=getpass.getuser(), tmp=folder, server=site_config(service_port, port, root, ssi)
        ),
        "utf-8",
    )
    command = [NGINX, "-p", str(folder), "-c", str(conf), "-e", str(folder / "error.log")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    with (folder / "stderr.log").open("wb") as stderr:
        process = subprocess.Popen(
            [*command, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=stderr
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_port(port)
        yield Nginx(url, folder)
    finally:
        process.terminate()  # SIGTERM: nginx's fast shutdown
        process.wait(timeout=10)
