"""jreject's own URLs under the prefix: the close and continue links, the static assets."""

from __future__ import annotations

from jreject.middleware.http import (
    NoticeLike,
    Request,
    Response,
    next_param,
    quote_path,
    safe_next,
)
from jreject.settings import Settings

__all__ = ["CACHE_FOREVER", "from_script", "remember", "static_file"]

#: The ``Sec-Fetch-Dest`` values of the notice script's background close request: an
#: ``XMLHttpRequest`` (``empty``) or, where that fails, an image (``jreject.js``).
_SCRIPT_DESTS = frozenset({"empty", "image"})

#: Static notice assets have content-hashed names, so they never change: one year
#: and ``immutable`` (RFC 8246) is the longest lifetime caches honour.
CACHE_FOREVER = "public, max-age=31536000, immutable"


def remember(settings: Settings, request: Request, cookie: str) -> Response:
    """The close / continue endpoint: set ``cookie`` and send the visitor back to ``next``.

    The notice script's background request (:func:`from_script`) gets ``204 No
    Content`` with the cookie instead: a redirect would make it fetch the whole page
    again, for nothing (the script has already closed the notice in place).
    """
    # As sent (percent-encoded): a Location and a cookie Path are ASCII URL text.
    root = quote_path(request.root) + "/"
    value = next_param(request.query)
    target = root if value is None else safe_next(value, root)
    parts = [f"{cookie}=1", f"Path={settings.cookie_path or root}"]
    if settings.cookie_max_age is not None:
        parts.append(f"Max-Age={settings.cookie_max_age}")
    secure = request.https if settings.cookie_secure == "auto" else settings.cookie_secure
    # Browsers drop SameSite=None cookies that are not Secure.
    if secure or settings.cookie_samesite == "None":
        parts.append("Secure")
    parts.append(f"SameSite={settings.cookie_samesite}")
    if from_script(request):
        # No Content-Length or Content-Type: a 204 has no content (RFC 9110 §8.6, §15.3.5).
        return Response(204, (("Set-Cookie", "; ".join(parts)), ("Cache-Control", "no-store")), b"")
    headers = (
        ("Location", target),
        ("Set-Cookie", "; ".join(parts)),
        ("Cache-Control", "no-store"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", "0"),
    )
    # 303: the follow-up is a GET whatever method reached the endpoint (RFC 9110 §15.4.4).
    return Response(303, headers, b"")


def from_script(request: Request) -> bool:
    """Whether ``request`` is the notice script's background call, not a navigation.

    ``jreject.js`` sends ``X-Requested-With: XMLHttpRequest``; browsers since 2020 also
    say ``Sec-Fetch-Dest: empty`` (fetch/XHR) or ``image`` (the script's fallback). A
    link followed without JavaScript is ``document`` (``iframe`` in a frame), or old
    enough to send neither header: it keeps the redirect.
    """
    if request.requested_with.lower() == "xmlhttprequest":
        return True
    return request.fetch_dest.strip().lower() in _SCRIPT_DESTS


def static_file(notice: NoticeLike, request: Request, name: str) -> Response:
    """``<prefix>/static/<name>``: a notice asset, cached for a year, or 404."""
    found = notice.static(name) if name and "/" not in name else None
    cache: tuple[tuple[str, str], ...] = ()
    if found is None:
        status, content, content_type = 404, b"Not Found", "text/plain; charset=utf-8"
    else:
        status, (content, content_type) = 200, found
        cache = (("Cache-Control", CACHE_FOREVER),)
    headers = (
        ("Content-Type", content_type),
        ("Content-Length", str(len(content))),
        *cache,
    )
    return Response(status, headers, b"" if request.method == "HEAD" else content)
