from __future__ import annotations

import threading

import httpx
import pytest

from jreject.demo.server import available_backend, graphical_session, make_server
from jreject.demo.visitors import find_visitor


@pytest.mark.parametrize("backend", ["uvicorn", "wsgiref"])
def test_server_on_port_zero_answers_at_the_printed_url(backend):
    server = make_server("127.0.0.1", 0, backend=backend)
    assert server.backend == backend
    assert server.url.startswith("http://127.0.0.1:")
    assert not server.url.endswith(":0/")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        response = httpx.get(server.url + "?as=safari12", timeout=10)
        assert response.status_code == 200
        assert 'role="dialog"' in response.text
        assert response.headers["jreject"].startswith("modal")
        plain = httpx.get(server.url, headers={"User-Agent": find_visitor("chrome").user_agent})
        assert 'id="jreject"' not in plain.text
    finally:
        server.stop()
        thread.join(10)
    assert not thread.is_alive()


def test_forced_action_reaches_the_server():
    server = make_server("127.0.0.1", 0, action="block", backend="wsgiref")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        assert httpx.get(server.url + "?as=chrome-behind", timeout=10).status_code == 406
    finally:
        server.stop()
        thread.join(10)


def test_uvicorn_is_preferred_when_installed():
    pytest.importorskip("uvicorn")
    assert available_backend() == "uvicorn"


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="'uvicorn' or 'wsgiref'"):
        make_server("127.0.0.1", 0, backend="tornado")  # type: ignore[arg-type]


def test_without_uvicorn_the_standard_library_serves(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a)
    )
    assert available_backend() == "wsgiref"
    server = make_server("127.0.0.1", 0)
    assert server.backend == "wsgiref"
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    server.stop()
    thread.join(10)


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({}, "darwin", True),
        ({}, "win32", True),
    ],
)
def test_a_browser_is_opened_only_in_a_graphical_session(environ, platform, expected):
    assert graphical_session(environ, platform) is expected


def test_without_a_desktop_nothing_is_opened(monkeypatch):
    import webbrowser

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: pytest.fail("opened a browser"))
    server = make_server("127.0.0.1", 0, backend="wsgiref")
    try:
        assert server.open_browser_soon() is False
    finally:
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        server.stop()
        thread.join(10)
