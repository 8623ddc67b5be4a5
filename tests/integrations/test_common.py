from __future__ import annotations

import logging

import pytest
from asyncrun import run as run_async

from jreject.middleware import inject
from jreject.middleware.site import Site, splice_async, splice_sync

FRAGMENT = b"<NOTICE>"


def break_splicer_on(monkeypatch, bad_chunk):
    """Make the splicer raise on ``bad_chunk`` (and splice nothing before it)."""

    def feed(self, chunk, *, last=False):
        if chunk == bad_chunk:
            raise RuntimeError("splicer broke")
        return [chunk]

    monkeypatch.setattr(inject.Splicer, "feed", feed)


def splice_with(kind, site, chunks):
    if kind == "sync":
        return list(splice_sync(site, FRAGMENT, iter(chunks)))

    async def source():
        for chunk in chunks:
            yield chunk

    async def collect():
        return [part async for part in splice_async(site, FRAGMENT, source())]

    return run_async(collect())


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_splice_puts_the_notice_before_the_body_end(kind):
    site = Site(None)
    parts = splice_with(kind, site, [b"<body>hi", b"</bo", b"dy></html>"])
    assert b"".join(parts) == b"<body>hi<NOTICE></body></html>"
    assert site.counters["errors"] == 0


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_splice_failure_passes_the_rest_through_and_is_logged_once(kind, monkeypatch, caplog):
    break_splicer_on(monkeypatch, b"one")
    site = Site(None)
    with caplog.at_level(logging.ERROR, logger="jreject"):
        parts = splice_with(kind, site, [b"<body>", b"one", b"two</body>"])
    assert b"".join(parts) == b"<body>onetwo</body>"
    assert site.counters["errors"] == 1
    records = [r for r in caplog.records if r.name == "jreject"]
    assert len(records) == 1
    assert "while adding the notice" in records[0].getMessage()
    assert "splicer broke" in (records[0].exc_text or "")


def test_a_site_builds_one_engine_and_reuses_its_detector_for_view_policies(monkeypatch):
    from jreject.middleware import respond
    from jreject.pipeline import VerdictCache
    from jreject.policy.rules import RejectRules

    built = []
    original = respond.Engine.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(respond.Engine, "__init__", counting)
    site = Site({"bot_patterns": ["MyMonitor/"], "policy": {"reject": {"msie": 8}}})
    assert built == [site.engine]
    per_view = site.verdicts_for(RejectRules({"msie": 11}))
    assert isinstance(per_view, VerdictCache)
    assert isinstance(site.verdicts, VerdictCache)
    assert per_view.detector is site.verdicts.detector


def test_a_site_asks_the_framework_language_through_the_engine():
    site = Site(None, language=lambda: "de")
    assert site.engine.framework_language() == "de"
