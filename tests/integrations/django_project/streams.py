"""Streaming views that record what happened to their stream (tests/integrations/test_faults.py)."""

from __future__ import annotations

from django.http import StreamingHttpResponse

from django_project.views import AppBoom

#: What the streaming views below did: "sent <n>", "raised", "closed".
STREAM_EVENTS = []
#: The errors they raised, to check that the very same object reaches the server.
STREAM_ERRORS = []
STREAM_PARTS = ["<html><body><p>", "streamed", "</p></bo", "dy></html>"]


def _parts(fail):
    try:
        for i, part in enumerate(STREAM_PARTS):
            if fail and i == 1:
                STREAM_EVENTS.append("raised")
                STREAM_ERRORS.append(AppBoom("the stream failed"))
                raise STREAM_ERRORS[-1]
            STREAM_EVENTS.append(f"sent {i}")
            yield part
    finally:
        STREAM_EVENTS.append("closed")


async def _async_parts(fail):
    try:
        for i, part in enumerate(STREAM_PARTS):
            if fail and i == 1:
                STREAM_EVENTS.append("raised")
                STREAM_ERRORS.append(AppBoom("the async stream failed"))
                raise STREAM_ERRORS[-1]
            STREAM_EVENTS.append(f"sent {i}")
            yield part
    finally:
        STREAM_EVENTS.append("closed")


def tracked_stream(request):
    return StreamingHttpResponse(_parts("boom" in request.GET), content_type="text/html")


async def async_tracked_stream(request):
    return StreamingHttpResponse(_async_parts("boom" in request.GET), content_type="text/html")
