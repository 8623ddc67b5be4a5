"""Minimum versions per browser, as Rails' ``allow_browser versions:`` (Rails 7.2+).

Rails' rule, kept here: a listed browser below its minimum, or listed as ``false``,
is rejected; unlisted browsers, clients without a User-Agent and clients whose
version is unknown are allowed. Where we differ, on purpose:

* Edge, Samsung Internet, Opera … are their own browsers with their own entries.
  A Chromium-based browser without an entry is judged by its Chromium version
  against ``chrome`` when ``chromium_fallback=True``, the default of every preset:
  Samsung Internet 12 is Chrome 79 inside, and a preset that let it pass would
  not mean what its name says.
* Browsers on iOS without their own entry (``chrome_ios``, ``firefox_ios``, in-app
  browsers) run Apple's WebKit, so they are judged by their WebKit/iOS version
  (caniuse ``ios_saf``) against ``safari``.
* Firefox ESR, IE Mobile and legacy (EdgeHTML) Edge take the ``firefox``, ``ie``
  and ``edge`` entries when they have none of their own (:data:`FAMILY`).
* ``false`` rejects every version, even an unknown one (Rails needs a version).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from jreject.detect.client import Client, format_version
from jreject.errors import PolicyValueError
from jreject.policy._names import canonical_browser
from jreject.policy._versions import is_zero, parse_version, version_at_least, version_text
from jreject.policy.base import Action, Verdict, allow, reject

__all__ = ["FAMILY", "MODERN", "PRESETS", "Minimum", "MinimumValue"]

MinimumValue = int | float | str | bool

#: Rails' ``allow_browser versions: :modern`` (actionpack ``AllowBrowser::SETS``),
#: the first releases with webp, web push, badges, import maps, CSS nesting and
#: CSS ``:has``. To keep it current, compare with Rails' ``SETS[:modern]`` on each
#: Rails release and bump these with a CHANGELOG line; a site that wants a moving
#: floor uses :class:`jreject.policy.relative.Relative` instead.
MODERN: Mapping[str, MinimumValue] = {
    "safari": "17.2",
    "chrome": 120,
    "firefox": 121,
    "opera": 106,
    "ie": False,
}

#: Named minimum sets for ``Minimum.preset`` and ``minimum = { preset = "…" }``.
PRESETS: Mapping[str, Mapping[str, MinimumValue]] = {"modern": MODERN}

#: Browsers that are another listed browser under a different name or build: without
#: their own entry they take that browser's (Firefox ESR is Firefox).
FAMILY: Mapping[str, str] = {"firefox_esr": "firefox", "ie_mobile": "ie", "edge_legacy": "edge"}

#: Browsers judged by ``caniuse_version`` (WebKit/iOS) against the ``safari`` entry.
_WEBKIT_AGENT = "ios_saf"


@dataclass(frozen=True, slots=True)
class Minimum:
    """Reject a listed browser below its minimum version, or every version if ``False``.

    ``Minimum({"safari": "17.2", "chrome": 120, "ie": False})``. Versions compare as
    int tuples, so ``"17.10"`` is newer than ``"17.9"`` (write it as a string: the
    float ``17.10`` is ``17.1``).
    """

    versions: Mapping[str, MinimumValue]
    action: Action = "modal"
    chromium_fallback: bool = False
    _table: dict[str, tuple[int, ...] | None] = field(init=False, repr=False, compare=False)
    # Each minimum's rule name ("safari<17.2") and the end of its rejection's reason,
    # written once: an uncached request for an old browser would write them again.
    _older: dict[str, tuple[str, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.action == "allow":
            raise PolicyValueError("action", "a rejecting rule needs modal, banner, block or log")
        table: dict[str, tuple[int, ...] | None] = {}
        written: dict[str, str] = {}
        for key, value in self.versions.items():
            try:
                browser = canonical_browser(str(key))
            except ValueError as error:
                raise PolicyValueError(str(key), str(error)) from None
            if browser in written:
                # `msie` and `ie` (or `Chrome` and `chrome`): which one was meant?
                raise PolicyValueError(
                    str(key), f"{written[browser]!r} and {key!r} both name {browser}; keep one"
                )
            written[browser] = str(key)
            if value is True:
                raise PolicyValueError(
                    str(key), "expected a minimum version or false (never), got true"
                )
            try:
                table[browser] = None if value is False else parse_version(value)
            except ValueError:
                raise PolicyValueError(
                    str(key),
                    f'expected a minimum version such as 120 or "17.2", or false (never), '
                    f"got {value!r}",
                ) from None
            minimum = table[browser]
            if minimum is not None and is_zero(minimum):
                raise PolicyValueError(
                    str(key),
                    f"a minimum of 0 allows every version: leave {key} out to judge none "
                    "of it, or write false to reject every version",
                )
        object.__setattr__(self, "_table", table)
        texts = {key: version_text(value) for key, value in table.items() if value is not None}
        older = {
            key: (f"{key}<{text}", f" is older than the minimum {text} for {key}")
            for key, text in texts.items()
        }
        object.__setattr__(self, "_older", older)

    @classmethod
    def preset(
        cls,
        name: str = "modern",
        /,
        *,
        action: Action = "modal",
        chromium_fallback: bool = True,
        **overrides: MinimumValue,
    ) -> Minimum:
        """A named preset with some entries changed: ``Minimum.preset("modern", edge=120)``.

        Chromium-based browsers without an entry (Edge, Samsung Internet, UC, Yandex,
        WebViews…) are judged by their Chromium version against ``chrome`` unless
        ``chromium_fallback=False``.
        """
        try:
            base = PRESETS[name]
        except KeyError:
            raise PolicyValueError(
                "preset", f"unknown preset {name!r}: expected one of {', '.join(PRESETS)}"
            ) from None
        return cls({**base, **overrides}, action, chromium_fallback)

    def __call__(self, client: Client, /) -> Verdict:
        browser = client.browser
        table = self._table
        if browser in table:
            minimum = table[browser]
            version = client.version
            if minimum is not None and len(version) >= len(minimum) and version >= minimum:
                # The everyday answer, without a call to _judge: a listed browser at
                # or past its minimum (as long a tuple: no padding needed).
                return allow(client)
            return self._judge(client, browser, version)
        family = FAMILY.get(browser)
        if family in self._table:
            return self._judge(client, family, client.version)
        if client.caniuse_agent == _WEBKIT_AGENT and "safari" in self._table:
            verdict = self._judge(client, "safari", client.caniuse_version, "WebKit")
            if not verdict.allowed and client.os_version_frozen and _frozen_source(client):
                # The iOS version in a reduced UA is a floor, the real one may be newer.
                return allow(client, f"{client.label}: iOS version is frozen, not judged")
            return verdict
        if self.chromium_fallback and client.chromium_version and "chrome" in self._table:
            return self._judge(client, "chrome", client.chromium_version, "Chromium")
        return allow(client)

    def _judge(
        self, client: Client, entry: str, version: tuple[int, ...], judged_as: str = ""
    ) -> Verdict:
        """``client`` against ``entry``'s minimum; ``judged_as`` names the engine whose
        ``version`` is judged when it is not the browser's own (``"WebKit"``)."""
        minimum = self._table[entry]
        if minimum is None:
            return reject(
                client,
                self.action,
                f"{entry}=false",
                f"{_label(client, judged_as, version)} is not supported ({entry} = false)",
            )
        if not version:
            return allow(client, f"{client.browser_name}: version unknown, not judged")
        if version_at_least(version, minimum):
            # Most verdicts allow: the label is only written for a rejection.
            return allow(client)
        rule, older = self._older[entry]
        return reject(client, self.action, rule, _label(client, judged_as, version) + older)


def _label(client: Client, judged_as: str, version: tuple[int, ...]) -> str:
    """``"Chrome 120"``, or ``"Samsung Internet 25 (Chromium 121)"`` when judged by engine."""
    if not judged_as:
        return client.label
    return f"{client.label} ({judged_as} {format_version(version)})"


def _frozen_source(client: Client) -> bool:
    """The WebKit version of a non-Safari iOS browser comes from the OS version."""
    return client.browser != "safari"
