"""Every snippet of docs/flask.md and docs/starlette.md, run in order as a reader would."""

from __future__ import annotations

import inspect

import httpx
from asyncrun import run as run_async
from test_starlette import run_lifespan

from docs_snippets import blocks, commands
from jreject.cli.doctor import doctor

IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"
)
NOTICE = b'id="jreject"'


def run_page(page):
    """Exec the page's python blocks in one namespace; the namespace after each block."""
    namespace = {"__name__": "docs_" + page.split(".")[0]}
    after = []
    for number, source in enumerate(blocks(page, "python")):
        exec(compile(source, f"docs/{page}#{number}", "exec"), namespace)
        after.append(dict(namespace))
    return after


def test_flask_page(tmp_path, monkeypatch):
    steps = run_page("flask.md")
    app = steps[-1]["app"]
    client = app.test_client()

    def get(path, user_agent=IE6):
        return client.get(path, headers={"User-Agent": user_agent})

    assert NOTICE in get("/").data  # modern preset: IE 6 gets the modal
    assert NOTICE not in get("/", CHROME).data
    assert get("/healthz").data == b"ok"
    assert get("/checkout").status_code == 406
    assert get("/checkout", CHROME).status_code == 200
    assert NOTICE not in get("/admin/").data
    page = get("/page").data
    assert page.count(NOTICE) == 1
    assert page.index(NOTICE) < page.index(b"</header>")

    # The factory snippet reads jreject.toml from the working directory.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "jreject.toml").write_text('[[policy]]\nreject = { msie = 8 }\naction = "banner"\n')
    factory_app = steps[1]["create_app"]()
    factory_app.add_url_rule("/", "index", lambda: "<html><body>x</body></html>")
    response = factory_app.test_client().get("/", headers={"User-Agent": IE6})
    assert b"jreject-banner" in response.data
    assert "jreject" in factory_app.extensions
    assert not hasattr(steps[1]["jreject"], "app")


def fetch(app, path, user_agent=IE6):
    async def run():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.get(path, headers={"User-Agent": user_agent})

    return run_async(run())


def test_starlette_page():
    steps = run_page("starlette.md")
    app = steps[-2]["app"]  # the last block makes a new app to show the lifespan
    home = fetch(app, "/")
    assert b"<p>Internet Explorer 6.0</p>" in home.content
    assert NOTICE in home.content
    assert NOTICE not in fetch(app, "/", CHROME).content
    cart = fetch(app, "/api/cart")
    assert cart.status_code == 406
    assert fetch(app, "/api/cart", CHROME).json() == {"browser": "Chrome 130.0"}
    assert cart.headers["content-type"].startswith("text/html")  # the block page handler
    assert NOTICE in cart.content

    lifespan_app = steps[-1]["app"]
    types, _ = run_lifespan(lifespan_app)
    assert types == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


def test_starlette_verdict_snippet_serves_where_the_middleware_set_no_verdict():
    # An excluded path, a cache-friendly page, or jreject failing open: no verdict, and
    # the page must still be served.
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse

    (home,) = {step["home"] for step in run_page("starlette.md") if "home" in step}
    bare = FastAPI()
    bare.add_api_route("/", home, response_class=HTMLResponse)
    response = fetch(bare, "/")
    assert response.status_code == 200
    assert b"<p>your browser</p>" in response.content


def test_doctor_commands_use_real_options():
    names = set(inspect.signature(doctor).parameters)
    for page in ("flask.md", "starlette.md"):
        for words in commands(page):
            assert words[0] == "doctor"
            assert all(w[2:].replace("-", "_") in names for w in words if w.startswith("--"))
