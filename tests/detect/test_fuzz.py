"""Detection never raises, whatever bytes a request carries."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jreject.detect.detector import Detector
from jreject.detect.headers import DETECTION_HEADERS

from .conftest import _BUILT

NAMES = st.sampled_from([*DETECTION_HEADERS, *(n.upper() for n in DETECTION_HEADERS), "x-other"])
TOKENS = st.sampled_from(
    [
        "Mozilla/5.0 (",
        ")",
        "; ",
        "Windows NT 10.0",
        "iPhone OS 18_7",
        "CPU OS 1_",
        "Android 10; K",
        "Chrome/",
        "CriOS/",
        "Edg/",
        "Edge/18.",
        "OPR/",
        "Version/26.",
        "Firefox/",
        "rv:",
        "Gecko/",
        "Trident/7.0",
        "MSIE 7.0",
        "Presto/",
        "KAIOS/",
        "AppleWebKit/605.1.15 (KHTML, like Gecko)",
        "; wv)",
        "Mobile",
        "Safari/604.1",
        '"Chromium";v="130"',
        '"Not?A_Brand";v="99"',
        "?1",
        '"Windows"',
        "130.0.0.0",
        "\x00",
        "\xff",
        "é",
        "\\",
        '"',
        ",",
        "=",
        "?0",
    ]
)
TEXT = st.one_of(st.text(max_size=300), st.lists(TOKENS, max_size=30).map("".join))
VALUE = st.one_of(
    TEXT, TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=300)
)


def rust_or_default() -> Detector:
    if "default" not in _BUILT:
        _BUILT["default"] = _BUILT.get("rust") or Detector()
    return _BUILT["default"]


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.dictionaries(NAMES, VALUE, max_size=8))
def test_any_header_mapping(headers):
    rust_or_default()(headers)


@FUZZ
@given(st.lists(st.tuples(NAMES.map(str.encode), st.binary(max_size=200)), max_size=8))
def test_any_asgi_scope(pairs):
    client = rust_or_default()({"type": "http", "headers": pairs})
    assert client.browser


@FUZZ
@given(
    st.dictionaries(NAMES.map(lambda n: "HTTP_" + n.upper().replace("-", "_")), TEXT, max_size=8)
)
def test_any_wsgi_environ(environ):
    rust_or_default()({"REQUEST_METHOD": "GET", **environ})


@FUZZ
@given(TEXT)
def test_any_bare_user_agent(ua):
    client = rust_or_default()(ua)
    assert client.user_agent == ua


@settings(max_examples=40, deadline=None)
@given(st.lists(TOKENS, max_size=20).map("".join))
def test_pure_python_backend_never_raises(ua):
    if "python" not in _BUILT:
        _BUILT["python"] = Detector(resolver="python")
    _BUILT["python"](ua)
