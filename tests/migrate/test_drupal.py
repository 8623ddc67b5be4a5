"""The Drupal module's settings, as drush exports them."""

from __future__ import annotations

import json
import tomllib

import pytest

from jreject.config import config_from_dict
from jreject.migrate.drupal import (
    DrupalError,
    drupal_options,
    looks_like_drupal,
    migrate_drupal,
    read_settings,
)
from jreject.migrate.toml import render

# `drush vget jreject --format=json` on Drupal 7, after saving the admin forms.
DRUPAL_7 = {
    "jreject_enable": 1,
    "jreject_header": "Did you know that your Internet Browser is out of date?",
    "jreject_paragraph1": "Your browser is out of date.",
    "jreject_paragraph2": "Just click on the icons to get to the download page:",
    "jreject_close_message": "By closing this window you acknowledge ...",
    "jreject_close_link": "Close This Window",
    "jreject_close_url": "#",
    "jreject_close": 1,
    "jreject_close_esc": 1,
    "jreject_close_cookie": 0,
    "jreject_overlay_bg_color": "#000",
    "jreject_overlay_opacity": "0.8",
    "jreject_fade_in_time": "fast",
    "jreject_fade_out_time": "fast",
    "jreject_reject_browsers": {
        "msie": {"label": "Internet explorer", "enabled": 1, "reject_version": "8"},
        "firefox": {"label": "Firefox", "enabled": 0, "reject_version": "9"},
        "chrome": {"label": "Chrome", "enabled": 1, "reject_version": ""},
    },
    "jreject_browser_alternatives": {"msie": 0, "firefox": 1, "safari": 1, "chrome": 1},
}

# `drush config:get jreject.settings` on Drupal 8+.
DRUPAL_8 = """\
jreject_enable: true
jreject_header: 'Your browser is old'
jreject_paragraph1: 'Please update it.'
jreject_closeMessage: 'You may go on.'
jreject_closeLink: 'Close'
jreject_closeURL: ''
_core:
  default_config_hash: 0123456789abcdef
"""


def test_drupal_7_export_becomes_the_module_s_options():
    options, ignored = drupal_options(DRUPAL_7)
    assert options["reject"] == {"msie": "8", "chrome": True}
    assert options["display"] == ["firefox", "safari", "chrome"]
    assert options["closeMessage"] == "By closing this window you acknowledge ..."
    assert options["closeCookie"] is False
    assert options["close"] is True
    assert ignored == []


def test_drupal_7_migration_loads_and_keeps_the_rules_and_texts():
    config = config_from_dict(tomllib.loads(render(migrate_drupal(DRUPAL_7))))
    assert config.notice_options["texts"]["close_link"] == "Close This Window"
    assert config.notice_options["browsers"] == ["firefox", "safari", "chrome"]
    text = render(migrate_drupal(DRUPAL_7))
    assert "msie = 8" in text
    assert "chrome = true" in text
    assert "firefox" not in text.split("[policy.reject]")[1].split("[notice]")[0]


def test_drupal_8_yaml_and_the_module_defaults_for_what_it_leaves_out():
    settings = read_settings(DRUPAL_8)
    assert "_core" not in settings
    options, _ = drupal_options(settings)
    assert options["reject"] == {"msie": 6, "firefox": 9, "chrome": 15, "safari": 4, "opera": 9}
    assert "closeURL" not in options  # empty: the module leaves it out
    assert options["closeLink"] == "Close"


def test_a_disabled_module_becomes_a_dry_run():
    migration = migrate_drupal({**DRUPAL_7, "jreject_enable": 0})
    assert migration.action == "log"
    assert "jreject_enable was off" in render(migration)


def test_the_pre_7001_browser_config_takes_the_newest_enabled_version():
    options, _ = drupal_options(
        {"jreject_browser_config": {"msie": {"6": 1, "7": 1, "8": 0}, "opera": {"9": 0}}}
    )
    assert options["reject"] == {"msie": "7"}


def test_wrapped_export_and_unknown_variables():
    settings = read_settings(json.dumps({"jreject.settings": {"jreject_header": "Hi", "x": 1}}))
    assert looks_like_drupal(settings)
    migration = migrate_drupal(settings)
    assert ("x", 1, "not a setting of the jReject module") in migration.notes


def test_jquery_options_do_not_look_like_drupal():
    assert not looks_like_drupal({"reject": {"msie": 6}})


@pytest.mark.parametrize("text", ["[1, 2]", "key: [unclosed"])
def test_exports_that_are_not_settings_are_refused(text):
    with pytest.raises(DrupalError):
        read_settings(text)


def test_a_yaml_error_says_where_on_one_line():
    with pytest.raises(DrupalError) as raised:
        read_settings("jreject_header: Old\njreject_enable: [unclosed\n")
    message = str(raised.value)
    assert "\n" not in message
    assert "line 3, column 1" in message
    assert "flow sequence (from line 2, column 17)" in message
