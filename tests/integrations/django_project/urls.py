"""URLs of the test project."""

from __future__ import annotations

from django.contrib import admin
from django.urls import path

from django_project import streams, views
from jreject.django import jreject_exempt

urlpatterns = [
    path("", views.page),
    path("template/", views.template_page),
    path("manual/", views.manual),
    path("cached-manual/", views.cached_manual),
    path("fragment/", views.fragment),
    path("exempt/", views.exempt),
    path("strict/", views.strict),
    path("async/", views.async_page),
    path("async-exempt/", views.async_exempt),
    path("stream/", views.stream),
    path("async-stream/", views.async_stream),
    path("tracked-stream/", streams.tracked_stream),
    path("async-tracked-stream/", streams.async_tracked_stream),
    path("data/", views.data),
    path("explain/", views.explain),
    path("cbv-exempt/", views.ExemptView.as_view()),
    path("cbv-method-exempt/", views.MethodExemptView.as_view()),
    path("cbv-strict/", views.StrictView.as_view()),
    path("cbv-inline-exempt/", jreject_exempt(views.PlainView).as_view()),
    path("cbv-plain/", views.PlainView.as_view()),
    path("cbv-strict-child/", views.StrictExemptChild.as_view()),
    path("boom/", views.boom),
    path("async-boom/", views.async_boom),
    path("cached/", views.cached),
    path("async-cached/", views.async_cached),
    path("admin/", admin.site.urls),
]
