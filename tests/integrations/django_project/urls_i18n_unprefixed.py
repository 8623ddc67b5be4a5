"""URLs behind a language prefix, but the default language's without one."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from django_project import views

urlpatterns = i18n_patterns(
    path("strict/", views.strict), path("exempt/", views.exempt), prefix_default_language=False
)
