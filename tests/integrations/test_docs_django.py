"""Every snippet of docs/django.md, run against the test project."""

from __future__ import annotations

import sys
import types

from django.conf import settings
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client, override_settings
from django.urls import path
from django.utils.module_loading import import_string

from docs_snippets import DOCS, blocks, commands
from jreject.cli.doctor import doctor
from jreject.django.checks import check_jreject

IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"
)
PYTHON = blocks("django.md", "python")
TEMPLATES = blocks("django.md", "html+django")


def run_block(source):
    namespace = {"__name__": "docs_django"}
    exec(compile(source, "docs/django.md", "exec"), namespace)
    return namespace


def settings_blocks():
    return [run_block(b) for b in PYTHON if "INSTALLED_APPS" in b or "JREJECT =" in b]


def test_settings_snippets_match_the_test_project():
    setup = settings_blocks()[0]
    apps = [a for a in setup["INSTALLED_APPS"] if a is not Ellipsis]
    assert set(apps) <= set(settings.INSTALLED_APPS)
    shown = [m for m in setup["MIDDLEWARE"] if m is not Ellipsis]
    project = [m for m in settings.MIDDLEWARE if m in shown]
    assert project == shown  # same order: GZip, Locale, then jreject


def test_every_jreject_setting_shown_passes_the_checks():
    values = [ns["JREJECT"] for ns in settings_blocks() if "JREJECT" in ns]
    assert len(values) == 2
    for value in values:
        with override_settings(JREJECT=value):
            assert [m.id for m in check_jreject()] == []


def test_templates_snippet_names_real_context_processors():
    (namespace,) = [run_block(b) for b in PYTHON if "TEMPLATES =" in b]
    for dotted in namespace["TEMPLATES"][0]["OPTIONS"]["context_processors"]:
        import_string(dotted)


def test_check_table_lists_every_id():
    from jreject.health import CHECK_IDS

    text = (DOCS / "django.md").read_text("utf-8")
    for check_id in CHECK_IDS:
        if check_id != "jreject.I001":
            assert f"`{check_id}`" in text


def docs_urlconf():
    """A URLconf with the views of the "Per view" snippet and a page per template snippet."""
    (views,) = [run_block(b) for b in PYTHON if "jreject_exempt" in b and "def status" in b]

    def template_view(source):
        def view(request):
            body = Template(source.replace("...", "")).render(RequestContext(request))
            return HttpResponse(f"<html>{body}</html>")

        return view

    module = types.ModuleType("docs_django_urls")
    module.urlpatterns = [
        path("status/", views["status"]),
        path("checkout/", views["checkout"]),
        path("catalogue/", views["Catalogue"].as_view()),
        path("feed/", views["Feed"].as_view()),
        path("verdict/", template_view(TEMPLATES[0])),
        path("manual/", template_view(TEMPLATES[1])),
    ]
    sys.modules[module.__name__] = module
    return module.__name__


def get(path, user_agent=IE6):
    with override_settings(ROOT_URLCONF=docs_urlconf()):
        return Client(headers={"User-Agent": user_agent}).get(path)


def test_per_view_snippet_behaves_as_documented():
    assert get("/status/").content == b"ok"
    assert get("/checkout/").status_code == 406
    assert get("/checkout/", CHROME).status_code == 200
    assert b"jreject-banner" in get("/catalogue/").content
    assert b"jreject" not in get("/catalogue/", CHROME).content
    assert get("/feed/").content == b"<rss/>"


def test_template_snippets_behave_as_documented():
    assert b'<p class="hint">You are using Internet Explorer 6.0.</p>' in get("/verdict/").content
    assert b"hint" not in get("/verdict/", CHROME).content
    manual = get("/manual/").content
    assert manual.count(b'id="jreject"') == 1
    assert manual.index(b'id="jreject"') < manual.index(b"</header>")


def test_request_jreject_is_unset_where_the_middleware_does_not_judge():
    # docs/django.md: read it as getattr(request, "jreject", None) there.
    from jreject.django import jreject_exempt

    seen = []

    def view(request):
        seen.append(getattr(request, "jreject", "unset"))
        return HttpResponse("<html><body>x</body></html>")

    module = types.ModuleType("docs_django_verdict_urls")
    module.urlpatterns = [
        path("judged/", view),
        path("exempt/", jreject_exempt(view)),
        path("skipped/", view),
    ]
    sys.modules[module.__name__] = module
    skip = {"policy": {"reject": {"msie": 8}}, "middleware": {"exclude": ["/skipped/"]}}
    with override_settings(ROOT_URLCONF=module.__name__, JREJECT=skip):
        for page in ("/judged/", "/exempt/", "/skipped/"):
            Client(headers={"User-Agent": IE6}).get(page)
    with override_settings(ROOT_URLCONF=module.__name__, JREJECT={"polcy": []}):  # disabled
        Client(headers={"User-Agent": IE6}).get("/judged/")
    judged, *others = seen
    assert judged.action == "modal"
    assert others == ["unset", "unset", "unset"]


def test_doctor_command_uses_real_options():
    import inspect

    names = set(inspect.signature(doctor).parameters)
    for words in commands("django.md"):
        assert words[0] == "doctor"
        for word in words[1:]:
            if word.startswith("--"):
                assert word[2:].replace("-", "_") in names
