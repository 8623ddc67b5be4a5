"""The log generator: every format reads back to the same traffic."""

from __future__ import annotations

import pytest

from jreject.analyze import analyze
from jreject.analyze.generate import FORMATS, LogSpec, main, write_log

SPEC = LogSpec(lines=2_000, distinct=120, days=3, garbage=0.01, seed=3)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    from jreject.analyze.classify import PolicyUnderTest
    from jreject.config import default_config

    folder = tmp_path_factory.mktemp("generated")
    out = {}
    for fmt in FORMATS:
        path = folder / f"log.{fmt}"
        write_log(path, LogSpec(**{**_fields(SPEC), "log_format": fmt}))
        out[fmt] = analyze([str(path)], [PolicyUnderTest("default", default_config())])
    return out


def _fields(spec):
    return {name: getattr(spec, name) for name in spec.__slots__}


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_is_guessed_and_read(reports, fmt):
    report = reports[fmt]
    assert report.format.startswith(fmt if fmt != "tsv" else "tsv")
    assert report.requests > 1_900
    if fmt != "common":  # the Common Log Format has no User-Agent
        assert report.totals(0)["bot"].requests > 0
    if fmt != "plain":  # a garbage line is a plain "User-Agent"
        assert report.malformed > 0


def test_all_structured_formats_agree(reports):
    # Same seed, same traffic: every format that carries the UA reads the same counts.
    expected = reports["json"].to_dict()["user_agents"]
    for fmt in ("csv", "tsv"):
        assert reports[fmt].to_dict()["user_agents"] == expected
    # W3C writes spaces as "+", so a "+" in a User-Agent comes back as a space.
    w3c = reports["w3c"]
    assert {k: v.requests for k, v in w3c.totals(0).items()} == {
        k: v.requests for k, v in reports["json"].totals(0).items()
    }


def test_compressed_output_by_suffix(tmp_path):
    path = tmp_path / "a.log.gz"
    assert main(["--lines", "50", "--distinct", "10", "-o", str(path)]) == 0
    assert path.read_bytes()[:2] == b"\x1f\x8b"
