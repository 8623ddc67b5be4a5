"""PEP 3333 details of JRejectWSGI beyond the shared suite."""

from __future__ import annotations

from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jreject.middleware import JRejectWSGI

from .conftest import FRAGMENT, FakeNotice, FakeVerdicts, Harness, Page


def make(app, **options):
    return JRejectWSGI(app, verdicts=FakeVerdicts(), notice=FakeNotice(), **options)


def call(app, ua="modal", **environ_extra):
    environ = {}
    setup_testing_defaults(environ)
    environ["HTTP_USER_AGENT"] = ua
    environ.setdefault("QUERY_STRING", "")
    environ.update(environ_extra)
    seen = {}
    written = []

    def start_response(status, headers, exc_info=None):
        seen.update(status=status, headers=headers, exc_info=exc_info)
        return written.append

    result = app(environ, start_response)
    try:
        chunks = list(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return seen, written, chunks


def test_the_apps_close_is_called_when_injecting():
    page = Page()
    Harness("wsgi", page).get(ua="modal")
    assert page.closed == [True]


def test_the_apps_close_is_called_for_allowed_visitors():
    page = Page()
    Harness("wsgi", page).get(ua="modern")
    assert page.closed == [True]


def test_allowed_visitors_get_the_apps_own_iterable():
    body = [b"<html><body>x</body></html>"]

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html")])
        return body

    environ = {}
    setup_testing_defaults(environ)
    environ["HTTP_USER_AGENT"] = "modern"
    assert make(app)(environ, lambda s, h, e=None: None) is body


def test_legacy_write_goes_through_the_splicer():
    def app(environ, start_response):
        write = start_response("200 OK", [("Content-Type", "text/html")])
        write(b"<html><body>written</bo")
        return [b"dy></html>"]

    _, written, chunks = call(validator(make(app)))
    assert b"".join(written + chunks) == b"<html><body>written" + FRAGMENT + b"</body></html>"


def test_an_error_page_after_start_response_is_planned_afresh():
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html")])
        try:
            raise ValueError("boom")
        except ValueError:
            import sys

            start_response(
                "500 Internal Server Error", [("Content-Type", "text/plain")], sys.exc_info()
            )
        return [b"error </body>"]

    seen, _, chunks = call(make(app))
    assert seen["status"].startswith("500")
    assert seen["exc_info"][0] is ValueError
    assert b"".join(chunks) == b"error </body>"


def test_generator_apps_that_start_late_are_spliced():
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html")])
        yield b"<body>"
        yield b"</body>"

    seen, _, chunks = call(validator(make(app)))
    assert b"".join(chunks) == b"<body>" + FRAGMENT + b"</body>"
    assert ("Content-Length", str(len(FRAGMENT))) not in seen["headers"]


def test_closing_early_closes_the_app_generator():
    closed = []

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html")])
        try:
            yield b"<body>"
            yield b"more"
        finally:
            closed.append(True)

    environ = {}
    setup_testing_defaults(environ)
    environ["HTTP_USER_AGENT"] = "modal"
    result = make(app)(environ, lambda s, h, e=None: None)
    iterator = iter(result)
    next(iterator)
    result.close()
    assert closed == [True]


# -- a body returned whole (a list) is spliced before the start leaves --------------------

PAGE = b"<html><body>hi</body></html>"


def list_app(environ, start_response):
    headers = [("Content-Type", "text/html"), ("Content-Length", str(len(PAGE)))]
    start_response("200 OK", headers)
    return [PAGE]


def test_a_body_returned_as_a_list_is_spliced_and_its_length_announced():
    # The server then sends it as it would the app's page, not chunked.
    seen, _, chunks = call(validator(make(list_app)))
    body = b"".join(chunks)
    assert body == b"<html><body>hi" + FRAGMENT + b"</body></html>"
    assert chunks == [body]  # one write
    assert ("Content-Length", str(len(body))) in seen["headers"]
    assert [k for k, _ in seen["headers"]].count("Content-Length") == 1


def test_head_of_a_list_app_announces_the_length_get_would():
    get, _, chunks = call(make(list_app))
    head, _, head_chunks = call(make(list_app), REQUEST_METHOD="HEAD")
    length = str(len(b"".join(chunks)))
    assert ("Content-Length", length) in get["headers"]
    assert ("Content-Length", length) in head["headers"]
    # The app returned its body for HEAD too (Django does): GET's bytes go back, so that
    # what wraps jreject (compression) announces GET's length. The server sends none.
    assert head_chunks == chunks


@pytest.mark.parametrize("empty", [[], [b""], iter([]), iter([b""])], ids=repr)
def test_head_of_an_app_that_returns_no_body_gets_none(empty):
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", "28")])
        return empty

    head, written, chunks = call(make(app), REQUEST_METHOD="HEAD")
    assert b"".join(written + chunks) == b""
    if isinstance(empty, list):
        assert ("Content-Length", str(28 + len(FRAGMENT))) in head["headers"]


def test_a_failing_splice_of_a_list_body_sends_it_unmodified_without_a_length(monkeypatch):
    from jreject.middleware import inject

    def broken(self, chunk):
        raise RuntimeError("splice failed")

    monkeypatch.setattr(inject.Splicer, "feed", broken)
    seen, _, chunks = call(validator(make(list_app)))
    assert b"".join(chunks) == PAGE
    assert all(name.lower() != "content-length" for name, _ in seen["headers"])


def test_start_response_is_passed_on_once_when_held_back():
    calls = []

    def start_response(status, headers, exc_info=None):
        calls.append(status)
        return lambda data: None

    environ = {}
    setup_testing_defaults(environ)
    environ["HTTP_USER_AGENT"] = "modal"
    list(make(list_app)(environ, start_response))
    assert calls == ["200 OK"]


def test_head_of_a_streaming_app_announces_no_length_as_get_would_not():
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", "28")])
        return iter([PAGE])

    get, _, get_chunks = call(make(app))
    head, _, head_chunks = call(make(app), REQUEST_METHOD="HEAD")
    assert all(name.lower() != "content-length" for name, _ in get["headers"])
    assert all(name.lower() != "content-length" for name, _ in head["headers"])
    assert head_chunks == get_chunks


_NAMES = ["content-type", "Content-Type", "CONTENT-TYPE", "vary", "Vary", "VARY", "X-A", "Varyx"]
_VALUES = ["text/html", "text/html; charset=utf-8", "application/json", "Accept-Encoding", "*"]


@given(st.lists(st.tuples(st.sampled_from(_NAMES), st.sampled_from(_VALUES)), max_size=6))
@settings(max_examples=300, deadline=None)
def test_a_200_takes_the_same_headers_on_the_fast_path_as_on_the_general_one(headers):
    # Engine.page_headers (every allowed 200) skips work for the usual spellings; the
    # general path, which lowers every name, is its specification.
    middleware = make(lambda environ, start_response: [])
    engine = middleware._built.engine
    verdict = FakeVerdicts().from_environ({"HTTP_USER_AGENT": "allow"})
    assert engine.page_headers(list(headers), verdict) == engine._allowed_headers(
        200, list(headers), False, verdict
    )


def test_a_page_whose_headers_are_not_a_list_still_gains_vary():
    # PEP 3333 asks for a list, but some servers take any sequence: the page is still varied.
    def app(environ, start_response):
        start_response("200 OK", (("Content-Type", "text/html"),))
        return [b"<html><body>hi</body></html>"]

    seen, _, _ = call(make(app), ua="allow")
    assert ("Content-Type", "text/html") in seen["headers"]
    assert any(name == "Vary" for name, _ in seen["headers"])
