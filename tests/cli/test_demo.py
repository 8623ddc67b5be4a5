from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys

import httpx
import pytest
from typer.testing import CliRunner

from jreject.cli import app as cli_app
from jreject.demo.visitors import find_visitor

URL = re.compile(r"running at (http://127\.0\.0\.1:(\d+)/)")


def test_demo_serves_on_an_ephemeral_port_prints_the_url_and_stops_on_ctrl_c():
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from jreject.cli import main; main()",
            "demo",
            "--port",
            "0",
            "--no-open",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = process.stdout.readline()
        match = URL.search(first)
        assert match, (
            f"no URL in {first!r}; stderr: {process.stderr.read() if process.poll() else ''}"
        )
        url, port = match.group(1), int(match.group(2))
        assert port != 0
        ie11 = {"User-Agent": find_visitor("ie11").user_agent}
        response = httpx.get(url, headers=ie11, timeout=10)
        assert response.status_code == 200
        assert 'id="jreject"' in response.text
        assert response.headers["jreject"].startswith("modal")
        assert httpx.get(url + "?as=ie6", timeout=10).status_code == 406
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
    assert "Demo stopped." in out


def test_demo_help_lists_its_options():
    result = CliRunner().invoke(cli_app, ["demo", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--action", "--no-open"):
        assert option in result.output


@pytest.mark.parametrize(
    "args", [["--action", "warn"], ["--port", "70000"], ["--port", "-1"], ["--nope"]]
)
def test_bad_options_are_usage_errors(args):
    result = CliRunner().invoke(cli_app, ["demo", "--no-open", *args])
    assert result.exit_code == 2


def test_a_taken_port_is_reported_without_a_traceback():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli_app, ["demo", "--no-open", "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output
