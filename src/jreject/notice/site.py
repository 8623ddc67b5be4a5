"""The site's own identity on the notice: its name, logo, contact and fallback links.

A visitor refused by a 406 page should know whose site refused them, and one whose
device is too old for any current browser should have somewhere to turn. Each value is
validated once, when the notice is configured, so a typo fails at startup naming the key.
"""

from __future__ import annotations

from dataclasses import dataclass

from jreject.notice.safety import safe_url

__all__ = ["MAX_SITE_NAME", "Site"]

#: Long enough for any shop's name, short enough to stay one line above the 406 card.
MAX_SITE_NAME = 80


@dataclass(frozen=True, slots=True)
class Site:
    """``[notice]``'s ``site_name``, ``logo_url``, ``contact_url`` and ``fallback_url``.

    ``name`` is shown above the 406 page's card and in its ``<title>``; ``logo_url`` beside
    it. ``contact_url`` (relative, http(s) or ``mailto:``) and ``fallback_url`` (a basic
    version of the site) are linked on the 406 page, and in the modal and banner when no
    browser can help. Every value may be ``None``; templates escape them.
    """

    name: str | None = None
    logo_url: str | None = None
    contact_url: str | None = None
    fallback_url: str | None = None

    def __post_init__(self) -> None:
        if self.name is not None:
            if not isinstance(self.name, str) or not self.name.strip():
                raise ValueError(f"notice.site_name must be a non-empty string, not {self.name!r}")
            if len(self.name) > MAX_SITE_NAME or any(ord(c) < 32 for c in self.name):
                raise ValueError(
                    f"notice.site_name must be one line of at most {MAX_SITE_NAME} "
                    f"characters, not {self.name!r}"
                )
            object.__setattr__(self, "name", self.name.strip())
        for field in ("logo_url", "fallback_url"):
            value = getattr(self, field)
            if value is not None:
                safe_url(value, field=f"notice.{field}")
        if self.contact_url is not None:
            _contact_url(self.contact_url)


def _contact_url(url: object) -> None:
    if isinstance(url, str) and url[:7].lower() == "mailto:":
        # An address is a fine contact link; the rest of safe_url's rules still apply.
        safe_url("https:" + url[7:], field="notice.contact_url")
    else:
        safe_url(url, field="notice.contact_url")  # type: ignore[arg-type]
