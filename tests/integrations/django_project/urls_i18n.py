"""URLs behind a language prefix (``i18n_patterns``), the default language's included."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from django_project import views

urlpatterns = i18n_patterns(path("strict/", views.strict), path("exempt/", views.exempt))
