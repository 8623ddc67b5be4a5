"""The demo shop with and without jreject, as factories for uvicorn and gunicorn.

``benchmarks/load.py`` serves each of these on loopback. The bare apps are the same
shop, judged by the same cache (its pages show the verdict box), minus the middleware,
so the difference is what jreject adds to a request. Explanation headers are off:
production sites do not send them.
"""

from __future__ import annotations

from typing import Any

from jreject.demo.app import CLOSE_COOKIE, demo_notice, demo_tiers, demo_verdicts
from jreject.demo.site import DemoSite
from jreject.middleware import JRejectASGI, JRejectWSGI

OPTIONS: dict[str, Any] = {"cookie_name": CLOSE_COOKIE, "exclude": ["/_demo/"]}


def _site() -> tuple[DemoSite, Any]:
    verdicts = demo_verdicts()
    site = DemoSite(judge=verdicts.from_headers, tiers=demo_tiers(), close_cookie=CLOSE_COOKIE)
    return site, verdicts


def asgi_with_jreject() -> Any:
    site, verdicts = _site()
    return JRejectASGI(site.asgi, verdicts=verdicts, notice=demo_notice(), **OPTIONS)


def asgi_bare() -> Any:
    return _site()[0].asgi


def _wsgi_with_jreject() -> Any:
    site, verdicts = _site()
    return JRejectWSGI(site.wsgi, verdicts=verdicts, notice=demo_notice(), **OPTIONS)


# gunicorn takes a module attribute (``load_apps:wsgi_with_jreject``), not a factory.
wsgi_with_jreject = _wsgi_with_jreject()
wsgi_bare = _site()[0].wsgi
