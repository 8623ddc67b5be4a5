"""Issue 5 §5: break the installation on purpose; the operator is told, the visitor never is.

Each breakage runs against Django, Flask and FastAPI (Starlette) apps built after the
damage is done, as a restarted server would be: every page must still be served, byte
for byte as the app made it, and the operator gets the problem at startup or from doctor.
Faults while a site runs (detection, policy, rendering, data, the app's own errors, a
client going away) are in test_faults.py, over every adapter.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest
from asyncrun import run as run_async
from django.test import Client, override_settings
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from flask import Flask

import jreject.data
from jreject.cli.doctor import diagnose
from jreject.flask import JReject
from jreject.middleware import JRejectASGI, JRejectWSGI
from jreject.starlette import JRejectMiddleware

IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)"
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"
PAGE = b"<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1></body></html>"
ERROR_WORDS = (b"Traceback", b"Error", b"error", b"exception", b"jReject library", b"README")
ROOT = Path(__file__).resolve().parents[2]


def django_serve(config, ua=IE6):
    with override_settings(JREJECT=config):
        response = Client(headers={"User-Agent": ua}).get("/")
    return response.status_code, response.content


def flask_serve(config, ua=IE6):
    app = Flask(__name__)
    app.config["JREJECT"] = config
    JReject(app)
    app.add_url_rule("/", "index", lambda: PAGE.decode())
    response = app.test_client().get("/", headers={"User-Agent": ua})
    return response.status_code, response.data


def fastapi_serve(config, ua=IE6):
    app = FastAPI()
    app.add_middleware(JRejectMiddleware, config=config)

    @app.get("/", response_class=HTMLResponse)
    def index():
        return PAGE.decode()

    async def run():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.get("/", headers={"User-Agent": ua})

    response = run_async(run())
    return response.status_code, response.content


def wsgi_serve(config, ua=IE6):
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [PAGE]

    wrapped = JRejectWSGI(app, config=config)
    statuses = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_USER_AGENT": ua,
        "HTTP_ACCEPT": "text/html",
        "wsgi.url_scheme": "http",
    }
    body = b"".join(
        wrapped(environ, lambda status, headers, exc_info=None: statuses.append(status))
    )
    return int(statuses[0][:3]), body


def asgi_serve(config, ua=IE6):
    async def app(scope, receive, send):
        headers = [(b"content-type", b"text/html; charset=utf-8")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": PAGE})

    async def run():
        transport = httpx.ASGITransport(app=JRejectASGI(app, config=config))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.get("/", headers={"User-Agent": ua})

    response = run_async(run())
    return response.status_code, response.content


SERVERS = {"django": django_serve, "flask": flask_serve, "fastapi": fastapi_serve}
# The bare middlewares raise on a bad setting (a coding error, found at startup), but
# broken data is an install problem: they log it and pass every request through.
ALL_SERVERS = {**SERVERS, "wsgi": wsgi_serve, "asgi": asgi_serve}
CONFIG = {"policy": {"reject": {"msie": 8}}}


@pytest.fixture(params=sorted(SERVERS))
def serve(request):
    return SERVERS[request.param]


def assert_served_unmodified(status, body):
    assert status == 200
    assert body == PAGE
    for word in ERROR_WORDS:
        assert word not in body


def test_the_notice_shows_when_nothing_is_broken(serve):
    status, body = serve(CONFIG)
    assert status == 200
    assert b'id="jreject"' in body


def test_bad_config(serve, caplog):
    caplog.set_level(logging.ERROR, logger="jreject")
    assert_served_unmodified(*serve({"policy": {"reject": {"msiee": 8}}}))
    assert any("msiee" in record.getMessage() for record in caplog.records)


@pytest.fixture(params=["truncated", "missing"])
def corrupt_data(request, tmp_path, monkeypatch):
    """A data directory whose agents.json is cut in half (a failed copy) or gone."""
    bundled = Path(jreject.data.__file__).parent
    for name in ("agents.json", "features.json", "baseline.json", "regions.json.gz"):
        source = bundled / name
        if source.is_file():
            (tmp_path / name).write_bytes(source.read_bytes())
    agents = tmp_path / "agents.json"
    if request.param == "truncated":
        agents.write_bytes(agents.read_bytes()[: agents.stat().st_size // 2])
    else:
        agents.unlink()
    monkeypatch.setenv(jreject.data.DATA_DIR_ENV, str(tmp_path))
    jreject.data.reload()
    yield tmp_path
    monkeypatch.delenv(jreject.data.DATA_DIR_ENV)
    jreject.data.reload()


def test_corrupt_data_is_reported_by_doctor(corrupt_data):
    sections = diagnose()
    errors = [check for _, report in sections for check in report.errors]
    assert [check.id for check in errors][:1] == ["jreject.E002"]
    assert "jreject data update" in errors[0].hint


def test_corrupt_data_never_reaches_a_visitor(serve, corrupt_data):
    # A relative policy needs the data: the site cannot judge anyone, so it serves as is.
    status, body = serve({"policy": {"relative": {"latest_minus": 2}}})
    assert_served_unmodified(status, body)


@pytest.mark.parametrize("server", sorted(ALL_SERVERS))
def test_corrupt_data_is_found_at_startup_not_request_by_request(server, corrupt_data, caplog):
    # The default policy needs no data to judge IE, but detecting Firefox (ESR) reads
    # it: before data was loaded at startup, each such request failed in a lazy load.
    caplog.set_level(logging.ERROR, logger="jreject")
    for ua in (FIREFOX, IE6, FIREFOX):
        assert_served_unmodified(*ALL_SERVERS[server](CONFIG, ua))
    messages = [record.getMessage() for record in caplog.records if record.name == "jreject"]
    assert any("data" in m and "disabled" in m for m in messages), messages
    assert not [m for m in messages if "jreject failed" in m], messages


def test_corrupt_data_is_reported_at_flask_startup(corrupt_data, caplog):
    caplog.set_level(logging.ERROR, logger="jreject")
    flask_serve(CONFIG)
    assert any("jreject.E002" in record.getMessage() for record in caplog.records)


SCRIPT = textwrap.dedent(
    """
    import json, sys
    sys.modules["ua_parser_rs"] = None  # as if the accelerator were uninstalled
    from flask import Flask
    from jreject.flask import JReject
    from jreject.cli.doctor import diagnose

    app = Flask("shop")
    app.config["JREJECT"] = {"policy": {"reject": {"msie": 8}}}
    JReject(app)
    app.add_url_rule("/", "index", lambda: "<html><body>Shop</body></html>")
    body = app.test_client().get("/", headers={"User-Agent": sys.argv[1]}).data
    # W007 (the hand-kept tables' age) is a fact of the calendar, not of this setup.
    checks = [c for _, r in diagnose() for c in r.checks
              if c.status != "ok" and c.id != "jreject.W007"]
    print(json.dumps({"notice": b'id="jreject"' in body, "shop": b"Shop" in body,
                      "problems": [(c.id, c.hint) for c in checks]}))
    """
)


def test_without_the_accelerator_verdicts_are_the_same_and_doctor_says_so(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, IE6],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=True,
    )
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["notice"] is True
    assert outcome["shop"] is True
    assert outcome["problems"] == [
        ["jreject.W001", "Install the accelerator: `pip install ua-parser-rs`."]
    ]
    assert "jreject.W001" in result.stderr  # logged by JReject.init_app at startup
