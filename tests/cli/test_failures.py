"""What the command line does when it cannot go on: one line and exit 2, never a traceback;
a closed pipe ends a printing command as it ends `cat`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jreject.cli import main

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"
ROOT = Path(__file__).resolve().parents[2]


def shell(command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, timeout=120, env=env, check=False
    )


def run(monkeypatch, capsys, *args):
    monkeypatch.setattr(sys, "argv", ["jreject", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    return stopped.value.code, capsys.readouterr().err


def test_a_closed_pipe_ends_check_as_it_ends_cat_not_as_a_rejection(tmp_path):
    lines = tmp_path / "uas.txt"
    lines.write_text(f"{FIREFOX}\n" * 5000)
    done = shell(f"set -o pipefail; {sys.executable} -m jreject check -f {lines} | head -1")
    assert done.returncode == 141  # 128 + SIGPIPE, as `yes | head -1`
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_under_standard_output_is_one_line_and_exit_2():
    done = shell(f"{sys.executable} -m jreject check '{FIREFOX}' > /dev/full")
    assert done.returncode == 2
    assert done.stderr.strip() == "jreject: error: cannot write the output: No space left on device"


def test_closed_standard_output_still_gives_the_verdict():
    done = shell(f"{sys.executable} -m jreject check '{FIREFOX}' >&-")
    assert done.returncode in (0, 1)
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("target", ["/nonexistent/dir/rules.conf", "{tmp}"])
def test_export_to_a_path_it_cannot_write(monkeypatch, capsys, tmp_path, target):
    target = target.format(tmp=tmp_path)
    code, err = run(monkeypatch, capsys, "export", "-t", "nginx", "-o", target)
    assert code == 2
    assert err.startswith(f"jreject: error: cannot write {target}: ")
    assert "Traceback" not in err


def test_migrate_of_a_deeply_nested_file(monkeypatch, capsys, tmp_path):
    deep = tmp_path / "options.json"
    deep.write_text('{"a":' * 100_000 + "1" + "}" * 100_000)
    code, err = run(monkeypatch, capsys, "migrate", str(deep))
    assert (code, err.strip()) == (2, "jreject: error: the input is nested too deeply to be read")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("serve", "--uds", "/nonexistent/dir/s.sock"), "the directory /nonexistent/dir does not"),
        (("serve", "--log-level", "loud"), "--log-level 'loud': expected one of critical,"),
    ],
)
def test_serve_options_it_cannot_use(monkeypatch, capsys, args, message):
    pytest.importorskip("uvicorn")
    code, err = run(monkeypatch, capsys, *args)
    assert code == 2
    assert message in err


def test_preview_port_out_of_range(monkeypatch, capsys):
    code, err = run(monkeypatch, capsys, "preview", FIREFOX, "--serve", "--port", "99999")
    assert code == 2
    assert "65535" in err


def test_a_closed_pipe_ends_data_status_as_it_ends_cat():
    # `data status` only prints (unlike `data update`): a reader that goes away is SIGPIPE,
    # never a silent exit 1 that a `set -o pipefail` script takes for a failure.
    done = shell(f"set -o pipefail; {sys.executable} -m jreject data status | true")
    assert done.returncode == 141
    assert "Traceback" not in done.stderr


def test_a_broken_user_agent_parser_is_named_with_its_fix_not_reported_as_a_bug(
    broken_ua_parser,
):
    ie6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)"  # needs ua-parser
    path = f"PYTHONPATH={broken_ua_parser}:$PYTHONPATH"
    done = shell(f"{path} {sys.executable} -m jreject check '{ie6}'")
    assert done.returncode == 2
    assert "the User-Agent parser cannot be loaded (a broken ua_parser)" in done.stderr
    assert "pip install --force-reinstall ua-parser ua-parser-builtins" in done.stderr
    assert "please report it" not in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("doctor", "--bogus"), "No such option: --bogus"),
        (("preview", "x", "--action", "nope"), "Invalid value for '--action'"),
        (("init", "{tmp}"), "Invalid value for 'path'"),
        (("serve", "--port", "0"), "Invalid value for '--port'"),
    ],
)
def test_a_bad_option_is_one_line_naming_the_help(monkeypatch, capsys, tmp_path, args, message):
    # docs/cli.md: a bad option is `jreject: error: …` on one line and exit 2, as a bad
    # file is, not a framed panel of usage.
    code, err = run(monkeypatch, capsys, *(arg.format(tmp=tmp_path) for arg in args))
    assert code == 2
    (line,) = err.strip().splitlines()
    assert line.startswith("jreject: error: ")
    assert message in line
    assert f"{args[0]} --help" in line


def test_a_group_without_its_command_still_shows_its_help(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["jreject", "data"])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    assert "status" in capsys.readouterr().out


def test_a_package_that_cannot_be_imported_is_one_line_from_any_command(broken_ua_parser):
    ie6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)"  # needs ua-parser
    path = f"PYTHONPATH={broken_ua_parser}:$PYTHONPATH"
    done = shell(f"{path} {sys.executable} -m jreject preview '{ie6}'")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("jreject: error: ")
    assert "a broken ua_parser" in line
    assert "jreject doctor" in line


@pytest.mark.parametrize("command", ["check -f -", "migrate -"])
def test_reading_a_closed_standard_input_is_one_line(command):
    # Started with `<&-` (a cron job, a service manager): Python has no sys.stdin at all.
    done = shell(f"{sys.executable} -m jreject {command} <&-")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "jreject: error: standard input is closed" in done.stderr
