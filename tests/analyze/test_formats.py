"""Log formats: names, nginx and Apache format strings, and guessing."""

from __future__ import annotations

import json
import re

import pytest

from jreject.analyze.formats import (
    FormatError,
    apache_format,
    complete,
    guess,
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


def test_guess_combined_and_common():
    assert guess([LINE] * 3).name == "combined"
    assert guess(['1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 5'] * 3).name == (
        "common"
    )


def test_guess_json_finds_caddy_fields():
    line = json.dumps(
        {"ts": 1.7e9, "request": {"remote_ip": "1.2.3.4", "headers": {"User-Agent": [CHROME]}}}
    )
    fmt = guess([line])
    assert (fmt.kind, fmt.ua, fmt.ip, fmt.time) == (
        "json",
        "request.headers.User-Agent",
        "request.remote_ip",
        "ts",
    )


def test_guess_w3c_from_its_directives():
    assert guess(["#Software: Microsoft Internet Information Services 10.0"]).kind == "w3c"


def test_guess_csv_and_tsv_from_the_header():
    csv_fmt = guess(["time,client_ip,User-Agent", "x,y,z"])
    assert (csv_fmt.name, csv_fmt.ua, csv_fmt.ip, csv_fmt.time) == (
        "csv",
        "User-Agent",
        "client_ip",
        "time",
    )
    assert guess(["ip\tuser_agent", "a\tb"]).name == "tsv"


def test_guess_falls_back_to_one_user_agent_per_line():
    assert guess([CHROME, CHROME]).name == "plain"
    assert guess([]).name == "plain"


def test_fields_left_open_are_found_in_the_first_lines():
    caddy = json.dumps(
        {"ts": 1.7e9, "request": {"remote_ip": "1.2.3.4", "headers": {"User-Agent": [CHROME]}}}
    )
    fmt = complete(parse_format("json", ua="request.headers.User-Agent"), [caddy])
    assert (fmt.ua, fmt.ip, fmt.time) == ("request.headers.User-Agent", "request.remote_ip", "ts")
    tsv = complete(parse_format("tsv"), ["when\tremote_addr\tUser-Agent"])
    assert (tsv.ua, tsv.ip, tsv.time) == ("User-Agent", "remote_addr", None)


def test_fields_left_open_without_a_sample_get_plain_names():
    fmt = complete(parse_format("json"), [])
    assert (fmt.ua, fmt.ip, fmt.time) == ("user_agent", "remote_addr", "time")
