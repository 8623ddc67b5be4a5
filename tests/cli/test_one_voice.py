"""Every command reads configuration through one validator, and says the same thing."""

from __future__ import annotations

import textwrap

import pytest
from typer.testing import CliRunner

from jreject.cli import _build_app

UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[[policy]]\nreject = { msie = 8 }\n\n[middleware]\nexplian = true\n",
            "jreject.toml:5: middleware.explian: unknown key 'explian' (did you mean 'explain'?)",
        ),
        (
            "[middleware]\ncookie_samesite = 'lax'\n",
            "jreject.toml:2: middleware.cookie_samesite: must be one of 'Lax', 'Strict', 'None'",
        ),
        (
            "[notice]\nlanguags = ['fr']\n",
            "jreject.toml:2: notice.languags: not a notice setting",
        ),
        (
            "[[polcy]]\nreject = { msie = 8 }\n",
            "jreject.toml:1: polcy: unknown key 'polcy' (did you mean 'policy'?)",
        ),
    ],
)
def test_check_and_doctor_give_the_same_message(tmp_path, monkeypatch, text, expected):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "jreject.toml"
    path.write_text(textwrap.dedent(text), "utf-8")
    runner = CliRunner()
    check = runner.invoke(_build_app(), ["check", "-p", str(path.name), UA])
    doctor = runner.invoke(_build_app(), ["doctor", "--config", str(path.name)])
    assert check.exit_code == 2
    assert doctor.exit_code == 1
    assert expected in check.output
    assert expected in " ".join(doctor.output.split())
