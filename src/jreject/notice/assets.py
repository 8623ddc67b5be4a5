"""The notice's own files: CSS, JavaScript and icons, loaded once from the package.

Static file names carry a hash of their content (``jreject.3f2a9c1b0e.css``) so the
middleware can serve them with a far-future ``Cache-Control`` and a new release
never meets a stale copy.

The CSS and script are the minified copies (``jreject.min.css``, ``jreject.min.js``,
made from the commented sources by ``scripts/minify_assets.py``): every warned page
carries them inline, so a third fewer bytes there is a third fewer on every notice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources

from markupsafe import Markup, escape

from jreject.notice.browsers import BROWSERS

__all__ = ["CONTENT_TYPES", "Assets", "icon_markup", "load_assets"]

CONTENT_TYPES: dict[str, str] = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".png": "image/png",
}

_PACKAGE = "jreject.notice"
_HASH_LENGTH = 10
_SVG_OPEN = "<svg "
# IE 8 and older cannot draw SVG: this downlevel-revealed conditional comment hides the
# inline SVG from them and from nothing else; they get the PNG (see icon_markup).
_IE_HIDE_OPEN = "<!--[if gte IE 9]><!-->"
_IE_HIDE_CLOSE = "<!--<![endif]-->"


@dataclass(frozen=True, slots=True)
class Assets:
    """The notice's CSS, script, icons and the static files built from them."""

    css: str
    js: str
    icons: dict[str, Markup]
    css_name: str
    js_name: str
    files: dict[str, tuple[bytes, str]]
    #: The hashed static file name of each icon's PNG, for IE 8 and older.
    icon_pngs: dict[str, str]


def _read(*parts: str) -> str:
    return resources.files(_PACKAGE).joinpath("static", *parts).read_text(encoding="utf-8")


def _hashed(stem: str, suffix: str, body: bytes) -> str:
    digest = hashlib.sha256(body).hexdigest()[:_HASH_LENGTH]
    return f"{stem}.{digest}{suffix}"


def _inline_icon(svg: str) -> Markup:
    svg = svg.strip()
    if not svg.startswith(_SVG_OPEN):
        raise ValueError(f"icon does not start with {_SVG_OPEN!r}: {svg[:40]!r}")
    # Decorative: the browser's name is printed beside it.
    attributes = 'class="jreject-icon" aria-hidden="true" focusable="false" '
    return Markup(_IE_HIDE_OPEN + _SVG_OPEN + attributes + svg[len(_SVG_OPEN) :] + _IE_HIDE_CLOSE)


def icon_markup(svg: Markup, png_url: str) -> Markup:
    """The inline SVG, plus for IE 8 and older (only they read ``[if lt IE 9]``) its PNG."""
    fallback = (
        f'<!--[if lt IE 9]><img class="jreject-icon" src="{escape(png_url)}" '
        'width="40" height="40" alt=""><![endif]-->'
    )
    return Markup(str(svg) + fallback)


def _read_bytes(*parts: str) -> bytes:
    return resources.files(_PACKAGE).joinpath("static", *parts).read_bytes()


def load_assets() -> Assets:
    """Read and hash every shipped asset (done once per :class:`~jreject.notice.Notice`)."""
    css = _read("jreject.min.css").strip()
    js = _read("jreject.min.js").strip()
    icons: dict[str, Markup] = {}
    files: dict[str, tuple[bytes, str]] = {}
    icon_pngs: dict[str, str] = {}
    for browser_id in BROWSERS:
        svg = _read("icons", f"{browser_id}.svg")
        icons[browser_id] = _inline_icon(svg)
        png = _read_bytes("icons", f"{browser_id}.png")
        icon_pngs[browser_id] = _hashed(browser_id, ".png", png)
        files[icon_pngs[browser_id]] = (png, CONTENT_TYPES[".png"])
    # Inlined into <style>/<script>, so they must not be able to end those elements early.
    if "</style" in css.lower() or "</script" in js.lower():
        raise ValueError("jreject.css or jreject.js contains a closing </style> or </script> tag")
    css_body, js_body = css.encode("utf-8"), js.encode("utf-8")
    css_name = _hashed("jreject", ".css", css_body)
    js_name = _hashed("jreject", ".js", js_body)
    files[css_name] = (css_body, CONTENT_TYPES[".css"])
    files[js_name] = (js_body, CONTENT_TYPES[".js"])
    return Assets(css, js, icons, css_name, js_name, files, icon_pngs)
