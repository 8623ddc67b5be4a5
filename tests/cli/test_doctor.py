"""``jreject doctor``: the checklist, its JSON, its exit status, and the app options."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jreject.cli import app as cli_app
from jreject.cli.doctor import diagnose, import_app

ROOT = Path(__file__).resolve().parents[2]
DJANGO_PROJECT_DIR = ROOT / "tests" / "integrations"


@pytest.fixture
def run(tmp_path, monkeypatch):
    import jreject.data

    monkeypatch.chdir(tmp_path)
    # The hand-kept tables' age is a fact of the calendar (tested in tests/test_health.py):
    # a healthy install must not turn "1 warning" the day a table turns a year old.
    monkeypatch.setattr(jreject.data, "tables_age_warning", lambda now=None: None)

    def invoke(*args):
        result = CliRunner().invoke(cli_app, ["doctor", *args])
        return result.exit_code, result.output

    return invoke


def test_healthy_install_exits_0_with_a_checklist(run):
    code, output = run()
    assert code == 0
    assert "✔ Browser data: caniuse-lite" in output
    assert "✔ Self-test: default policy: IE 6 rejected" in output
    assert "no configuration found" in output
    assert "✔ jreject is healthy here." in output


def test_json_schema(run, tmp_path):
    (tmp_path / "jreject.toml").write_text("[[policy]]\nreject = { msie = 8 }\n")
    code, output = run("--json")
    data = json.loads(output)
    assert code == 0
    assert set(data) == {"healthy", "version", "errors", "warnings", "checks"}
    assert data["healthy"] is True
    first = data["checks"][0]
    assert set(first) == {"section", "id", "status", "title", "message", "hint", "details"}
    sections = [c["section"] for c in data["checks"]]
    assert sections[0] == "Installation"
    assert sections[-1] == "Configuration"
    config = next(c for c in data["checks"] if c["title"] == "Configuration")
    assert config["details"] == {"source": str(tmp_path / "jreject.toml"), "keys": ["policy"]}


def test_bad_config_exits_1_naming_file_line_key_and_fix(run, tmp_path):
    path = tmp_path / "deploy.toml"
    path.write_text('bots = "allow"\n\n[[policy]]\nminimum = { safarii = 17 }\n')
    code, output = run("--config", str(path))
    assert code == 1
    assert "✖ Configuration" in output
    assert f"{path}:4" in output
    assert "safarii" in output
    assert f"→ Fix the key 'policy[0].minimum.safarii' in {path}" in output
    assert "jreject.E001" in output


def test_warning_keeps_exit_0(run, monkeypatch):
    monkeypatch.setitem(sys.modules, "ua_parser_rs", None)
    code, output = run()
    assert code == 0
    assert "⚠ Accelerator" in output
    assert "→ Install the accelerator: `pip install ua-parser-rs`." in output


def test_doctor_runs_every_install_check_a_framework_start_up_runs():
    from jreject.health import run_checks

    at_start_up = {check.id for check in run_checks()[0].checks}
    (_, install), *_ = diagnose()
    in_doctor = {check.id for check in install.checks}
    assert "jreject.W007" in in_doctor  # the hand-kept tables' age
    assert at_start_up - in_doctor <= {"jreject.E001", "jreject.E005"}  # the config and its notice


def write_module(tmp_path, name, source):
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(source))


def test_flask_app_option(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    write_module(
        tmp_path,
        "doctor_flask_shop",
        """
        from flask import Flask
        from jreject.flask import JReject

        def create_app():
            app = Flask("shop")
            app.config["JREJECT"] = {"policy": {"reject": {"msie": 8}}}
            JReject(app)
            return app

        bare = Flask("bare")
        """,
    )
    sections = diagnose(flask_app="doctor_flask_shop", cwd=tmp_path)
    assert [name for name, _ in sections] == ["Installation", "Flask app doctor_flask_shop"]
    flask = sections[1][1]
    assert flask.healthy
    assert flask.warnings == ()
    bare = diagnose(flask_app="doctor_flask_shop:bare", cwd=tmp_path)[1][1]
    assert [c.id for c in bare.warnings] == ["jreject.W004"]


def test_asgi_app_option_checks_the_order(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    write_module(
        tmp_path,
        "doctor_asgi_api",
        """
        from starlette.applications import Starlette
        from starlette.middleware.gzip import GZipMiddleware
        from jreject.starlette import JRejectMiddleware

        app = Starlette()
        app.add_middleware(GZipMiddleware)
        app.add_middleware(JRejectMiddleware, config={"policy": {"reject": {"msie": 8}}})
        """,
    )
    report = diagnose(asgi_app="doctor_asgi_api:app", cwd=tmp_path)[1][1]
    (warning,) = report.warnings
    assert warning.id == "jreject.W003"
    assert "GZipMiddleware" in warning.message


@pytest.mark.parametrize(
    ("option", "source"),
    [
        (
            "--flask-app",
            """
            from flask import Flask
            from jreject.flask import JReject

            app = Flask("shop")
            JReject(app, exlude=["/api"])
            """,
        ),
        (
            "--asgi-app",
            """
            from starlette.applications import Starlette
            from jreject.starlette import JRejectMiddleware

            app = Starlette()
            app.add_middleware(JRejectMiddleware, exlude=["/api"])
            """,
        ),
    ],
    ids=["flask", "asgi"],
)
def test_a_mistyped_middleware_option_fails_the_doctor(run, tmp_path, monkeypatch, option, source):
    # Startup logs "jreject is disabled … run `jreject doctor`": doctor must not say healthy.
    monkeypatch.syspath_prepend(str(tmp_path))
    write_module(tmp_path, f"doctor_typo_{option[2:6]}", source)
    code, output = run(option, f"doctor_typo_{option[2:6]}:app")
    assert code == 1
    assert "✖ Middleware options" in output
    assert "'exlude'" in output
    assert "did you mean 'exclude'?" in output
    assert "healthy here" not in output


def test_app_that_cannot_be_imported_is_an_error(tmp_path):
    report = diagnose(asgi_app="no_such_module_here:app", cwd=tmp_path)[1][1]
    (error,) = report.errors
    assert error.id == "jreject.E006"
    assert "no_such_module_here" in error.message


@pytest.mark.parametrize("option", ["--flask-app", "--asgi-app"])
@pytest.mark.parametrize(("path", "found"), [("os:path", "module"), ("json:loads", "function")])
def test_an_object_that_is_not_an_app_is_an_error_naming_what_it_is(run, option, path, found):
    code, output = run(option, path)
    assert code == 1
    kind = "a Flask app" if option == "--flask-app" else "an ASGI app"
    assert f"{path} is not {kind}: it is a {found} (jreject.E006)" in output
    assert "Traceback" not in output


def test_an_asgi_app_is_any_callable_taking_scope_receive_send():
    from jreject.cli.doctor import is_asgi_app

    async def app(scope, receive, send):
        pass

    class Wrapper:
        async def __call__(self, scope, receive, send):
            pass

    assert is_asgi_app(app)
    assert is_asgi_app(Wrapper())
    assert not is_asgi_app(json.loads)
    assert not is_asgi_app(object())


def test_import_app_tries_the_usual_names(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    write_module(tmp_path, "doctor_named", "application = object()\n")
    module = __import__("doctor_named")
    assert import_app("doctor_named", tmp_path) is module.application
    with pytest.raises(LookupError, match="doctor_named has no missing"):
        import_app("doctor_named:missing", tmp_path)


def test_django_settings_option_in_a_fresh_process():
    # A fresh interpreter: django.setup() from the settings module, as on a server.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from jreject.cli import main; main()",
            "doctor",
            "--django-settings",
            "django_project.settings",
            "--json",
        ],
        cwd=DJANGO_PROJECT_DIR,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    django = [
        c for c in data["checks"] if c["section"] == "Django settings django_project.settings"
    ]
    assert {c["title"] for c in django} >= {"Configuration", "Middleware order"}
    order = next(c for c in django if c["title"] == "Middleware order")
    assert order["message"] == "installed, inside django.middleware.gzip.GZipMiddleware"


@pytest.mark.parametrize("option", ["--flask-app", "--asgi-app"])
def test_an_app_that_exits_while_loading_is_an_error_not_doctors_exit(
    run, tmp_path, monkeypatch, option
):
    # A settings module or app that calls sys.exit() (a missing env var, say) must not
    # end the doctor silently with its status: that is the problem to report.
    monkeypatch.syspath_prepend(str(tmp_path))
    write_module(tmp_path, f"doctor_exits_{option[2:6]}", "import sys\nsys.exit(3)\n")
    code, output = run(option, f"doctor_exits_{option[2:6]}:app")
    assert code == 1
    assert f"cannot load doctor_exits_{option[2:6]}:app: it called sys.exit(3)" in output
    assert "(jreject.E006)" in output


def test_what_an_app_prints_while_loading_stays_out_of_the_json(tmp_path):
    # `jreject doctor --json > doctor.json` in CI: a settings module's print() must not
    # make the artifact unreadable.
    write_module(
        tmp_path,
        "doctor_noisy",
        """
        print("booting the shop")

        async def app(scope, receive, send):
            pass
        """,
    )
    done = subprocess.run(
        [sys.executable, "-m", "jreject", "doctor", "--asgi-app", "doctor_noisy:app", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert json.loads(done.stdout)["checks"]
    assert "booting the shop" in done.stderr
