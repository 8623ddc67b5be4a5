"""jReject's ``$.reject()`` options → the same intent, as jreject settings with reasons.

Every option of jReject 1.1 (TurnWheel/jReject, ``js/jquery.reject.js``) is handled:
mapped onto ``[[policy]] reject``, ``[notice]`` or ``[middleware]``, or kept as a note
that says why it has no server-side meaning. The browser keys keep jReject's
semantics, which :class:`jreject.policy.rules.RejectRules` already mirrors; where
jReject's browser-side detection saw things differently (Chromium browsers as
``chrome``, Android as ``linux``), a note says so next to the key.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jreject.migrate.literal import JSFunction
from jreject.notice import BROWSERS

__all__ = ["CALLBACKS", "JREJECT_COOKIE", "KNOWN_OPTIONS", "Migration", "Rule", "migrate_options"]

#: jReject's callbacks: they ran in the browser around the dialog.
CALLBACKS: tuple[str, ...] = ("beforeReject", "afterReject", "onFail", "beforeClose", "afterClose")

#: Every option jReject 1.1 reads.
KNOWN_OPTIONS: tuple[str, ...] = (
    "reject",
    "display",
    "browserShow",
    "browserInfo",
    "header",
    "paragraph1",
    "paragraph2",
    "close",
    "closeMessage",
    "closeLink",
    "closeURL",
    "closeESC",
    "closeCookie",
    "cookieSettings",
    "imagePath",
    "overlayBgColor",
    "overlayOpacity",
    "fadeInTime",
    "fadeOutTime",
    "analytics",
    *CALLBACKS,
)

# jReject's $.browser.name values (after its own renames: crios → chrome,
# trident → msie, "Edge/" → edge), mapped to RejectRules keys. jReject's `edge` is
# the EdgeHTML Edge: it read "Edge/", and the Chromium Edge says "Edg/".
_BROWSERS: Mapping[str, str] = {
    "msie": "msie",
    "firefox": "firefox",
    "chrome": "chrome",
    "safari": "safari",
    "opera": "opera",
    "konqueror": "konqueror",
    "edge": "edge_legacy",
}
_NO_SUCH_BROWSER = ("camino", "netscape", "lynx")
_ENGINES: Mapping[str, str] = {
    "gecko": "gecko",
    "webkit": "webkit",
    "trident": "trident",
    "presto": "presto",
}
# jReject read navigator.platform: win, mac, linux, solaris, iphone, ipad.
_PLATFORMS: Mapping[str, str] = {
    "win": "win",
    "mac": "mac",
    "linux": "linux",
    "iphone": "iphone",
    "ipad": "ipad",
    # Not jReject 1.1 keys, but found in forks and hand-written options.
    "ipod": "ios",
    "android": "android",
}
_BROWSER_MAJOR = re.compile(r"([a-z]+)(\d+)")
_TEXTS: Mapping[str, str] = {
    "header": "header",
    "paragraph1": "paragraph1",
    "paragraph2": "paragraph2",
    "closeMessage": "close_message",
    "closeLink": "close_link",
}
# When the dialog could not be closed, the closest server-side answer is the 406 page;
# it shows the same wording.
_BLOCK_TEXTS: Mapping[str, str] = {
    "header": "block_title",
    "paragraph1": "block_paragraph1",
    "paragraph2": "block_paragraph2",
}
#: The cookie jReject set when the dialog was closed (with closeCookie: true).
JREJECT_COOKIE = "jreject-close"
_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Rule:
    """One ``reject`` key as written to the TOML.

    ``value`` None: the key cannot come along, only its note is written. ``active``
    False: written commented out, for the user to choose.
    """

    key: str
    value: bool | int | float | str | None
    note: str = ""
    active: bool = True


@dataclass(slots=True)
class Migration:
    """The settings a jReject configuration becomes, and what could not come along."""

    rules: list[Rule] = field(default_factory=list)
    action: str = "modal"
    action_note: str = ""
    browsers: list[str] | None = None
    browsers_note: str = ""
    texts: dict[str, str] = field(default_factory=dict)
    text_notes: dict[str, str] = field(default_factory=dict)
    middleware: dict[str, Any] = field(default_factory=dict)
    middleware_notes: dict[str, str] = field(default_factory=dict)
    #: (option, its value as given, why it is not carried over) for the file's end.
    notes: list[tuple[str, Any, str]] = field(default_factory=list)
    source: str = "jReject options"


def migrate_options(options: Mapping[str, Any], *, source: str = "jReject options") -> Migration:
    """Map a ``$.reject()`` options object onto jreject settings (see the module doc)."""
    migration = Migration(source=source)
    reject = options.get("reject", {"msie": 6})  # jReject 1.1's default
    if isinstance(reject, Mapping):
        for key, value in reject.items():
            migration.rules.extend(_reject_key(str(key), value))
    else:
        migration.notes.append(("reject", reject, "not an object of browser keys; left out"))
    if not any(rule.active and rule.value not in (None, False) for rule in migration.rules):
        migration.action_note = "nothing is rejected: every browser keeps the page"
    closable = options.get("close", True)
    if not _truthy(closable):
        migration.action = "block"
        migration.action_note = (
            "close: false made the dialog impossible to dismiss; the server-side equivalent "
            'is the 406 page (use action = "modal" for a dialog that can be closed)'
        )
    _display(options, migration)
    _texts(options, migration)
    _cookie(options, migration)
    for key, value in options.items():
        if key in _HANDLED:
            continue
        if key in CALLBACKS:
            first = not any(option in CALLBACKS for option, _, _ in migration.notes)
            migration.notes.append((key, value, _CALLBACK_NOTE if first else _CALLBACK_AGAIN))
        elif key in _NOTES:
            migration.notes.append((key, value, _NOTES[key]))
        else:
            migration.notes.append((key, value, "not a jReject option; left out"))
    return migration


_HANDLED = frozenset(
    {
        "reject",
        "close",
        "display",
        "browserShow",
        "header",
        "paragraph1",
        "paragraph2",
        "closeMessage",
        "closeLink",
        "closeCookie",
        "cookieSettings",
    }
)

_CALLBACK_NOTE = (
    "a browser-side callback; jreject decides on the server. Run this code from your page "
    "when the server says so: the JReject-Action header (jreject serve), request.state.jreject "
    "(ASGI) or environ['jreject.verdict'] tell you the verdict"
)
_CALLBACK_AGAIN = "a browser-side callback, as above"
_NOTES: Mapping[str, str] = {
    "browserInfo": (
        "jreject links each browser to its vendor's own download page for the visitor's "
        "platform, with its current name; pick the browsers with [notice] browsers"
    ),
    "closeURL": (
        "the close link always returns to the page the visitor was on, after setting the "
        "close cookie"
    ),
    "closeESC": "the modal always closes on Escape (keyboard users need it)",
    "imagePath": "the icons are served by jreject itself (/_jreject/static/)",
    "overlayBgColor": (
        "styling: override the #jreject rules in your CSS, or use your own templates "
        "([notice] templates)"
    ),
    "overlayOpacity": (
        "styling: override the #jreject rules in your CSS, or use your own templates "
        "([notice] templates)"
    ),
    "fadeInTime": "the notice appears at once, without animation",
    "fadeOutTime": "the notice closes at once, without animation",
    "analytics": (
        "jreject sends nothing to third parties; its log records and counters say who "
        "saw the notice"
    ),
}


# Above any patch or build number a browser has used: "3.6.99999" covers every 3.6.x.
_ANY_PATCH = 99999
_FLOAT_NOTE = "jReject compared parseFloat(version) <= {limit}: every {limit}.x is rejected"
_BROWSER_NOTES: Mapping[str, str] = {
    "chrome": (
        "only Chrome: jReject also counted Chromium browsers (Edge 79+, Opera 15+, "
        "Vivaldi, Brave) and Chrome on iOS as chrome"
    ),
    "msie": "Internet Explorer 5-11",
    "edge": "jReject's edge is the old EdgeHTML Edge (12-18)",
    "safari": "Safari on macOS and iOS; jReject also counted other iOS browsers as safari",
}


_PLATFORM_NOTES: Mapping[str, str] = {
    "mac": (
        "jReject read navigator.platform, where an iPad says MacIntel; jreject reads the User-Agent"
    ),
    "ipad": "iPadOS 13+ presents itself as a Mac; jreject tells them apart where the UA allows",
    "ipod": "jReject did not recognise iPod touch; this rejects every iOS device",
}


def _reject_key(key: str, value: Any) -> list[Rule]:
    name = key.strip().lower()
    if value is None or isinstance(value, JSFunction | list | dict):
        return [Rule(key, None, f"{value!r} is not a jReject flag; left out")]
    value = _number(value)
    if name == "all" or name == "unknown":
        return [Rule(name, _truthy(value))]
    if name in _ENGINES:
        rules = [Rule(_ENGINES[name], _limit(value))]
        if name == "webkit" and value is True:
            rules.append(Rule("blink", True, "jReject saw Chrome, Edge and Opera 15+ as webkit"))
        elif name == "webkit":
            rules[0] = Rule(
                "webkit",
                _limit(value),
                "an AppleWebKit version: jReject compared Chrome's too (537.36); "
                "jreject reports Chromium browsers as blink",
            )
        return rules
    if name == "khtml":
        return [Rule("konqueror", _truthy(value), "khtml: Konqueror is the KHTML browser")]
    if name in _PLATFORMS:
        rules = [Rule(_PLATFORMS[name], _truthy(value), _PLATFORM_NOTES.get(name, ""))]
        if name == "linux" and _truthy(value):
            rules.append(
                Rule(
                    "android",
                    True,
                    "jReject's linux matched Android too (its navigator.platform says "
                    "Linux): uncomment to keep that",
                    active=False,
                )
            )
        return rules
    if name == "solaris":
        return [Rule("solaris", None, "no Solaris browser is detected any more; left out")]
    if name in _NO_SUCH_BROWSER:
        return [Rule(name, None, f"{name} is not detected any more; left out")]
    if name in _BROWSERS:
        target = _BROWSERS[name]
        limit = _limit(value)
        if isinstance(limit, float):
            # jReject compared parseFloat(version) <= limit: Firefox 3.6.13 was 3.6.
            return [Rule(target, f"{limit}.{_ANY_PATCH}", _FLOAT_NOTE.format(limit=limit))]
        return [Rule(target, limit, _BROWSER_NOTES.get(name, ""))]
    match = _BROWSER_MAJOR.fullmatch(name)
    if match and match.group(1) in _BROWSERS:
        target = _BROWSERS[match.group(1)] + match.group(2)
        return [Rule(target, _truthy(value), _BROWSER_NOTES.get(match.group(1), ""))]
    return [Rule(key, None, "not a jReject browser, engine or platform key; left out")]


def _number(value: Any) -> Any:
    """jReject compared with ``<=`` in JavaScript, so ``"9"`` meant 9."""
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d+", text):
            return int(text)
        if re.fullmatch(r"\d+\.\d+", text):
            return float(text)
    return value


def _truthy(value: Any) -> bool:
    """JavaScript truthiness, for flags jReject tested with ``if (settings[key])``."""
    return not (value is False or value is None or value == 0 or value == "")


def _limit(value: Any) -> bool | int | float | str:
    """A browser or engine value: true, false, or the newest version still rejected."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value <= 0 or math.isnan(value):
            return False  # jReject: a 0 value is falsy, nothing is rejected
        if math.isinf(value):
            return True  # 1e400 reads as Infinity: every version is <= it
        return int(value) if isinstance(value, float) and value.is_integer() else value
    return _truthy(value)


def _display(options: Mapping[str, Any], migration: Migration) -> None:
    show = options.get("browserShow", True)
    if not isinstance(show, bool):
        # jReject tested it with `if (opts.browserShow)`: "no" showed the browsers.
        reading = "true" if _truthy(show) else "false"
        migration.notes.append(
            ("browserShow", show, f"not true or false: read as {reading}, as jReject did")
        )
    if not _truthy(show):
        migration.browsers = []
        migration.browsers_note = "browserShow: false, so no browsers are suggested"
        return
    display = options.get("display")
    if display is not None and not isinstance(display, list):
        migration.notes.append(
            ("display", display, "not a list of browser names; left out: the default ones")
        )
        return
    if not display:
        return  # jReject's default list; jreject's default is the same browsers
    chosen: list[str] = []
    dropped: list[str] = []
    for item in display:
        name = str(item).lower()
        target = "edge" if name == "msie" else name
        if target in BROWSERS and target not in chosen:
            chosen.append(target)
        elif target not in chosen:
            dropped.append(str(item))
    notes = []
    if "msie" in [str(i).lower() for i in display]:
        notes.append("msie became edge: Internet Explorer cannot be downloaded any more")
    if dropped:
        notes.append(f"left out (not offered any more): {', '.join(dropped)}")
    migration.browsers = chosen
    migration.browsers_note = "; ".join(notes)


def _texts(options: Mapping[str, Any], migration: Migration) -> None:
    for option, key in _TEXTS.items():
        if option not in options:
            continue
        value = options[option]
        if not isinstance(value, str):
            migration.notes.append((option, value, "not a string; left out: jreject's own text"))
            continue
        text, note = _plain(value)
        migration.texts[key] = text
        if note:
            migration.text_notes[key] = note
        if migration.action == "block" and option in _BLOCK_TEXTS:
            migration.texts[_BLOCK_TEXTS[option]] = text


def _plain(value: str) -> tuple[str, str]:
    """jReject inserted its texts as HTML; jreject's are plain text, escaped when shown."""
    note = ""
    text = _BREAK.sub("\n", value)
    stripped = _TAG.sub("", text)
    if stripped != text:
        note = "HTML tags removed: texts are plain text now"
        text = stripped
    for entity, char in (
        ("&nbsp;", " "),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", '"'),
        ("&#39;", "'"),
        ("&amp;", "&"),
    ):
        text = text.replace(entity, char)
    # Braces are placeholders ({browser}) in jreject's texts.
    text = text.replace("{", "{{").replace("}", "}}")
    return text.strip(), note


def _cookie(options: Mapping[str, Any], migration: Migration) -> None:
    remember = options.get("closeCookie", False)
    settings = options.get("cookieSettings")
    if not _truthy(remember):
        migration.middleware_notes["cookie"] = (
            "closeCookie was false: jReject showed the dialog again on every page; jreject "
            "always remembers a close, for the browser session by default"
        )
    else:
        # Visitors who closed jReject's dialog carry its cookie: honour it.
        migration.middleware["cookie_name"] = JREJECT_COOKIE
        migration.middleware_notes["cookie_name"] = (
            "jReject's own cookie, so visitors who closed its dialog are not asked again"
        )
    if not isinstance(settings, Mapping):
        if settings is not None:
            migration.notes.append(("cookieSettings", settings, "not an object; left out"))
        return
    _cookie_expires(settings, migration)
    _cookie_path(settings, migration)
    for key in settings:
        if key not in ("expires", "path"):
            migration.notes.append(
                (f"cookieSettings.{key}", settings[key], "not a jReject cookie setting")
            )


def _cookie_expires(settings: Mapping[str, Any], migration: Migration) -> None:
    """jReject's ``expires``, in seconds; 0 (its default) kept the cookie for the session."""
    if "expires" not in settings:
        return
    value = settings["expires"]
    expires = _number(value)
    if isinstance(expires, bool) or not isinstance(expires, int | float) or expires < 0:
        migration.notes.append(
            (
                "cookieSettings.expires",
                value,
                "not a number of seconds; left out: a close is remembered for the browser "
                "session ([middleware] cookie_max_age sets a lifetime)",
            )
        )
    elif expires > 0:
        migration.middleware["cookie_max_age"] = int(expires)


def _cookie_path(settings: Mapping[str, Any], migration: Migration) -> None:
    """jReject's cookie ``path``; "/" is jreject's default too."""
    if "path" not in settings:
        return
    path = settings["path"]
    if not isinstance(path, str) or not path.startswith("/"):
        migration.notes.append(
            (
                "cookieSettings.path",
                path,
                "not a path starting with /; left out: the cookie is for the whole site",
            )
        )
    elif path != "/":
        migration.middleware["cookie_path"] = path
