"""The rate-limited log: one record per kind and interval, whatever clients send."""

from __future__ import annotations

import logging
from wsgiref.util import setup_testing_defaults

from jreject.middleware import JRejectWSGI, log
from jreject.middleware.log import RateLimitedLog


def page(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/html")])
    return [b"<html><body>hi</body></html>"]


def test_a_dry_run_writes_one_record_per_rule_and_browser_whatever_the_version(caplog):
    # A client sending a new version on every request must not get a record each time.
    app = JRejectWSGI(page, config={"policy": [{"reject": {"msie": True}, "action": "log"}]})
    with caplog.at_level(logging.INFO, logger="jreject"):
        for minor in range(50):
            environ: dict[str, object] = {}
            setup_testing_defaults(environ)
            environ["HTTP_USER_AGENT"] = f"Mozilla/4.0 (compatible; MSIE 6.{minor}; Windows NT 5.1)"
            app(environ, lambda status, headers: None)
    records = [r for r in caplog.records if "dry run" in r.getMessage()]
    assert len(records) == 1
    assert app.counters["log"] == 50


def test_a_full_log_forgets_only_the_keys_whose_interval_is_over(monkeypatch, caplog):
    now = [1000.0]
    monkeypatch.setattr(log.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(log, "_MAX_KEYS", 3)
    limited = RateLimitedLog(60)
    with caplog.at_level(logging.INFO, logger="jreject"):
        assert [limited.log(logging.INFO, key, "k") for key in "abc"] == [True] * 3
        # Full: a new key waits, and the keys already written stay quiet.
        assert not limited.log(logging.INFO, "d", "k")
        assert not limited.log(logging.INFO, "a", "k")
        now[0] += 61
        assert limited.log(logging.INFO, "d", "k")
        assert limited.log(logging.INFO, "a", "k")
