from __future__ import annotations

import dataclasses

import pytest

from jreject.detect.client import Client, Sources, format_version


def _client(**changes: object) -> Client:
    return dataclasses.replace(
        Client(
            browser="chrome",
            browser_name="Chrome",
            version=(131, 0),
            version_string="131.0",
            engine="blink",
            os="windows",
            os_name="Windows",
            os_version=(10,),
            os_version_frozen=True,
            device="desktop",
            caniuse_agent="chrome",
            caniuse_version=(131,),
            sources=Sources("user-agent"),
            user_agent="UA",
        ),
        **changes,
    )


def test_clients_are_frozen_hashable_values():
    assert _client() == _client()
    assert hash(_client()) == hash(_client())
    with pytest.raises(dataclasses.FrozenInstanceError):
        _client().browser = "firefox"  # type: ignore[misc]


def test_label_and_major():
    assert _client().label == "Chrome 131.0"
    assert _client().major == 131
    assert _client(version=()).label == "Chrome"
    assert _client(version=()).major is None


def test_a_browser_has_no_bot_category_and_a_bot_has_one():
    assert _client().bot_category is None
    bot = _client(is_bot=True, bot_name="GPTBot", bot_category="ai", device="bot")
    assert (bot.bot_name, bot.bot_category) == ("GPTBot", "ai")


@pytest.mark.parametrize(
    ("version", "text"), [((15, 6, 0), "15.6"), ((131,), "131"), ((1, 0, 0, 2), "1.0.0.2")]
)
def test_format_version_drops_trailing_zeros_past_the_minor(version, text):
    assert format_version(version) == text


def test_client_fields_are_in_the_order_the_detector_passes_them():
    # The detector passes them positionally, in this order.
    assert [f.name for f in dataclasses.fields(Client)] == [
        "browser",
        "browser_name",
        "version",
        "version_string",
        "engine",
        "engine_version",
        "os",
        "os_name",
        "os_version",
        "os_version_frozen",
        "device",
        "is_bot",
        "bot_name",
        "bot_category",
        "caniuse_agent",
        "caniuse_version",
        "chromium_version",
        "sources",
        "user_agent",
    ]


@pytest.mark.parametrize(
    ("changes", "label"),
    [
        ({"os_version": (5, 1), "os_version_frozen": False}, "Windows XP"),
        ({"os_version": (6, 0), "os_version_frozen": False}, "Windows Vista"),
        ({"os_version": (7,), "os_version_frozen": False}, "Windows 7"),
        ({}, "Windows 10+"),
        ({"os": "macos", "os_name": "macOS", "os_version": (14, 5, 0)}, "macOS 14.5+"),
        ({"os": "unknown", "os_name": "Unknown", "os_version": ()}, "Unknown"),
    ],
)
def test_the_os_label_names_windows_before_7_and_marks_a_frozen_version(changes, label):
    assert _client(**changes).os_label == label
