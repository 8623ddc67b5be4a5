from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jreject.cli import main
from jreject.data import load

LATEST_CHROME = max(int(v.version) for v in load().agents["chrome"].released_versions)
IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)"
CHROME = (  # current Chrome: the default policy judges how far behind it is
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    f"(KHTML, like Gecko) Chrome/{LATEST_CHROME}.0.0.0 Safari/537.36"
)
SAFARI_15 = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/15.6 Safari/605.1.15"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"

JSON_KEYS = {
    "user_agent",
    "browser",
    "browser_name",
    "version",
    "major",
    "engine",
    "os",
    "os_version",
    "device",
    "is_bot",
    "caniuse_agent",
    "caniuse_version",
    "allowed",
    "action",
    "rule",
    "reasons",
}


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Run the CLI in an empty directory (no config found upward from tmp)."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        from jreject.cli import _build_app

        return runner.invoke(_build_app(), list(args), input=input)

    return invoke


def test_ie6_is_rejected_by_the_default_policy(run):
    result = run("check", IE6)
    assert result.exit_code == 1, result.output
    assert "rejected" in result.output
    assert "(msie)" in result.output


def test_current_chrome_is_allowed(run):
    result = run("check", CHROME)
    assert result.exit_code == 0, result.output
    assert "allowed" in result.output


def test_json_output_has_the_documented_schema(run):
    result = run("check", SAFARI_15, "--json")
    record = json.loads(result.output)
    assert set(record) >= JSON_KEYS
    assert record["browser"] == "safari"
    assert record["version"] == "15.6"
    assert record["major"] == 15
    assert record["engine"] == "webkit"
    assert record["caniuse_agent"] == "safari"
    assert record["allowed"] is True
    assert record["action"] == "allow"


def test_json_output_names_a_bot_and_its_category(run):
    result = run(
        "check", "Mozilla/5.0 (compatible; GPTBot/1.2; +https://openai.com/gptbot)", "--json"
    )
    record = json.loads(result.output)
    assert (record["is_bot"], record["bot_name"], record["bot_category"]) == (True, "GPTBot", "ai")


def test_client_hints_header_option_is_used(run):
    result = run(
        "check",
        CHROME,
        "-H",
        'Sec-CH-UA: "Microsoft Edge";v="141", "Not?A_Brand";v="8", "Chromium";v="141"',
        "--json",
    )
    record = json.loads(result.output)
    assert record["browser"] == "edge"
    assert record["major"] == 141
    assert record["sources"]["browser"] == "client-hints"


def test_a_header_without_colon_is_a_usage_error(run):
    result = run("check", CHROME, "-H", "Sec-CH-UA")
    assert result.exit_code == 2
    assert "expected 'Name: value'" in result.output
    assert "Traceback" not in result.output


def test_policy_file_is_applied(run, tmp_path):
    policy = tmp_path / "strict.toml"
    policy.write_text('[[policy]]\nminimum = { preset = "modern" }\naction = "block"\n')
    result = run("check", SAFARI_15, "--policy", str(policy), "--json")
    record = json.loads(result.output)
    assert result.exit_code == 1
    assert record["allowed"] is False
    assert record["action"] == "block"
    assert record["rule"] == "safari<17.2"
    assert any("17.2" in reason for reason in record["reasons"])


def test_config_found_upward_from_the_current_directory(run, tmp_path, monkeypatch):
    (tmp_path / "jreject.toml").write_text("[[policy]]\nreject = { safari = 16 }\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    result = run("check", SAFARI_15, "--json")
    assert json.loads(result.output)["rule"] == "safari<=16"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[[policy]]\nminimum = { safarii = 17 }\n", "safarii"),
        ("[[policy]\n", "not valid TOML"),
        ("[[policy]]\nminimum = { safari = 'seventeen' }\n", "seventeen"),
        ("colour = 'red'\n", "colour"),
        ("[[policy]]\nbrowserslist = { query = 5 }\n", "policy[0].browserslist.query"),
        ("[[policy]]\nrequire = [1]\n", "policy[0].require[0]"),
    ],
)
def test_bad_config_is_a_clear_error_naming_file_and_line(run, tmp_path, content, expected):
    policy = tmp_path / "bad.toml"
    policy.write_text(content)
    result = run("check", SAFARI_15, "--policy", str(policy))
    assert result.exit_code == 2
    assert f"{policy}:" in result.output
    assert expected in result.output
    assert "Traceback" not in result.output


def test_a_pyproject_whose_tool_is_not_a_table_is_a_config_error(run, tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('tool = "x"\n')
    result = run("check", SAFARI_15, "--policy", str(pyproject))
    assert result.exit_code == 2
    assert f"{pyproject}:1: tool: expected a table" in result.output
    assert "Traceback" not in result.output


def test_a_broken_pyproject_found_upward_is_reported_not_skipped(run, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.jreject]\n[[tool.jreject.policy]\n")
    result = run("check", SAFARI_15)
    assert result.exit_code == 2
    assert f"{tmp_path / 'pyproject.toml'}:2: not valid TOML" in result.output
    assert "Traceback" not in result.output


def test_bots_are_allowed(run):
    result = run("check", GOOGLEBOT, "--json")
    record = json.loads(result.output)
    assert result.exit_code == 0
    assert record["is_bot"] is True
    assert record["device"] == "bot"


def test_file_mode_writes_json_lines_and_fails_when_any_is_rejected(run, tmp_path):
    uas = tmp_path / "uas.txt"
    uas.write_text(f"{CHROME}\n\n{IE6}\n{GOOGLEBOT}\n")
    result = run("check", "--file", str(uas), "--json")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["browser"] for line in lines] == ["chrome", "ie", lines[2]["browser"]]
    assert [line["allowed"] for line in lines] == [True, False, True]
    assert result.exit_code == 1


def test_file_mode_reads_standard_input_and_writes_tab_separated_rows_when_piped(run):
    result = run("check", "--file", "-", input=f"{CHROME}\n{IE6}\n")
    assert result.exit_code == 1
    header, *rows = result.stdout.splitlines()
    assert header.split("\t") == [
        "verdict", "action", "rule", "browser", "engine", "os", "device", "user_agent"
    ]  # fmt: skip
    assert [row.split("\t")[0] for row in rows] == ["allowed", "rejected"]
    # The User-Agent is never cut: it is the last column, whole.
    assert [row.split("\t", 7)[7] for row in rows] == [CHROME, IE6]


def test_file_mode_summarises_by_browser_and_action_on_stderr(run):
    result = run("check", "--file", "-", "--json", input=f"{CHROME}\n{IE6}\n{IE6}\n{GOOGLEBOT}\n")
    assert len(result.stdout.splitlines()) == 4  # the summary stays out of the data
    assert "By browser and action" in result.stderr
    summary = {line.split()[0]: line.split()[1:] for line in result.stderr.splitlines()[2:-1]}
    assert summary["Internet"] == ["Explorer", "0", "2"]
    assert summary["Bots"] == ["1", "0"]
    assert result.stderr.splitlines()[-1] == "4 user agents checked, 2 rejected"


def test_file_mode_table_format_keeps_every_row_on_one_line(run):
    result = run("check", "--file", "-", "--format", "table", input=f"{CHROME}\n{IE6}\n")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Verdict", "Browser", "OS", "Device", "User-Agent"]
    assert lines[1].startswith("allowed")
    assert f"Chrome {LATEST_CHROME}" in lines[1]
    assert lines[2].startswith("modal")
    assert "Internet Explorer 6" in lines[2]
    assert len(lines) == 3


def test_tabs_inside_a_user_agent_do_not_shift_tab_separated_columns(run):
    result = run("check", "--file", "-", input="Mozilla/5.0\t(X11)\n")
    row = result.stdout.splitlines()[1].split("\t")
    assert len(row) == 8
    assert row[7] == "Mozilla/5.0 (X11)"


def test_json_and_another_format_are_a_usage_error(run):
    result = run("check", "--file", "-", "--json", "--format", "tsv", input=f"{CHROME}\n")
    assert result.exit_code == 2
    assert "disagree" in result.output


def test_file_mode_streams_each_verdict_before_the_input_ends(tmp_path):
    """A pipe sees each row as its line is read, not when the file ends."""
    import subprocess
    import sys

    with subprocess.Popen(
        [sys.executable, "-c", "from jreject.cli import main; main()", "check", "-f", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as proc:
        assert proc.stdin is not None
        assert proc.stdout is not None
        proc.stdin.write(f"{IE6}\n")
        proc.stdin.flush()
        assert proc.stdout.readline().startswith("verdict\t")
        assert proc.stdout.readline().startswith("rejected\t")  # stdin still open
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 1


def test_missing_file_is_a_usage_error(run, tmp_path):
    result = run("check", "--file", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "cannot read" in result.output
    assert result.stdout == ""  # not even the header row of the tsv that never came


def test_argument_and_file_are_mutually_exclusive(run, tmp_path):
    assert run("check").exit_code == 2
    assert run("check", CHROME, "--file", str(tmp_path / "x")).exit_code == 2


def test_empty_user_agent_is_unknown_not_an_error(run):
    result = run("check", "", "--json")
    assert json.loads(result.output)["browser"] == "unknown"


def test_version_and_help(run):
    from jreject import __version__

    assert run("--version").output.strip() == f"jreject {__version__}"
    help_text = run("check", "--help").output
    assert "Examples" in help_text
    assert "Exit status" in help_text


def test_main_explains_a_missing_cli_extra(monkeypatch, capsys):
    import builtins

    real_import = builtins.__import__

    def no_typer(name, *args, **kwargs):
        if name == "typer":
            raise ModuleNotFoundError("No module named 'typer'", name="typer")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_typer)
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 2
    assert "pip install 'jreject[cli]'" in capsys.readouterr().err


def test_console_script_is_declared():
    pyproject = Path(__file__).parents[2] / "pyproject.toml"
    assert 'jreject = "jreject.cli:main"' in pyproject.read_text()
