"""``jreject check`` takes any bytes a server could deliver (issue 9 §6).

Undecodable bytes reach Python as lone surrogates (PEP 383); they must become a
verdict or a clear message with exit 2, never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from jreject.cli.check import header_text

BAD_UA = b"Mozilla/5.0 (X11) \xff Chrome/90.0"


def run_cli(*args: bytes, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    script = "import sys; from jreject.cli import main; sys.argv[0] = 'jreject'; main()"
    return subprocess.run(
        [os.fsencode(sys.executable), b"-c", script.encode(), *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=60,
    )


def test_an_undecodable_argument_gets_a_verdict_not_a_traceback():
    result = run_cli(b"check", BAD_UA, b"--json")
    assert b"Traceback" not in result.stderr
    # 0 or 1: allowed, or rejected by the default policy as far behind; never a crash.
    assert result.returncode in (0, 1), result.stderr.decode(errors="replace")
    record = json.loads(result.stdout)
    assert record["browser"] == "chrome"
    assert record["user_agent"] == BAD_UA.decode("latin-1")


def test_undecodable_lines_on_stdin_each_get_a_verdict():
    lines = BAD_UA + b"\n\xed\xa0\x80 lone surrogate bytes\nMozilla/4.0 (compatible; MSIE 6.0)\n"
    result = run_cli(b"check", b"-f", b"-", b"--json", stdin=lines)
    assert b"Traceback" not in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["browser"] for r in records] == ["chrome", "unknown", "ie"]
    assert result.returncode == 1  # the IE line is rejected by the default policy


def test_an_undecodable_header_value_is_read_as_latin1():
    result = run_cli(b"check", BAD_UA, b"-H", b"Sec-CH-UA: \xff\xfe", b"--json")
    assert b"Traceback" not in result.stderr
    assert result.returncode in (0, 1)


@pytest.mark.parametrize(
    ("argument", "text"),
    [
        ("plain ascii", "plain ascii"),
        ("caf\u00e9", "caf\u00e9"),  # valid UTF-8 stays as typed
        (os.fsdecode(b"a\xffb"), "a\u00ffb"),  # a lone byte reads as Latin-1
    ],
)
def test_header_text_never_keeps_surrogates(argument, text):
    assert header_text(argument) == text


@pytest.mark.parametrize("output", [b"tsv", b"table"])
def test_terminal_sequences_in_a_user_agent_are_shown_not_sent(output):
    # A log line can carry escape sequences that would recolour or retitle the terminal.
    line = b"Mozilla/5.0 \x1b[31mred\x1b]0;title\x07 Firefox/140.0\n"
    result = run_cli(b"check", b"-f", b"-", b"--format", output, stdin=line)
    assert b"\x1b" not in result.stdout
    assert b"\x07" not in result.stdout
    assert b"\\x1b[31m" in result.stdout


def test_json_keeps_the_exact_user_agent_with_its_control_characters():
    line = b"Mozilla/5.0 \x1b[31mred Firefox/140.0\n"
    result = run_cli(b"check", b"-f", b"-", b"--json", stdin=line)
    assert json.loads(result.stdout)["user_agent"] == line.decode().strip()
