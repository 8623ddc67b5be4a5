"""jreject.flask: the extension, per-view and per-blueprint control, startup checks."""

from __future__ import annotations

import gzip
import logging

import pytest
from flask import Blueprint, Flask, Response, g, render_template_string, stream_with_context

from jreject.flask import (
    EXTENSION_KEY,
    JReject,
    flask_report,
    jreject_exempt,
    jreject_policy,
)
from jreject.health import HealthError

IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"
)
NOTICE = b'id="jreject"'
PAGE = "<!doctype html><html><body><h1>Shop</h1></body></html>"


def make_app(config=None, **options):
    app = Flask(__name__)
    app.config["JREJECT"] = config if config is not None else {"policy": {"reject": {"msie": 8}}}
    JReject(app, **options)

    @app.route("/")
    def index():
        return PAGE

    @app.route("/verdict")
    def verdict():
        return Response(f"{g.jreject.action} {g.jreject.allowed}", mimetype="text/plain")

    @app.route("/manual")
    def manual():
        return render_template_string(
            "<html><body><header>{{ jreject_notice() }}</header><main>x</main></body></html>"
        )

    @app.route("/exempt")
    @jreject_exempt
    def exempt():
        return PAGE

    @app.route("/strict")
    @jreject_policy(minimum={"preset": "modern"}, action="block")
    def strict():
        return PAGE

    @app.route("/stream")
    def stream():
        parts = ["<html><body><p>", "streamed", "</p></bo", "dy></html>"]
        return Response(stream_with_context(iter(parts)), mimetype="text/html")

    @app.route("/data")
    def data():
        return {"ok": True}

    admin = Blueprint("admin", __name__, url_prefix="/admin")
    jreject_exempt(admin)

    @admin.route("/")
    def admin_index():
        return PAGE

    shop = Blueprint("shop", __name__, url_prefix="/shop")
    jreject_policy(reject={"chrome": True}, action="banner")(shop)

    @shop.route("/")
    def shop_index():
        return PAGE

    @shop.route("/own")
    @jreject_policy(reject={"msie": True}, action="block")
    def shop_own():
        return PAGE

    app.register_blueprint(admin)
    app.register_blueprint(shop)
    return app


def get(app, path, user_agent=IE6, **headers):
    return app.test_client().get(path, headers={"User-Agent": user_agent, **headers})


def test_old_browser_gets_the_modal():
    response = get(make_app(), "/")
    assert response.data.count(NOTICE) == 1
    assert response.data.index(NOTICE) < response.data.index(b"</body>")
    assert int(response.headers["Content-Length"]) == len(response.data)
    assert "User-Agent" in response.headers["Vary"]


def test_current_browser_is_untouched():
    response = get(make_app(), "/", CHROME)
    assert response.data == PAGE.encode()


def test_current_browsers_page_keeps_its_headers_and_gains_vary_once():
    app = make_app()

    @app.route("/own-headers")
    def own_headers():
        return Response(PAGE, mimetype="text/html", headers={"X-Shop": "1"})

    @app.route("/own-vary")
    def own_vary():
        return Response(PAGE, mimetype="text/html", headers={"Vary": "Accept-Encoding"})

    for _ in range(2):  # the second time from the remembered view flags
        plain = get(app, "/own-headers", CHROME)
        assert plain.headers["X-Shop"] == "1"
        assert plain.headers.getlist("Vary") == [
            "User-Agent, Sec-CH-UA, Sec-CH-UA-Mobile, Sec-CH-UA-Platform, "
            "Sec-CH-UA-Platform-Version, Sec-CH-UA-Full-Version-List, X-Requested-With"
        ]
        varied = get(app, "/own-vary", CHROME)
        assert varied.headers.getlist("Vary")[0].startswith("Accept-Encoding, User-Agent, ")
        assert len(varied.headers.getlist("Vary")) == 1


def test_state_lives_in_app_extensions():
    app = make_app()
    assert app.extensions[EXTENSION_KEY] is not None
    extension = JReject()
    assert not hasattr(extension, "app")


def test_verdict_on_g():
    assert get(make_app(), "/verdict").data == b"modal False"
    assert get(make_app(), "/verdict", CHROME).data == b"allow True"


def test_g_jreject_is_unset_where_jreject_does_not_judge():
    # docs/flask.md: read it as g.get("jreject") there.
    app = make_app({"policy": {"reject": {"msie": 8}}, "middleware": {"exclude": ["/skipped"]}})
    seen = []

    @app.route("/skipped")
    def skipped():
        seen.append(g.get("jreject", "unset"))
        return PAGE

    @app.route("/exempt-verdict")
    @jreject_exempt
    def exempt_verdict():
        seen.append(g.get("jreject", "unset"))
        return PAGE

    get(app, "/skipped")
    get(app, "/exempt-verdict")
    assert seen == ["unset", "unset"]


def test_jinja_global_places_the_notice_once():
    response = get(make_app(), "/manual")
    body = response.data
    assert body.count(NOTICE) == 1
    assert body.index(NOTICE) < body.index(b"</header>")


def test_jinja_global_in_a_streamed_template_adds_no_second_notice():
    from flask import stream_template_string

    app = make_app()

    @app.route("/streamed")
    def streamed():
        return stream_template_string(
            "<html><body><header>{{ jreject_notice() }}</header><main>x</main></body></html>"
        )

    assert get(app, "/streamed").data.count(NOTICE) == 1


def test_jinja_global_leaves_only_a_comment_for_allowed_visitors():
    # Their pages are not scanned: the placeholder stays, an HTML comment.
    body = get(make_app(), "/manual", CHROME).data
    assert b"<header><!-- jreject-notice --></header>" in body


def test_a_notice_failing_to_render_leaves_the_page_as_the_jinja_global_wrote_it(
    monkeypatch, caplog
):
    from jreject.notice import Notice

    def fragment(self, request):
        raise RuntimeError("notice broke")

    app = make_app()  # its start-up checks render the notice
    monkeypatch.setattr(Notice, "fragment", fragment)
    with caplog.at_level(logging.ERROR, logger="jreject"):
        response = get(app, "/manual")
    assert response.status_code == 200
    assert b"<header><!-- jreject-notice --></header>" in response.data
    assert NOTICE not in response.data
    assert app.extensions[EXTENSION_KEY].counters["errors"] == 1
    messages = [r.getMessage() for r in caplog.records if r.name == "jreject"]
    assert messages == [
        "jreject failed while finishing the response; the response is served unmodified"
    ]


def test_a_cached_view_with_the_jinja_global_gets_each_visitor_their_own_notice():
    # What Flask-Caching's @cache.cached() does: the first response's body for everyone.
    app = make_app()
    store: dict[str, bytes] = {}

    @app.route("/cached")
    def cached():
        if "page" not in store:
            store["page"] = render_template_string(
                "<html><body><header>{{ jreject_notice() }}</header><main>x</main></body></html>"
            )
        return store["page"]

    for user_agent, notices in ((IE6, 1), (CHROME, 0), (IE6, 1)):
        body = get(app, "/cached", user_agent).data
        assert body.count(NOTICE) == notices, user_agent
        if notices:
            assert body.index(NOTICE) < body.index(b"</header>")


def test_exempt_view():
    response = get(make_app(), "/exempt")
    assert response.data == PAGE.encode()
    assert "Vary" not in response.headers


def test_view_policy_blocks_with_406():
    response = get(make_app(), "/strict")
    assert response.status_code == 406
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert get(make_app(), "/strict", CHROME).status_code == 200


def test_exempt_blueprint():
    assert NOTICE not in get(make_app(), "/admin/").data


def test_blueprint_policy_and_view_policy_inside_it():
    app = make_app()
    assert NOTICE not in get(app, "/shop/").data
    assert b"jreject-banner" in get(app, "/shop/", CHROME).data
    # The view's own policy wins over its blueprint's.
    assert get(app, "/shop/own").status_code == 406
    assert get(app, "/shop/own", CHROME).status_code == 200


def test_a_views_own_policy_wins_over_its_blueprints_exemption():
    app = Flask(__name__)
    app.config["JREJECT"] = {"policy": {"reject": {"msie": 8}}}
    JReject(app)
    admin = Blueprint("admin", __name__, url_prefix="/admin")
    jreject_exempt(admin)

    @admin.route("/")
    def admin_index():
        return PAGE

    @admin.route("/billing")
    @jreject_policy(reject={"msie": True}, action="block")
    def billing():
        return PAGE

    app.register_blueprint(admin)
    assert get(app, "/admin/").data == PAGE.encode()
    assert get(app, "/admin/billing").status_code == 406


def test_decorators_on_a_class_based_view_apply():
    from flask.views import MethodView

    app = make_app()

    @jreject_exempt
    class Feed(MethodView):
        def get(self):
            return PAGE

    @jreject_policy(reject={"msie": True}, action="block")
    class Checkout(MethodView):
        def get(self):
            return PAGE

    app.add_url_rule("/feed", view_func=Feed.as_view("feed"))
    app.add_url_rule("/checkout", view_func=Checkout.as_view("checkout"))
    assert get(app, "/feed").data == PAGE.encode()
    assert get(app, "/checkout").status_code == 406


class ClosingBody:
    """An app iterable with cleanup in close(), as PEP 3333 allows."""

    def __init__(self):
        self.closed = False

    def __iter__(self):
        return iter([b"<html><body><p>", b"streamed</p>", b"</body></html>"])

    def close(self):
        self.closed = True


@pytest.mark.parametrize("user_agent", [IE6, CHROME])
def test_the_apps_iterable_is_closed_with_the_response(user_agent, tmp_path):
    app = make_app()
    bodies = []
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    files = []

    @app.route("/closing")
    def closing():
        bodies.append(ClosingBody())
        return Response(bodies[-1], mimetype="text/html")

    @app.route("/file")
    def file():
        from flask import send_file

        files.append(page.open("rb"))
        return send_file(files[-1], mimetype="text/html")

    for path in ("/closing", "/file"):
        response = get(app, path, user_agent)
        assert (NOTICE in response.data) is (user_agent == IE6)
        response.close()
    assert bodies[0].closed
    assert files[0].closed


def test_streamed_response_gets_the_notice_across_chunks():
    response = get(make_app(), "/stream")
    assert response.data.count(NOTICE) == 1
    assert response.data.endswith(b"</body></html>")
    assert "Content-Length" not in response.headers


def test_json_is_never_touched():
    assert get(make_app(), "/data").get_json() == {"ok": True}


def test_close_endpoint_and_cookie():
    app = make_app()
    client = app.test_client()
    response = client.get("/_jreject/close?next=/shop/", headers={"User-Agent": IE6})
    assert response.status_code == 303
    assert response.headers["Location"] == "/shop/"
    assert "jreject_closed=1" in response.headers["Set-Cookie"]
    assert NOTICE not in client.get("/", headers={"User-Agent": IE6}).data


def test_the_scripts_close_request_gets_204_and_the_cookie():
    headers = {"User-Agent": IE6, "X-Requested-With": "XMLHttpRequest"}
    response = make_app().test_client().get("/_jreject/close?next=/shop/", headers=headers)
    assert response.status_code == 204
    assert response.data == b""
    assert "Location" not in response.headers
    assert "jreject_closed=1" in response.headers["Set-Cookie"]


def test_options_win_over_the_config():
    response = get(make_app(explain=True), "/")
    assert response.headers["JReject"].startswith("modal; rule=")


def test_accept_language_picks_the_translation():
    response = get(make_app(), "/", **{"Accept-Language": "de-DE,de;q=0.9"})
    assert b"Ihr Browser ist veraltet" in response.data


def test_config_file(tmp_path):
    path = tmp_path / "jreject.toml"
    path.write_text('[[policy]]\nreject = { msie = 8 }\naction = "banner"\n')
    app = Flask(__name__)
    app.config["JREJECT_CONFIG"] = str(path)
    JReject().init_app(app)
    app.add_url_rule("/", "index", lambda: PAGE)
    assert b"jreject-banner" in get(app, "/").data


def test_bad_config_is_logged_at_startup_and_pages_are_served_unmodified(caplog):
    caplog.set_level(logging.ERROR, logger="jreject")
    app = make_app({"policy": {"reject": {"msiee": 8}}})
    assert app.extensions[EXTENSION_KEY] is None
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "jreject.E001" in messages
    assert "msiee" in messages
    response = get(app, "/")
    assert response.data == PAGE.encode()


def test_bad_config_raises_when_configured_to():
    app = Flask(__name__)
    app.config["JREJECT"] = {"policy": {"reject": {"msiee": 8}}}
    app.config["JREJECT_RAISE_ON_ERROR"] = True
    with pytest.raises(HealthError, match=r"jreject\.E001.*msiee"):
        JReject(app)


def test_a_mistyped_option_is_logged_at_startup_and_reported(caplog):
    # The startup log says "run jreject doctor": doctor must then name the option too.
    caplog.set_level(logging.ERROR, logger="jreject")
    app = make_app(exlude=["/api"])
    assert app.extensions[EXTENSION_KEY] is None
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "jreject.E006" in logged
    assert "did you mean 'exclude'?" in logged
    report = flask_report(app, install=False)
    (error,) = report.errors
    assert error.id == "jreject.E006"
    assert "'exlude'" in error.message
    (disabled,) = report.warnings
    assert "option of JReject(…) is invalid" in disabled.message


def test_a_mistyped_option_raises_naming_it_when_configured_to():
    app = Flask(__name__)
    app.config["JREJECT_RAISE_ON_ERROR"] = True
    with pytest.raises(HealthError, match=r"jreject\.E006: .*'exlude'.*did you mean 'exclude'"):
        JReject(app, exlude=["/api"])


def test_report_checks_the_options_against_the_configs_middleware_table():
    app = make_app(
        {"middleware": {"cookie_name": "seen"}}, continue_cookie_name="seen", explain=True
    )
    assert [c.id for c in flask_report(app, install=False).errors] == ["jreject.E006"]


def test_a_misspelled_setting_is_logged_at_startup_and_reported(caplog, tmp_path):
    # Ignored, it would leave the recommended policy in place of the operator's file.
    caplog.set_level(logging.WARNING, logger="jreject")
    app = Flask(__name__)
    app.config["JREJECT_CONFG"] = str(tmp_path / "jreject.toml")
    JReject(app)
    (logged,) = [r.getMessage() for r in caplog.records if "jreject.W009" in r.getMessage()]
    assert "app.config['JREJECT_CONFG'] (did you mean app.config['JREJECT_CONFIG']?)" in logged
    assert [c.id for c in flask_report(app, install=False).warnings] == ["jreject.W009"]


def test_the_block_page_carries_the_nonce_of_a_hook_registered_before_jreject():
    # The 406 page is made in jreject's before_request, and Flask stops at the first
    # hook that answers: the hook making the nonce must come first (docs/flask.md).
    from flask import request

    app = Flask(__name__)
    app.config["JREJECT"] = {
        "policy": {"reject": {"msie": 8}, "action": "block"},
        "middleware": {"nonce": "csp.nonce"},
    }

    @app.before_request
    def make_nonce():
        request.environ["csp.nonce"] = "r4nd0m"

    JReject(app)
    app.add_url_rule("/", "index", lambda: PAGE)
    response = get(app, "/", Accept="text/html", **{"Sec-Fetch-Dest": "document"})
    assert response.status_code == 406
    assert b'<style nonce="r4nd0m">' in response.data


def test_wrong_setting_type_is_reported():
    app = Flask(__name__)
    app.config["JREJECT"] = "msie=6"
    app.config["JREJECT_RAISE_ON_ERROR"] = True
    with pytest.raises(TypeError, match=r"app.config\['JREJECT'\] must be a dict"):
        JReject(app)


def test_report_for_a_healthy_app():
    report = flask_report(make_app(), install=False)
    assert report.healthy
    assert [c.id for c in report.checks if c.status != "ok"] == []


def test_report_when_the_extension_is_missing():
    app = Flask(__name__)
    report = flask_report(app, install=False)
    assert [c.id for c in report.warnings] == ["jreject.W004"]


def test_report_when_a_compressor_runs_before_jreject():
    app = make_app()

    def compress(response):  # stands in for Flask-Compress's after_request hook
        return response

    compress.__module__ = "flask_compress.flask_compress"
    # Registered after jreject's hook, so Flask runs it first: jreject sees gzip.
    app.after_request(compress)
    report = flask_report(app, install=False)
    assert [c.id for c in report.warnings] == ["jreject.W003"]


def test_compressed_responses_are_passed_through():
    app = make_app()

    @app.after_request
    def squeeze(response):
        # Runs before jreject's hook (registered later): the body is already gzip.
        if response.mimetype == "text/html" and not response.is_streamed:
            response.set_data(gzip.compress(response.get_data()))
            response.headers["Content-Encoding"] = "gzip"
        return response

    response = get(app, "/")
    assert NOTICE not in gzip.decompress(response.data)


def test_the_whole_accept_language_is_negotiated_without_flask_babel():
    # The first language is one jreject lacks: the next one by q-value is used.
    response = get(make_app(), "/", **{"Accept-Language": "tlh,fr-CA;q=0.8,en;q=0.5"})
    assert "Votre navigateur n’est plus à jour".encode() in response.data
    assert "Accept-Language" in response.headers["Vary"]


def test_flask_babels_locale_wins_when_flask_babel_is_set_up():
    from flask_babel import Babel

    app = make_app()
    Babel(app, locale_selector=lambda: "pt_BR")
    response = get(app, "/", **{"Accept-Language": "de"})
    assert "Seu navegador está desatualizado".encode() in response.data
    assert 'lang="pt-BR"' in response.get_data(as_text=True)
    assert "Accept-Language" not in response.headers["Vary"]


def test_page_with_the_notice_placed_by_the_jinja_global_is_private():
    response = get(make_app(), "/manual")
    assert response.data.count(NOTICE) == 1
    assert response.headers["Cache-Control"] == "private"
    assert "Cookie" in response.headers["Vary"]


def test_page_with_the_notice_placed_in_a_negotiated_language_varies_on_it():
    response = get(make_app(), "/manual", **{"Accept-Language": "fr"})
    assert response.data.count(NOTICE) == 1
    assert "Accept-Language" in response.headers["Vary"]


def test_start_up_builds_the_notice_once(monkeypatch):
    from jreject.notice import Notice

    built = []
    original = Notice.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Notice, "__init__", counting)
    app = make_app({"policy": {"reject": {"msie": 8}}, "notice": {"language": "fr"}})
    assert len(built) == 1
    assert app.extensions["jreject"].engine.notice is built[0]


def test_start_up_with_bot_patterns_builds_one_detector_used_by_checks_and_requests(monkeypatch):
    from jreject.detect import Detector

    built = []
    original = Detector.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Detector, "__init__", counting)
    monkeypatch.setattr("jreject.detect.detector._default", None)  # as in a new process
    app = make_app({"policy": {"reject": {"msie": 8}}, "bot_patterns": ["ShopMonitor/"]})
    assert len(built) == 1
    assert app.extensions["jreject"].verdicts.detector is built[0]
    verdict = app.extensions["jreject"].verdicts.from_headers({"User-Agent": "ShopMonitor/2.0"})
    assert verdict.client.is_bot
