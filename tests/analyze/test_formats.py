"""Log formats: names, nginx and Apache format strings, and guessing."""

from __future__ import annotations

import re

import pytest

from jreject.analyze.formats import (
    FormatError,
    apache_format,
    named_format,
    nginx_format,
    parse_format,
)

from .logs import CHROME, combined

NGINX_COMBINED = (
    '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
    '"$http_referer" "$http_user_agent"'
)
APACHE_COMBINED = r"%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\""
LINE = combined("192.0.2.7", "10/Oct/2023", CHROME)


@pytest.mark.parametrize("name", ["nginx", "apache", "COMBINED"])
def test_server_names_are_aliases_of_combined(name):
    assert named_format(name).name == "combined"


def test_unknown_name_lists_the_choices():
    with pytest.raises(FormatError, match="combined, common, json"):
        named_format("nope")


@pytest.mark.parametrize("fmt", [nginx_format(NGINX_COMBINED), apache_format(APACHE_COMBINED)])
def test_server_format_strings_read_a_combined_line(fmt):
    match = re.match(fmt.pattern, LINE)
    assert match is not None
    assert match.group("ip") == "192.0.2.7"
    assert match.group("time").startswith("10/Oct/2023:")
    assert match.group("ua") == CHROME


def test_nginx_custom_format_with_fields_after_the_user_agent():
    fmt = nginx_format('$remote_addr [$time_iso8601] "$http_user_agent" $request_time')
    match = re.match(fmt.pattern, '198.51.100.1 [2024-03-01T10:00:00+00:00] "Agent \\"x\\"" 0.012')
    assert match is not None
    assert match.group("ua") == 'Agent \\"x\\"'


def test_a_format_string_without_user_agent_is_refused():
    with pytest.raises(FormatError, match="no User-Agent field"):
        nginx_format("$remote_addr $status")


def test_parse_format_picks_the_kind_from_the_string():
    assert parse_format(NGINX_COMBINED).name == "nginx"
    assert parse_format(APACHE_COMBINED).name == "apache"
    assert parse_format("json", ua="req.ua").ua == "req.ua"


def test_field_names_do_not_apply_to_line_formats():
    with pytest.raises(FormatError, match="--ua-field"):
        parse_format("combined", ua="x")
