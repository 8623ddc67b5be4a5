from __future__ import annotations

import urllib.request

from typer.testing import CliRunner

from jreject.cli import app
from jreject.cli.preview import preview_page, serve_page
from jreject.config import default_config
from jreject.data import load

runner = CliRunner()
IE11 = "Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko"
LATEST = max(int(v.version) for v in load().agents["chrome"].released_versions)
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    f"Chrome/{LATEST}.0.0.0 Safari/537.36"
)


def test_preview_writes_the_sample_page_with_the_policys_notice(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["preview", IE11, "--out", "page.html"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "page.html").read_text("utf-8")
    assert "Example Shop" in html
    assert 'class="jreject jreject-modal"' in html
    assert html.index('id="jreject"') < html.index("</body>")
    assert "Internet Explorer 11.0: modal (rule msie)" in result.output


def test_preview_forces_an_action_and_a_language(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["preview", IE11, "--action", "banner", "--lang", "ar"])
    assert result.exit_code == 0, result.output
    assert 'class="jreject jreject-banner jreject-banner-top"' in result.stdout
    assert 'lang="ar" dir="rtl"' in result.stdout


def test_preview_of_a_block_is_the_406_page(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    html, status, verdict = preview_page(default_config(), {"User-Agent": IE11}, action="block")
    assert status == 406
    assert html.startswith(b"<!DOCTYPE html>")
    assert b"Example Shop" not in html
    assert b"Continue anyway" in html
    assert (verdict.allowed, verdict.action) == (False, "block")


def test_an_allowed_visitor_gets_the_plain_page_and_a_hint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["preview", CHROME])
    assert result.exit_code == 0, result.output
    assert 'id="jreject"' not in result.stdout
    assert "allowed by the policy" in result.output
    assert "--action" in result.output


def test_a_user_agent_override_alone_shows_no_notice():
    # What Chromium sends with only its User-Agent overridden: an old UA, but its real
    # version in Sec-CH-UA. The hints win, so the visitor is current: no notice.
    old_ua = CHROME.replace(f"Chrome/{LATEST}.0.0.0", "Chrome/90.0.0.0")
    # Every real Chromium adds a GREASE brand ("Not:A-Brand") to its list.
    real_hints = {
        "Sec-CH-UA": f'"Not:A-Brand";v="8", "Chromium";v="{LATEST}", "Google Chrome";v="{LATEST}"'
    }
    html, _, verdict = preview_page(default_config(), {"User-Agent": old_ua, **real_hints})
    assert verdict.allowed
    assert b'id="jreject"' not in html
    # With hints that match the old UA, as a real Chrome 90 sends them, the notice shows.
    old_hints = {
        "Sec-CH-UA": '" Not A;Brand";v="99", "Chromium";v="90", "Google Chrome";v="90"',
        "Sec-CH-UA-Mobile": "?0",
    }
    html, _, verdict = preview_page(default_config(), {"User-Agent": old_ua, **old_hints})
    assert (verdict.allowed, verdict.action, verdict.client.version[0]) == (False, "banner", 90)
    assert b"jreject-banner" in html


def test_serve_answers_with_the_page_on_loopback():
    html, status, _ = preview_page(default_config(), {"User-Agent": IE11})
    server = serve_page(html, status, "127.0.0.1", 0)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        with urllib.request.urlopen(url, timeout=5) as response:
            assert response.status == 200
            assert response.read() == html
    finally:
        server.shutdown()
        server.server_close()


def test_an_out_file_in_a_missing_directory_is_a_clean_error(tmp_path):
    target = tmp_path / "nowhere" / "page.html"
    result = runner.invoke(app, ["preview", IE11, "--out", str(target)])
    assert result.exit_code == 2
    assert f"cannot write {target}: no such directory: {target.parent}" in result.stderr
    assert "Errno" not in result.stderr


def test_out_and_serve_together_are_refused(tmp_path):
    result = runner.invoke(app, ["preview", IE11, "--out", str(tmp_path / "x"), "--serve"])
    assert result.exit_code != 0
    assert "not both" in result.output


def test_the_page_is_self_contained_even_with_static_assets_configured(tmp_path):
    (tmp_path / "jreject.toml").write_text('[notice]\nassets = "static"\n', encoding="utf-8")
    result = runner.invoke(
        app, ["preview", IE11, "--policy", str(tmp_path / "jreject.toml"), "--action", "modal"]
    )
    assert result.exit_code == 0, result.output
    assert "<style>" in result.stdout
    assert '<link rel="stylesheet"' not in result.stdout
