"""Checks on the per-request values that end up inside HTML attributes.

Escaping stops a value from leaving its attribute; these checks stop a value that
stays inside it from doing harm (a ``javascript:`` link, a nonce that is not one).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["safe_nonce", "safe_url"]

_SAFE_SCHEMES = frozenset({"", "http", "https"})
_UNSAFE_URL_CHARS = re.compile(r"[\x00-\x20\x7f\\]")
# A nonce is base64 or base64url in practice (CSP3 §2.3.1 nonce-source); anything else
# could break out of the attribute in some parser, so it is refused.
_NONCE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_")


def safe_url(url: str, *, field: str) -> str:
    """Return ``url`` if a link may point there: relative, or absolute http(s).

    Browsers drop tabs, newlines and leading spaces before reading a scheme, and read
    a backslash as a slash, so any of those is refused rather than guessed at.
    """
    if not isinstance(url, str) or not url:
        raise ValueError(f"{field} must be a non-empty URL string, not {url!r}")
    if _UNSAFE_URL_CHARS.search(url):
        raise ValueError(f"{field} must not contain spaces, control characters or '\\': {url!r}")
    # A path ("/..." or "//host/...") has no scheme: a scheme starts with a letter.
    if url[0] != "/" and urlsplit(url).scheme.lower() not in _SAFE_SCHEMES:
        raise ValueError(f"{field} must be a relative or http(s) URL, not {url!r}")
    return url


def safe_nonce(nonce: str | None) -> str | None:
    """Return the nonce (``None`` when empty) if it is made of base64 characters only."""
    if nonce is None or nonce == "":
        return None
    if not isinstance(nonce, str) or not set(nonce) <= _NONCE_CHARS:
        raise ValueError(f"nonce must be base64 characters, not {nonce!r}")
    return nonce
