"""Views covering each way a site uses jreject."""

from __future__ import annotations

import asyncio

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View

from jreject.django import jreject_exempt, jreject_policy

PAGE = "<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1></body></html>"


def page(request):
    return HttpResponse(PAGE)


def template_page(request):
    return render(request, "page.html")


def manual(request):
    return render(request, "manual.html")


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
