"""render.py's skeleton cache: each shape of the notice is rendered once, per-request
values are filled in (escaped) on every request, and nothing of one visitor reaches another.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from jreject.detect.client import Client
from jreject.notice import Notice
from jreject.notice.browsers import PLATFORMS, advice_variants
from jreject.notice.render import TEMPLATE_NAMES

from .conftest import CHROME_IOS15, FIREFOX_WIN10, IE11_WIN7, SAFARI_IOS

UNKNOWN = Client()
CLIENTS = [SAFARI_IOS, IE11_WIN7, FIREFOX_WIN10, CHROME_IOS15, UNKNOWN]
# A path with every character that matters inside an attribute, already %-encoded by
# the middleware as it builds close/continue URLs, plus what a site may pass as is.
SPECIAL_URLS = ["/_jreject/close?next=%2Fa%3Fb%3D1%26c%3D%22%3C%3E", "/c?next=/x&y='z'"]
LANGUAGES = [None, "fr", "ar", "ja", "de-AT"]


def render(notice: Notice, request) -> bytes:
    if request.verdict.action == "block":
        return notice.block_page(request)
    return notice.fragment(request)


def cases(make_request):
    for client, action, url, nonce, language in itertools.product(
        CLIENTS, ("modal", "banner", "block"), SPECIAL_URLS, (None, "bm9uY2Ux"), LANGUAGES
    ):
        continue_url = "/_jreject/continue?next=%2Fa" if action == "block" else None
        yield make_request(
            client,
            action,
            close_url=url,
            continue_url=continue_url,
            nonce=nonce,
            language=language,
        )


def test_a_cached_render_is_byte_identical_to_a_fresh_render(make_request):
    warm = Notice()
    requests = list(cases(make_request))
    for request in requests:  # fill the cache with every shape first
        render(warm, request)
    fresh = Notice()
    for request in requests:
        fresh._skeletons.clear()  # a miss: rendered by Jinja2 for this request
        fresh._clients.clear()  # and the client's advice and texts derived again
        assert render(warm, request) == render(fresh, request), request


@pytest.mark.parametrize(
    ("field", "one", "other"),
    [
        ("language", "fr", "de"),
        ("accept_language", "ja", "es;q=0.9"),
        ("client", IE11_WIN7, FIREFOX_WIN10),
        ("client", SAFARI_IOS, replace(SAFARI_IOS, version=(13, 1), version_string="13.1")),
        ("close_url", "/_jreject/close?next=%2Fone%3F%26", "/_jreject/close?next=%2F%22two%22"),
        ("nonce", "b25l", "dHdv"),
        ("nonce", "b25l", None),
        ("static_url", "/one/_jreject/static/", "/two/_jreject/static/"),
        ("action", "modal", "banner"),
    ],
)
def test_requests_differing_in_one_input_never_get_each_others_bytes(
    make_request, field, one, other
):
    # Static assets: the static URL is in the CSS and script links, not only in IE's icons.
    notice = Notice(assets="static")

    def request(value):
        if field == "client":
            return make_request(value)
        if field == "action":
            return make_request(action=value)
        return make_request(**{field: value})

    first = render(notice, request(one))
    second = render(notice, request(other))
    again = render(notice, request(one))
    assert first != second
    assert again == first
    assert render(notice, request(other)) == second


def test_the_nonce_and_urls_are_never_part_of_the_cache(notice, make_request):
    notice.fragment(make_request(nonce="c2VjcmV0", close_url="/close?next=%2Fprivate"))
    held = b"".join(part for skeleton in notice._skeletons.values() for part in skeleton.parts)
    assert b"c2VjcmV0" not in held
    assert b"private" not in held


def test_the_skeletons_are_bounded_by_the_configuration(make_request):
    notice = Notice()
    clients = [
        Client(browser="ie", browser_name="IE", version=(8,), os=platform, os_version=version)
        for platform in PLATFORMS
        for version in [(), (5,), (6, 1), (7,), (10,), (10, 13), (12,), (14,), (99,)]
    ]
    for client, language, nonce in itertools.product(
        clients, sorted(notice.languages), (None, "bm9uY2U")
    ):
        for action in ("modal", "banner", "block"):
            continue_url = "/continue?next=%2F" if action == "block" else None
            render(
                notice,
                make_request(
                    client, action, continue_url=continue_url, nonce=nonce, language=language
                ),
            )
    assert len(notice._skeletons) <= notice.max_skeletons
    per_shape = len(TEMPLATE_NAMES) * len(notice.languages) * 4
    assert notice.max_skeletons == per_shape * len(advice_variants())
    # The CSS, the script and the icons are one object shared by every skeleton: what
    # each skeleton holds of its own is its markup and texts, a few KiB.
    shared = {id(part) for part in notice._shared.values()}
    own = [
        sum(len(p) for p in skeleton.parts if id(p) not in shared)
        for skeleton in notice._skeletons.values()
    ]
    assert max(own) < 4096
    first = next(iter(notice._skeletons.values()))
    assert any(notice._shared["css"] is part for part in first.parts)


def test_a_client_remembered_by_the_notice_gives_the_same_bytes_as_a_fresh_one(make_request):
    notice = Notice()
    for client in CLIENTS:
        for language in LANGUAGES:
            request = make_request(client, language=language)
            first = notice.fragment(request)
            # An equal client that is another object: not the remembered one.
            twin = make_request(replace(client), language=language)
            assert notice.fragment(request) == first == notice.fragment(twin)
            assert Notice().fragment(request) == first


def test_the_remembered_clients_are_bounded_in_number_and_in_user_agent_bytes(make_request):
    from jreject.notice import render as module

    notice = Notice()
    for major in range(module._MAX_CLIENTS + 10):
        notice.fragment(make_request(replace(FIREFOX_WIN10, version=(major,))))
        assert len(notice._clients) <= module._MAX_CLIENTS
    huge = replace(FIREFOX_WIN10, user_agent="x" * (module._MAX_CLIENT_BYTES + 1))
    assert b"Firefox" in notice.fragment(make_request(huge))
    assert all(entry[0] is not huge for entry in notice._clients.values())
    for n in range(8):
        long = replace(FIREFOX_WIN10, user_agent=f"{n}" * (module._MAX_CLIENT_BYTES // 4))
        notice.fragment(make_request(long))
        assert notice._client_bytes <= module._MAX_CLIENT_BYTES
