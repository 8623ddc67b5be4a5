from __future__ import annotations

import pytest

from jreject.detect.client import Client
from jreject.notice import Notice, NoticeRequest
from jreject.policy.base import Action, reject

SAFARI_IOS = Client(
    browser="safari",
    browser_name="Safari",
    version=(12, 1),
    version_string="12.1",
    engine="webkit",
    os="ios",
    os_name="iOS",
    os_version=(12, 5),
    device="mobile",
)
IE11_WIN7 = Client(
    browser="ie",
    browser_name="Internet Explorer",
    version=(11, 0),
    engine="trident",
    os="windows",
    os_name="Windows",
    os_version=(7,),
    device="desktop",
)

FIREFOX_WIN10 = Client(
    browser="firefox",
    browser_name="Firefox",
    version=(52, 0),
    engine="gecko",
    os="windows",
    os_name="Windows",
    os_version=(10,),
    device="desktop",
)

# Chrome's own version in the UA, but WebKit at iOS 15.8 underneath.
CHROME_IOS15 = Client(
    browser="chrome_ios",
    browser_name="Chrome on iOS",
    version=(120, 0, 6099, 119),
    version_string="120.0.6099.119",
    engine="webkit",
    os="ios",
    os_name="iOS",
    os_version=(15, 8),
    device="mobile",
)


def _make_request(
    client: Client = SAFARI_IOS,
    action: Action = "modal",
    *,
    close_url: str = "/_jreject/close?next=%2Fshop",
    continue_url: str | None = None,
    nonce: str | None = None,
    language: str | None = None,
    accept_language: str | None = None,
    static_url: str | None = None,
) -> NoticeRequest:
    return NoticeRequest(
        verdict=reject(client, action, "test<1", "too old"),
        close_url=close_url,
        continue_url=continue_url,
        nonce=nonce,
        language=language,
        accept_language=accept_language,
        static_url=static_url,
    )


@pytest.fixture(scope="session")
def notice() -> Notice:
    return Notice()


@pytest.fixture(scope="session")
def make_request():
    """Build a NoticeRequest for a rejected client (Safari 12.1 on iOS unless told)."""
    return _make_request
