"""Guessing formats from first lines, and completing the fields a format leaves open."""

from __future__ import annotations

import json

from jreject.analyze.formats import parse_format
from jreject.analyze.guess import complete, guess

from .logs import CHROME, combined

LINE = combined("192.0.2.7", "10/Oct/2023", CHROME)


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
