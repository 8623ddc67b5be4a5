"""Views covering each way a site uses jreject."""

from __future__ import annotations

import asyncio

from django.http import HttpResponse, HttpResponseNotModified, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import cache_page
from django.views.decorators.http import condition

from jreject.django import jreject_exempt, jreject_policy

PAGE = "<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1></body></html>"


def page(request):
    return HttpResponse(PAGE)


def template_page(request):
    return render(request, "page.html")


def manual(request):
    return render(request, "manual.html")


#: The first visitor's page is served to the next for a minute (docs/django.md).
cached_manual = cache_page(60)(manual)


def fragment(request):
    """The tag inside a ``{% cache %}`` fragment, shared by every visitor."""
    return render(request, "fragment.html")


@jreject_exempt
def exempt(request):
    return HttpResponse(PAGE)


@jreject_policy(minimum={"preset": "modern"}, action="block")
def strict(request):
    return HttpResponse(PAGE)


async def async_page(request):
    await asyncio.sleep(0)
    return HttpResponse(PAGE)


@jreject_exempt
async def async_exempt(request):
    return HttpResponse(PAGE)


def stream(request):
    parts = ["<html><body><p>", "streamed", "</p></bo", "dy></html>"]
    return StreamingHttpResponse(iter(parts), content_type="text/html")


async def async_stream(request):
    async def parts():
        for part in ["<html><body><p>", "async", "</p></bo", "dy></html>"]:
            await asyncio.sleep(0)
            yield part

    return StreamingHttpResponse(parts(), content_type="text/html")


def data(request):
    return JsonResponse({"ok": True})


def explain(request):
    verdict = request.jreject
    return HttpResponse(f"{verdict.action} {verdict.allowed}", content_type="text/plain")


@jreject_exempt
class ExemptView(View):
    def get(self, request):
        return HttpResponse(PAGE)


@method_decorator(jreject_exempt, name="dispatch")
class MethodExemptView(View):
    def get(self, request):
        return HttpResponse(PAGE)


@jreject_policy(reject={"chrome": True}, action="banner")
class StrictView(View):
    def get(self, request):
        return HttpResponse(PAGE)


class PlainView(View):
    """Decorated inline in the URLconf for one URL, left as it is for another."""

    def get(self, request):
        return HttpResponse(PAGE)


@jreject_policy(reject={"msie": True}, action="block")
class StrictExemptChild(ExemptView):
    """Its own policy, not its base class's exemption."""


class FakeCSPMiddleware:
    """Stands in for django-csp: a nonce on ``request.csp_nonce`` (django-csp 3 and 4)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "csp" in request.GET:
            request.csp_nonce = "bm9uY2UtMTIz"
        return self.get_response(request)


class AppBoom(Exception):
    """The app's own error: it must reach Django's handler once, untouched."""


BOOM_CALLS = []


def boom(request):
    BOOM_CALLS.append(request.method)
    raise AppBoom("the view failed")


async def async_boom(request):
    BOOM_CALLS.append(request.method)
    raise AppBoom("the async view failed")


#: How an app that lets caches keep its pages answers (issue 9 §2).
CACHING = {
    "Cache-Control": "public, max-age=600",
    "Last-Modified": "Wed, 01 Jan 2025 00:00:00 GMT",
}


@condition(etag_func=lambda request: "v1")
def cached(request):
    """Django's own conditional handling: 304 to ``If-None-Match: "v1"``."""
    response = HttpResponse(PAGE)
    for name, value in CACHING.items():
        response.headers[name] = value
    return response


async def async_cached(request):
    if request.META.get("HTTP_IF_NONE_MATCH") == '"v1"':
        response = HttpResponseNotModified()
    else:
        await asyncio.sleep(0)
        response = HttpResponse(PAGE)
    response.headers["ETag"] = '"v1"'
    for name, value in CACHING.items():
        response.headers[name] = value
    return response
