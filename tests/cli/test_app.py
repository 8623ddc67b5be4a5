"""The app ``jreject.cli.main`` builds: only the command asked for, all of them otherwise."""

from __future__ import annotations

import atexit
import gc
import subprocess
import sys

import pytest

from jreject.cli import COMMAND_MODULES, _commands_for, main

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", CHROME], ("check",)),
        (["check", "--json", CHROME], ("check",)),
        (["data", "update"], ("data",)),
        (["--version"], COMMAND_MODULES),
        (["--help"], COMMAND_MODULES),
        ([], COMMAND_MODULES),
        (["chek", CHROME], COMMAND_MODULES),  # a typo: Typer lists the commands
    ],
)
def test_only_the_named_command_is_built(args, expected):
    assert _commands_for(args) == expected


def run_module(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jreject", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_check_loads_no_other_command():
    code = (
        "import sys; from jreject.cli import main; sys.argv = ['jreject', 'check', "
        f"{CHROME!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('jreject.cli.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    loaded = done.stdout.strip().splitlines()[-1]
    assert loaded == "['jreject.cli.check', 'jreject.cli.output']", done.stderr


@pytest.mark.parametrize(
    ("ua", "loaded"),
    [
        # An everyday browser is read without ua-parser's rules: it is not even imported.
        (CHROME, "False False"),
        ("Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)", "True False"),
    ],
)
def test_a_one_off_check_loads_ua_parser_without_pyyaml_and_leaves_it_importable(ua, loaded):
    code = (
        "import sys; from jreject.cli import main; sys.argv = ['jreject', 'check', "
        f"{ua!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('ua_parser' in sys.modules, 'yaml' in sys.modules)\n"
        "import yaml\nprint(yaml.safe_load('a: 1'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.strip().splitlines()[-2:] == [loaded, "{'a': 1}"], done.stderr


def test_python_m_jreject_help_lists_every_command():
    done = run_module("--help")
    assert done.returncode == 0, done.stderr
    for name in COMMAND_MODULES:
        assert name in done.stdout


@pytest.fixture
def collector_seen(monkeypatch) -> list[bool]:
    """Whether the cyclic garbage collector was on as each verdict was made."""
    from jreject.cli import check

    seen: list[bool] = []
    judge = check._judge

    def watched(*args):
        seen.append(gc.isenabled())
        return judge(*args)

    monkeypatch.setattr(check, "_judge", watched)
    yield seen
    gc.unfreeze()  # what `check --file` froze, in this long-lived test process


def test_a_one_off_check_runs_without_the_cyclic_collector_then_restores_it(
    collector_seen, monkeypatch, capsys
):
    monkeypatch.setattr(sys, "argv", ["jreject", "check", CHROME])
    at_exit: list[object] = []
    monkeypatch.setattr(atexit, "register", at_exit.append)
    with pytest.raises(SystemExit):
        main()
    assert collector_seen == [False]
    assert gc.isenabled()
    # At exit, what start-up built is frozen: the last full collection skips it.
    assert at_exit == [gc.freeze]


def test_check_file_turns_the_collector_back_on_for_its_loop(
    collector_seen, monkeypatch, tmp_path, capsys
):
    uas = tmp_path / "uas.txt"
    uas.write_text(f"{CHROME}\n{CHROME}\n")
    monkeypatch.setattr(sys, "argv", ["jreject", "check", "--file", str(uas)])
    with pytest.raises(SystemExit):
        main()
    assert collector_seen == [True, True]
    assert gc.isenabled()


def test_other_commands_leave_the_collector_alone(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["jreject", "--version"])
    states: list[bool] = []
    monkeypatch.setattr(gc, "disable", lambda: states.append(False))
    with pytest.raises(SystemExit):
        main()
    assert states == []
