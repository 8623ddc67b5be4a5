"""The demo shop with and without jreject, as factories for uvicorn and gunicorn.

``benchmarks/load.py`` serves each of these on loopback. Both serve the same pages: the
demo shows the request's verdict in a box when jreject left one for it, which would make
the app itself do more work behind jreject, so here the verdict is taken away before the
shop sees it. The difference between the two is then jreject's alone: detection, the
verdict, the headers, the notice or the 406 page. Explanation headers are off: production
sites do not send them.
"""

from __future__ import annotations

from typing import Any

from jreject.demo.app import CLOSE_COOKIE, demo_notice, demo_tiers, demo_verdicts
from jreject.demo.site import DemoSite
from jreject.middleware import JRejectASGI, JRejectWSGI
from jreject.middleware.asgi import STATE_KEY
from jreject.middleware.wsgi import ENVIRON_KEY

OPTIONS: dict[str, Any] = {"cookie_name": CLOSE_COOKIE, "exclude": ["/_demo/"]}


def _site() -> tuple[DemoSite, Any]:
    verdicts = demo_verdicts()
    site = DemoSite(judge=verdicts.from_headers, tiers=demo_tiers(), close_cookie=CLOSE_COOKIE)
    return site, verdicts


def _asgi_shop(site: DemoSite) -> Any:
    async def shop(scope: Any, receive: Any, send: Any) -> None:
        (scope.get("state") or {}).pop(STATE_KEY, None)
        await site.asgi(scope, receive, send)

    return shop


def _wsgi_shop(site: DemoSite) -> Any:
    def shop(environ: dict[str, Any], start_response: Any) -> Any:
        environ.pop(ENVIRON_KEY, None)
        return site.wsgi(environ, start_response)

    return shop


def asgi_with_jreject() -> Any:
    site, verdicts = _site()
    return JRejectASGI(_asgi_shop(site), verdicts=verdicts, notice=demo_notice(), **OPTIONS)


def asgi_bare() -> Any:
    return _asgi_shop(_site()[0])


def _wsgi_with_jreject() -> Any:
    site, verdicts = _site()
    return JRejectWSGI(_wsgi_shop(site), verdicts=verdicts, notice=demo_notice(), **OPTIONS)


# gunicorn takes a module attribute (``load_apps:wsgi_with_jreject``), not a factory.
wsgi_with_jreject = _wsgi_with_jreject()
wsgi_bare = _wsgi_shop(_site()[0])
