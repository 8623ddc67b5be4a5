"""Verdict → HTML: the modal, the banner and the 406 page, rendered from Jinja2 templates.

Everything a request cannot change is prepared once in :class:`Notice`: texts are
validated and merged per language, templates compiled, assets read and hashed. Each
shape of the notice (template, language, advice, whether there is a continue link and
a nonce) is rendered by Jinja2 once, into a *skeleton*: bytes with holes for the
request's own values. Per request, rendering only escapes those few values (the
visitor's browser, the URLs, the nonce) and joins: the nonce and the URLs are never
cached. How many skeletons there can be is fixed by the configuration
(:attr:`Notice.max_skeletons`); the inline CSS and script, most of a notice's
bytes, are one shared object in all of them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

import jinja2
from markupsafe import Markup, escape

from jreject.detect.client import Client, format_version
from jreject.notice.assets import Assets, icon_markup, load_assets
from jreject.notice.browsers import (
    DEFAULT_BROWSERS,
    Advice,
    advice_variants,
    advise,
    advise_for,
    platform_of,
    validate_browsers,
)
from jreject.notice.catalogs import list_separator, text_direction
from jreject.notice.language import match, negotiate
from jreject.notice.safety import safe_nonce, safe_url
from jreject.notice.site import Site
from jreject.notice.texts import DEFAULT_LANGUAGE, fill
from jreject.notice.translations import texts_by_language
from jreject.policy.base import Verdict

__all__ = [
    "ASSET_MODES",
    "BANNER_POSITIONS",
    "CONFIG_KEYS",
    "TEMPLATE_NAMES",
    "Notice",
    "NoticeRequest",
]

AssetMode = Literal["inline", "static"]
ASSET_MODES: tuple[AssetMode, ...] = ("inline", "static")
BannerPosition = Literal["top", "bottom"]
#: ``top``: a bar at the start of the page that pushes the content down (with scripts
#: off it sits fixed at the bottom instead); ``bottom``: fixed at the bottom of the window.
BANNER_POSITIONS: tuple[BannerPosition, ...] = ("top", "bottom")
#: Keys of the ``[notice]`` TOML table.
CONFIG_KEYS: tuple[str, ...] = (
    "texts",
    "browsers",
    "assets",
    "static_url",
    "language",
    "languages",
    "locale_dirs",
    "templates",
    "banner_position",
    "site_name",
    "logo_url",
    "contact_url",
    "fallback_url",
)
#: The templates a site may replace (the rest of ``templates/`` are macros they import).
TEMPLATE_NAMES: tuple[str, ...] = ("modal.html", "banner.html", "block.html")

# Rendered pages are cached with NUL-delimited slots for the per-request values; texts
# may not contain NUL (validate_texts refuses it), so the split is unambiguous.
_SLOT = "\x00"
_SLOTS = ("browser", "name", "version", "os", "close_url", "continue_url", "nonce", "static")
#: Slots filled with the notice's own CSS, script and icons (``icon:<browser id>``, and
#: ``png:<browser id>``, the end of its PNG's URL after the request's ``static`` slot):
#: the same bytes in every skeleton.
_SHARED = ("css", "js")
_ICON = "icon:"
_PNG = "png:"
_SkeletonKey = tuple[str, str, Advice, bool, bool]


@dataclass(frozen=True, slots=True)
class _Skeleton:
    """One shape of the notice, rendered: ``parts`` joined make the page once each
    ``(index, slot)`` of ``holes`` holds that request value, escaped."""

    parts: tuple[bytes, ...]
    holes: tuple[tuple[int, str], ...]


_FRAGMENT_TEMPLATES = {"modal": "modal.html", "banner": "banner.html"}


@dataclass(frozen=True, slots=True)
class NoticeRequest:
    """The per-request facts the middleware hands to :class:`Notice`.

    ``close_url`` and ``continue_url`` are already built by the middleware (with the
    right prefix and ``next``); they are escaped here and must be relative or
    http(s). ``static_url``, when given, replaces the notice's own ``static_url`` for
    this request (the middleware puts its static files under the app's mount point);
    it must end in ``/``. ``nonce`` is the page's CSP nonce, put on the inline ``<style>`` and
    ``<script>``. ``language`` is the language the framework has active for this
    request (Django's ``get_language()``, Flask-Babel's locale, a hook's answer): it
    wins when the notice speaks it (``fr-CA`` uses ``fr``). Otherwise
    ``accept_language``, the request's ``Accept-Language`` header, is negotiated;
    failing both, the notice's own language is used (:meth:`Notice.language_for`).
    """

    verdict: Verdict
    close_url: str
    continue_url: str | None
    nonce: str | None
    language: str | None = None
    accept_language: str | None = None
    static_url: str | None = None


#: Clients whose advice and texts a :class:`Notice` remembers, and the User-Agent
#: bytes they may hold (mostly the very objects the verdict cache holds); past either
#: bound it starts again.
_MAX_CLIENTS = 256
_MAX_CLIENT_BYTES = 256 * 1024
_ON_APPLE_MOBILE = re.compile(r" on i(?:Pad)?OS$")


def _client_values(client: Client, unknown: str) -> dict[str, str]:
    known = client.browser != "unknown"
    version = client.version_string or format_version(client.version)
    name = _ON_APPLE_MOBILE.sub("", client.browser_name)
    label = client.label
    if platform_of(client) == "ios" and client.browser not in ("safari", "ios_saf"):
        # Chrome, Firefox, Edge on iOS are Safari's WebKit at the iOS version: that
        # version is the one that matters. "Chrome on iOS 120.0" would read as iOS 120.
        frozen = client.os_version_frozen or not client.os_version
        os_version = "" if frozen else format_version(client.os_version[:2])
        label = f"{name} ({client.os_name} {os_version})".replace(" )", ")")
    return {
        "browser": label if known else unknown,
        "name": name if known else unknown,
        "version": version if known else "",
        "os": client.os_name if client.os != "unknown" else "",
    }


def _escaped(text: str) -> bytes:
    """``text`` as it goes into a skeleton's hole: HTML-escaped, UTF-8."""
    return str(escape(text)).encode("utf-8")


class Notice:
    """The notice, configured once: texts, browsers, assets.

    Every setting is validated here, so a bad configuration fails at startup with an
    error that names the key; per request only :meth:`fragment`, :meth:`block_page`
    and :meth:`static` run.
    """

    __slots__ = (
        "_assets",
        "_available",
        "_banner_position",
        "_browsers",
        "_client_bytes",
        "_clients",
        "_env",
        "_icons",
        "_language",
        "_mode",
        "_shared",
        "_site",
        "_skeletons",
        "_static_escaped",
        "_static_url",
        "_templates",
        "_texts",
        "max_skeletons",
        "static_names",
    )

    def __init__(
        self,
        *,
        texts: Mapping[str, Any] | None = None,
        browsers: Sequence[str] | None = None,
        assets: AssetMode = "inline",
        static_url: str = "/_jreject/static/",
        language: str = DEFAULT_LANGUAGE,
        languages: Sequence[str] | None = None,
        locale_dirs: Sequence[str | os.PathLike[str]] = (),
        templates: str | os.PathLike[str] | None = None,
        banner_position: BannerPosition = "top",
        site_name: str | None = None,
        logo_url: str | None = None,
        contact_url: str | None = None,
        fallback_url: str | None = None,
    ) -> None:
        if assets not in ASSET_MODES:
            raise ValueError(f"notice.assets is {assets!r}; expected 'inline' or 'static'")
        if not isinstance(static_url, str) or not static_url.endswith("/"):
            raise ValueError(
                f"notice.static_url must be a URL path ending in '/', such as "
                f"'/_jreject/static/', not {static_url!r}"
            )
        safe_url(static_url, field="notice.static_url")
        if banner_position not in BANNER_POSITIONS:
            raise ValueError(
                f"notice.banner_position is {banner_position!r}; expected 'top' or 'bottom'"
            )
        self._banner_position: BannerPosition = banner_position
        self._site = Site(site_name, logo_url, contact_url, fallback_url)
        self._texts = texts_by_language(texts or {}, language, languages, locale_dirs)
        own_language = next(iter(self._texts))
        self._language = own_language
        self._available = frozenset(self._texts)
        self._mode: AssetMode = assets
        self._static_url = static_url
        self._static_escaped = _escaped(static_url)
        self._browsers = (
            DEFAULT_BROWSERS
            if browsers is None
            else validate_browsers(browsers, where="notice.browsers")
        )
        self._assets: Assets = load_assets()
        self.static_names: frozenset[str] = frozenset(self._assets.files)
        # IE 8 and older get a PNG from the static URL, in both asset modes: each icon's
        # markup in two shared pieces, around the request's static URL.
        self._icons = {
            browser_id: str(icon_markup(svg, _SLOT + self._assets.icon_pngs[browser_id])).split(
                _SLOT
            )
            for browser_id, svg in self._assets.icons.items()
        }
        self._env = jinja2.Environment(
            loader=_loader(templates),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,
        )
        # The CSS, the script and each icon: one bytes object, shared by every skeleton.
        self._shared = {
            "css": self._assets.css.encode("utf-8"),
            "js": self._assets.js.encode("utf-8"),
            **{_ICON + key: icon.encode("utf-8") for key, (icon, _) in self._icons.items()},
            **{_PNG + key: png.encode("utf-8") for key, (_, png) in self._icons.items()},
        }
        self._skeletons: dict[_SkeletonKey, _Skeleton] = {}
        #: The most skeletons this notice can hold: one per template, language, advice
        #: (a handful per platform: :func:`~jreject.notice.browsers.advice_variants`),
        #: with or without a continue link, with or without a nonce. A visitor cannot
        #: add another: the key holds nothing a request sends as it is.
        self.max_skeletons = (
            len(TEMPLATE_NAMES) * len(self._texts) * len(advice_variants(self._browsers)) * 4
        )
        #: Per verdict's client and language: the advice and the client's texts, escaped,
        #: pure in both. Keyed by the client object itself (verdicts come from the verdict
        #: cache, so one object serves every visitor of a browser): a dict per request
        #: costs less than deriving them again. Bounded by :data:`_MAX_CLIENTS` entries
        #: and :data:`_MAX_CLIENT_BYTES` of the User-Agent strings the clients hold.
        self._clients: dict[tuple[int, str], tuple[Client, Advice, dict[str, bytes]]] = {}
        self._client_bytes = 0
        self._templates = {name: self._compile(name) for name in TEMPLATE_NAMES}
        # Render now, so a site's own template that names an unknown variable fails at
        # startup rather than on a visitor's request: ours in one shape each, a site's in
        # every shape it can take (each language, advice, with and without a continue link
        # and a nonce), since any branch of it may be the broken one. Those skeletons are
        # the ones visitors would make anyway, within max_skeletons.
        advices = advice_variants(self._browsers)
        for name in TEMPLATE_NAMES:
            if templates is not None and os.path.isfile(os.path.join(templates, name)):
                keys: list[_SkeletonKey] = [
                    (name, language, advice, has_continue, has_nonce)
                    for language in self._texts
                    for advice in advices
                    for has_continue in (True, False)
                    for has_nonce in (True, False)
                ]
            else:
                keys = [(name, own_language, advise_for("other", None, self._browsers), True, True)]
            for key in keys:
                try:
                    self._skeletons[key] = self._skeleton(key, with_script=name != "block.html")
                except jinja2.TemplateError as exc:
                    raise ValueError(
                        f"notice.templates: {name} cannot be rendered (language {key[1]!r}, "
                        f"advice {key[2].kind!r}): {exc}"
                    ) from exc

    def _compile(self, name: str) -> jinja2.Template:
        try:
            return self._env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise ValueError(
                f"notice.templates: {exc.filename or name} line {exc.lineno}: {exc.message}"
            ) from exc

    @classmethod
    def from_config(cls, table: Mapping[str, Any]) -> Notice:
        """Build from the ``[notice]`` table of ``jreject.toml`` (keys as :data:`CONFIG_KEYS`)."""
        if not isinstance(table, Mapping):
            raise TypeError(f"[notice] must be a table, not {type(table).__name__}")
        for key in table:
            if key not in CONFIG_KEYS:
                expected = ", ".join(CONFIG_KEYS)
                raise ValueError(
                    f"notice.{key} is not a notice setting; expected one of: {expected}"
                )
        return cls(**dict(table))

    @property
    def static_url(self) -> str:
        """Where the static files are, as configured (a request may give its own)."""
        return self._static_url

    @property
    def assets(self) -> AssetMode:
        """``"inline"`` or ``"static"``, as configured."""
        return self._mode

    @property
    def languages(self) -> frozenset[str]:
        """The BCP 47 tags of the languages this notice speaks (catalogs and the site's)."""
        return self._available

    @property
    def language(self) -> str:
        """The notice's own language: the fallback when negotiation finds nothing."""
        return self._language

    def language_for(self, request: NoticeRequest) -> tuple[str, bool]:
        """``(tag, negotiated)``: the language to render ``request`` in, and whether it
        came from negotiating ``Accept-Language``.

        The framework's active ``request.language`` wins when the notice speaks it.
        Otherwise, when the notice has more than one language, ``Accept-Language`` is
        negotiated: the response then depends on that header, and the middleware adds
        it to ``Vary`` (RFC 9110 §12.5.5), even when the header was absent.
        """
        if request.language:
            found = match(request.language, self._available)
            if found is not None:
                return found, False
        if len(self._available) == 1:
            return self._language, False
        return negotiate(request.accept_language, self._available) or self._language, True

    def varies_by_language(self, request: NoticeRequest) -> bool:
        """Whether the notice for ``request`` depends on its ``Accept-Language`` header."""
        return self.language_for(request)[1]

    def fragment(self, request: NoticeRequest) -> bytes:
        """The modal or the banner, by ``request.verdict.action``, to insert before ``</body>``."""
        action = request.verdict.action
        name = _FRAGMENT_TEMPLATES.get(action)
        if name is None:
            raise ValueError(
                f"fragment() renders the 'modal' and 'banner' actions, not {action!r}; "
                "use block_page() for 'block'"
            )
        return self._render(name, request, with_script=True)

    def block_page(self, request: NoticeRequest) -> bytes:
        """A complete UTF-8 HTML document for the ``406 Not Acceptable`` response."""
        return self._render("block.html", request, with_script=False)

    def static(self, name: str) -> tuple[bytes, str] | None:
        """``(body, content type)`` for the file ``<static_url><name>``, or ``None``."""
        return self._assets.files.get(name)

    def _render(self, template: str, request: NoticeRequest, *, with_script: bool) -> bytes:
        language = self.language_for(request)[0]
        client = request.verdict.client
        close_url = safe_url(request.close_url, field="close_url")
        continue_url = (
            None
            if request.continue_url is None
            else safe_url(request.continue_url, field="continue_url")
        )
        nonce = safe_nonce(request.nonce)
        static = request.static_url
        if static is None or static == self._static_url:
            static_escaped = self._static_escaped
        else:
            if not static.endswith("/"):
                raise ValueError(f"static_url must end in '/', not {static!r}")
            static_escaped = _escaped(safe_url(static, field="static_url"))
        advice, client_values = self._client(client, language)
        key = (template, language, advice, continue_url is not None, nonce is not None)
        skeleton = self._skeletons.get(key)
        if skeleton is None:
            skeleton = self._skeleton(key, with_script=with_script)
            self._skeletons[key] = skeleton
        values = {
            **client_values,
            "close_url": _escaped(close_url),
            "continue_url": b"" if continue_url is None else _escaped(continue_url),
            "nonce": b"" if nonce is None else _escaped(nonce),
            "static": static_escaped,
        }
        parts = list(skeleton.parts)
        for index, slot in skeleton.holes:
            parts[index] = values[slot]
        return b"".join(parts)

    def _client(self, client: Client, language: str) -> tuple[Advice, dict[str, bytes]]:
        """The advice for ``client`` and its texts in ``language``, escaped and encoded
        for the skeleton's holes (do not modify them)."""
        key = (id(client), language)
        found = self._clients.get(key)
        # The identity check: an id is only unique while its object lives, and the
        # entry holds the object, so a hit is always this very client.
        if found is not None and found[0] is client:
            return found[1], found[2]
        # A handful of distinct answers (per platform, a list or nothing), so the
        # skeleton cache stays small whatever versions visitors send.
        advice = advise(client, self._browsers)
        values = {
            slot: _escaped(text)
            for slot, text in _client_values(
                client, self._texts[language]["unknown_browser"]
            ).items()
        }
        size = len(client.user_agent)
        if len(self._clients) >= _MAX_CLIENTS or self._client_bytes + size > _MAX_CLIENT_BYTES:
            self._clients.clear()
            self._client_bytes = 0
        if size <= _MAX_CLIENT_BYTES:
            self._clients[key] = (client, advice, values)
            self._client_bytes += size
        return advice, values

    def _skeleton(self, key: _SkeletonKey, *, with_script: bool) -> _Skeleton:
        """Render ``key``'s template once with slot markers where request values go.

        Everything that depends only on configuration, language and the browser list is
        rendered (and escaped) by Jinja2 here; the result is literal bytes and slot
        names, so a request only escapes its own few values and joins. The CSS and
        script go in as the one shared bytes object each, not a copy per skeleton.
        """
        template, language, advice, has_continue, has_nonce = key
        slots = {name: _SLOT + name + _SLOT for name in (*_SLOTS, *_SHARED)}
        texts = self._texts[language]
        context = {
            "t": {k: fill(text, slots) if "{" in text else text for k, text in texts.items()},
            "lang": language,
            # Looked up on first use: Babel loads a locale's data file to answer.
            "dir": text_direction(language),
            "list_separator": list_separator(language),
            "browsers": advice.browsers,
            "advice": advice.kind,
            "update_browser": advice.update_browser,
            "site": self._site,
            "banner_position": self._banner_position,
            "icons": {
                key: Markup(
                    _SLOT + _ICON + key + _SLOT + slots["static"] + _SLOT + _PNG + key + _SLOT
                )
                for key in self._icons
            },
            "close_url": slots["close_url"],
            "continue_url": slots["continue_url"] if has_continue else None,
            "assets": self._asset_context(
                slots["nonce"] if has_nonce else None, with_script, slots
            ),
        }
        html = self._templates[template].render(context)
        parts: list[bytes] = []
        holes: list[tuple[int, str]] = []
        for index, piece in enumerate(html.split(_SLOT)):
            if index % 2 == 0:
                if piece:
                    parts.append(piece.encode("utf-8"))
            elif piece in self._shared:
                parts.append(self._shared[piece])
            else:
                holes.append((len(parts), piece))
                parts.append(b"")
        return _Skeleton(tuple(parts), tuple(holes))

    def _asset_context(
        self, nonce: str | None, with_script: bool, slots: Mapping[str, str]
    ) -> dict[str, object]:
        if self._mode == "static":
            return {
                "nonce": nonce,
                "css_url": slots["static"] + self._assets.css_name,
                "js_url": slots["static"] + self._assets.js_name if with_script else None,
            }
        return {
            "nonce": nonce,
            "css_url": None,
            "js_url": None,
            # Our own files, trusted; they cannot end their element (load_assets checks).
            "css": Markup(slots["css"]),
            "js": Markup(slots["js"]),
        }


def _loader(folder: str | os.PathLike[str] | None) -> jinja2.BaseLoader:
    """The site's template folder first (when given), then ours."""
    ours = jinja2.DictLoader(_read_templates())
    if folder is None:
        return ours
    if not isinstance(folder, (str, os.PathLike)) or not os.path.isdir(folder):
        raise ValueError(f"notice.templates must be a folder of templates, not {folder!r}")
    return jinja2.ChoiceLoader([jinja2.FileSystemLoader(folder), ours])


def _read_templates() -> dict[str, str]:
    folder = resources.files("jreject.notice").joinpath("templates")
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".html")
    }
