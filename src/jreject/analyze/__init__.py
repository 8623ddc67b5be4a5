"""``jreject analyze``: who would a policy affect? Access logs → a report per policy.

Reading and counting use polars (the ``analyze`` extra); detection and the policies
are jreject's own and run once per distinct User-Agent.
"""

from __future__ import annotations

from jreject.analyze.classify import OUTCOMES, Outcome, PolicyUnderTest
from jreject.analyze.formats import FormatError, LogFormat, parse_format
from jreject.analyze.guess import guess
from jreject.analyze.read import SourceError
from jreject.analyze.report import Report
from jreject.analyze.run import AnalyzeError, analyze

__all__ = [
    "OUTCOMES",
    "AnalyzeError",
    "FormatError",
    "LogFormat",
    "Outcome",
    "PolicyUnderTest",
    "Report",
    "SourceError",
    "analyze",
    "guess",
    "parse_format",
]
