"""The README's examples run, so the front door cannot rot."""

from __future__ import annotations

import doctest
import tomllib
from pathlib import Path

from docs_snippets import blocks
from jreject.config import config_from_dict
from jreject.detect.client import Client

README = Path(__file__).parents[1] / "README.md"


def test_python_examples_run():
    result = doctest.testfile(str(README), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_toml_example_is_a_valid_config():
    examples = blocks(README, "toml")
    assert examples
    for block in examples:
        config = config_from_dict(tomllib.loads(block), source="README.md")
        ie10 = Client(browser="ie", browser_name="Internet Explorer", version=(10,))
        assert config.policy(ie10).action == "block"


def test_the_two_commands_exist():
    text = README.read_text()
    root = README.parent
    for script in ("scripts/demo", "scripts/test"):
        assert f"./{script}" in text
        assert (root / script).stat().st_mode & 0o111
    assert "scripts/test" in (root / ".ci" / "run").read_text()


def test_every_public_name_resolves():
    import jreject

    for name in jreject.__all__:
        assert getattr(jreject, name) is not None


def test_wrapping_example_runs(tmp_path, monkeypatch):
    wrapping = [block for block in blocks(README, "python") if ">>>" not in block]
    assert wrapping
    (tmp_path / "jreject.toml").write_text("[[policy]]\nreject = { msie = 8 }\n")
    monkeypatch.chdir(tmp_path)

    def app(environ, start_response):  # a WSGI app; the ASGI line wraps whatever it gets
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    for block in wrapping:
        namespace = {"app": app}
        exec(compile(block, "README.md", "exec"), namespace)
        assert namespace["app"] is not app
