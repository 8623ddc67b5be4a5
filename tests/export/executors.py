"""Run an export for real: Python ``re``, node, a real nginx and a real varnishd on loopback."""

from __future__ import annotations

import getpass
import http.client
import json
import os
import shutil
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from jreject.export import Export, render

NODE = shutil.which("node")
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
VARNISHD = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin:/usr/local/sbin")


def sendable(user_agents: Sequence[str]) -> list[str]:
    """The User-Agents an HTTP client can send as they are (printable Latin-1, no CR/LF)."""
    return [ua for ua in user_agents if ua.isprintable() and ua == ua.strip() and ua.isascii()]


def with_regex(export: Export, user_agents: Sequence[str], folder: Path) -> list[str]:
    """The ``regex`` target, read back from its text and run with Python's ``re``."""
    import re

    rules = []
    for line in render(export, "regex").splitlines():
        if line.startswith("#"):
            continue
        cls, flags, pattern = line.split("\t", 2)
        rules.append((re.compile(pattern, re.IGNORECASE if flags == "i" else 0), cls))
    out = []
    for ua in user_agents:
        out.append(next((cls for regex, cls in rules if regex.search(ua)), "ok"))
    return out


def with_node(export: Export, user_agents: Sequence[str], folder: Path) -> list[str]:
    """The ``js`` target, required by node, given the User-Agents as JSON."""
    assert NODE is not None
    module = folder / "jreject-class.js"
    module.write_text(render(export, "js"), "utf-8")
    script = (
        f"const f = require({json.dumps(str(module))}); let s = '';"
        "process.stdin.on('data', d => s += d);"
        "process.stdin.on('end', () => process.stdout.write(JSON.stringify(JSON.parse(s).map(f))));"
    )
    done = subprocess.run(
        [NODE, "-e", script],
        input=json.dumps(list(user_agents)),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return list(json.loads(done.stdout))


def _ask(port: int, user_agents: Sequence[str], header: str) -> list[str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    out = []
    for ua in user_agents:
        connection.request("GET", "/", headers={"User-Agent": ua})
        response = connection.getresponse()
        out.append(response.getheader(header) or "")
        response.read()
    connection.close()
    return out


def _wait(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while True:
        probe = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        try:
            probe.request("HEAD", "/")
            probe.getresponse().read()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(log.read_text("utf-8", "replace")) from None
            time.sleep(0.1)
        finally:
            probe.close()


NGINX_CONF = """\
user {user};
worker_processes 1;
pid {tmp}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/jreject-class.conf;
    server {{
        listen 127.0.0.1:{port};
        location / {{ add_header JReject-Class $jreject_class always; return 204; }}
    }}
}}
"""


def with_nginx(export: Export, user_agents: Sequence[str], folder: Path) -> list[str]:
    """The ``nginx`` target's map in a real nginx, which echoes ``$jreject_class``."""
    from serve.conftest import free_port

    assert NGINX is not None
    (folder / "jreject-class.conf").write_text(render(export, "nginx"), "utf-8")
    port = free_port()
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(user=getpass.getuser(), tmp=folder, port=port), "utf-8")
    log = folder / "error.log"
    command = [NGINX, "-p", str(folder), "-c", str(conf), "-e", str(log)]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.DEVNULL)
    try:
        _wait(port, process, log)
        return _ask(port, user_agents, "JReject-Class")
    finally:
        process.terminate()
        process.wait(10)


VARNISH_VCL = """\
{export}
backend default none;

sub vcl_recv {{
    call jreject_classify;
    return (synth(204));
}}

sub vcl_synth {{
    set resp.http.JReject-Class = req.http.JReject-Class;
}}
"""


# As root varnishd drops to its own user, who cannot read pytest's private folder.
_JAIL = ["-j", "none"] if os.geteuid() == 0 else []


def with_varnish(export: Export, user_agents: Sequence[str], folder: Path) -> list[str]:
    """The ``varnish`` target's subroutine in a real varnishd, which echoes the class."""
    from serve.conftest import free_port

    assert VARNISHD is not None
    vcl = folder / "jreject.vcl"
    vcl.write_text(VARNISH_VCL.format(export=render(export, "varnish")), "utf-8")
    port = free_port()
    log = folder / "varnishd.log"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [
                VARNISHD,
                "-F",
                "-n",
                str(folder / "work"),
                "-a",
                f"127.0.0.1:{port}",
                "-f",
                str(vcl),
                "-s",
                "malloc,16m",
                "-T",
                "none",
                *_JAIL,
            ],
            stdout=stderr,
            stderr=stderr,
        )
    try:
        _wait(port, process, log)
        return _ask(port, user_agents, "JReject-Class")
    finally:
        process.terminate()
        process.wait(10)


#: Every target's executor, as pytest parameters: skipped where its program is missing.
EXECUTORS = [
    pytest.param(with_regex, id="regex"),
    pytest.param(
        with_node, id="js", marks=pytest.mark.skipif(NODE is None, reason="node is not installed")
    ),
    pytest.param(
        with_nginx,
        id="nginx",
        marks=pytest.mark.skipif(NGINX is None, reason="nginx is not installed (scripts/test)"),
    ),
    pytest.param(
        with_varnish,
        id="varnish",
        marks=pytest.mark.skipif(
            VARNISHD is None, reason="varnishd is not installed (scripts/test)"
        ),
    ),
]
