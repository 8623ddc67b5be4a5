from __future__ import annotations

import pytest

from jreject.notice.site import MAX_SITE_NAME, Site


def test_every_setting_is_optional():
    assert Site() == Site(None, None, None, None)


def test_the_name_is_trimmed_and_kept_as_text():
    assert Site(name="  Acme & Co <Shop> ").name == "Acme & Co <Shop>"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"name": "   "}, "notice.site_name must be a non-empty string"),
        ({"name": 42}, "notice.site_name must be a non-empty string"),
        ({"name": "x" * (MAX_SITE_NAME + 1)}, f"at most {MAX_SITE_NAME} characters"),
        ({"name": "a\tb"}, "one line"),
        ({"logo_url": "javascript:alert(1)"}, "notice.logo_url must be a relative or http"),
        ({"fallback_url": "//ok.example/\\x"}, "notice.fallback_url must not contain"),
        ({"contact_url": "mailto:a\nb@example.com"}, "notice.contact_url must not contain"),
        ({"contact_url": "tel:+100"}, "notice.contact_url must be a relative or http"),
    ],
)
def test_bad_settings_name_the_key(settings, message):
    with pytest.raises(ValueError, match=message):
        Site(**settings)


def test_links_may_be_relative_absolute_or_an_email_address():
    site = Site(
        logo_url="https://cdn.example/logo.png",
        contact_url="MAILTO:help@example.com",
        fallback_url="/lite/",
    )
    assert (site.logo_url, site.contact_url, site.fallback_url) == (
        "https://cdn.example/logo.png",
        "MAILTO:help@example.com",
        "/lite/",
    )
