"""The report's views: totals per outcome, browsers by major version, affected UAs."""

from __future__ import annotations

from jreject.analyze.report import Report, Share, UARow


def row(ua, name, version, requests, visitors, *outcomes, bot=False, unknown=False):
    return UARow(
        user_agent=ua,
        browser=name.lower(),
        browser_name=name,
        version=version,
        os_name="Windows",
        device="bot" if bot else "desktop",
        is_bot=bot,
        unclassified=unknown,
        caniuse="",
        requests=requests,
        visitors=visitors,
        outcomes=outcomes,
        rules=tuple(None if o == "allowed" else "r" for o in outcomes),
    )


def report(*rows, has_visitors=True):
    return Report(
        sources=("a.log",),
        format="combined",
        lines=sum(r.requests for r in rows),
        blank=0,
        malformed=0,
        examples=(),
        policies=("lenient", "strict"),
        uas=tuple(sorted(rows, key=lambda r: -r.requests)),
        timeline=(),
        has_visitors=has_visitors,
        visitors_exact=True,
    )


ROWS = (
    row("c120a", "Chrome", "120", 50, 20.0, "allowed", "allowed"),
    row("c120b", "Chrome", "120", 10, 5.0, "allowed", "warned"),
    row("ie6", "IE", "6", 30, 10.0, "warned", "blocked"),
    row("bot", "Googlebot", "", 8, 2.0, "bot", "bot", bot=True),
    row("odd", "Unknown browser", "", 2, 1.0, "allowed", "logged", unknown=True),
)


def test_totals_per_outcome_add_up_to_everything():
    lenient, strict = report(*ROWS).totals(0), report(*ROWS).totals(1)
    assert lenient["warned"] == Share(30, 10.0)
    assert strict["blocked"] == Share(30, 10.0)
    assert strict["logged"] == Share(2, 1.0)
    for totals in (lenient, strict):
        assert sum(s.requests for s in totals.values()) == 100
        assert sum(s.visitors for s in totals.values()) == 38.0


def test_without_ips_there_are_no_visitor_counts():
    bare = report(*ROWS, has_visitors=False)
    assert bare.visitors is None
    assert bare.totals(0)["allowed"].visitors is None


def test_browsers_merge_user_agents_of_one_major_and_leave_bots_out():
    browsers = report(*ROWS).browsers()
    assert [(b.browser_name, b.version, b.requests, b.affected) for b in browsers] == [
        ("Chrome", "120", 60, (0, 10)),
        ("IE", "6", 30, (30, 30)),
        ("Unknown browser", "", 2, (0, 2)),
    ]


def test_affected_and_unclassified_most_requests_first():
    full = report(*ROWS)
    assert [r.user_agent for r in full.affected(1)] == ["ie6", "c120b", "odd"]
    assert [r.user_agent for r in full.affected(0)] == ["ie6"]
    assert [r.user_agent for r in full.unclassified()] == ["odd"]
