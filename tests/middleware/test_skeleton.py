"""Engine.begin: the one request skeleton every adapter runs (issue 10 §1)."""

from __future__ import annotations

from jreject.middleware.build import build
from jreject.middleware.http import Response
from jreject.middleware.outcome import Prepared
from jreject.middleware.wsgi import _request
from jreject.policy.base import Verdict

from .conftest import FakeNotice, FakeVerdicts


def engine(**options):
    built = build(policy=None, config=None, notice=FakeNotice(), verdicts=None, options=options)
    return built.engine


def environ(ua, path="/"):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "HTTP_USER_AGENT": ua,
        "HTTP_ACCEPT": "text/html",
    }


def test_own_endpoints_answer_before_any_verdict():
    verdicts = FakeVerdicts()
    outcome = engine().begin(
        "/_jreject/close", environ("modal", "/_jreject/close"), _request, verdicts.from_environ
    )
    assert isinstance(outcome, Response)
    assert outcome.status == 303
    assert verdicts.calls == 0


def test_excluded_paths_and_exempt_views_pass_untouched():
    verdicts = FakeVerdicts()
    assert (
        engine(exclude=["/api/"]).begin("/api/x", environ("modal"), _request, verdicts.from_environ)
        is None
    )
    assert engine().begin("/", environ("modal"), _request, None) is None
    assert verdicts.calls == 0


def test_an_allowed_visitor_is_a_counted_verdict_and_nothing_else():
    subject = engine()
    outcome = subject.begin("/", environ("modern"), _request, FakeVerdicts().from_environ)
    assert isinstance(outcome, Verdict)
    assert outcome.allowed
    assert subject.counters["allow"] == 1


def test_a_rejected_visitor_is_prepared_or_blocked():
    subject = engine()
    modal = subject.begin("/", environ("modal"), _request, FakeVerdicts().from_environ)
    assert isinstance(modal, Prepared)
    assert modal.inject
    block = subject.begin("/", environ("block"), _request, FakeVerdicts().from_environ)
    assert isinstance(block, Response)
    assert block.status == 406


def test_the_framework_language_answers_when_the_setting_gives_none():
    built = build(
        policy=None,
        config=None,
        notice=FakeNotice(),
        verdicts=None,
        options={},
        language=lambda: "fr",
    )
    prepared = built.engine.begin("/", environ("modal"), _request, FakeVerdicts().from_environ)
    assert built.engine.notice_request(prepared.request, prepared.verdict).language == "fr"
