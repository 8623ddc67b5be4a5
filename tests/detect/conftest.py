from __future__ import annotations

import pytest

from jreject.detect.detector import Detector
from jreject.detect.useragent import rust_available

# One suite, both ua-parser backends (as uap-python's tests/test_core.py PARSERS).
RESOLVERS = [
    pytest.param(
        "rust",
        id="rust",
        marks=pytest.mark.skipif(not rust_available(), reason="ua-parser-rs not installed"),
    ),
    pytest.param("python", id="python"),
]

_BUILT: dict[str, Detector] = {}


@pytest.fixture(params=RESOLVERS, scope="session")
def detector(request: pytest.FixtureRequest) -> Detector:
    """A Detector per backend, built once per session (loading rules takes ~0.25 s)."""
    kind = request.param
    if kind not in _BUILT:
        _BUILT[kind] = Detector(resolver=kind).warm_up()
    return _BUILT[kind]


@pytest.fixture(scope="session")
def fast_detector() -> Detector:
    """The default backend, for tests about logic rather than parsing."""
    return Detector()
