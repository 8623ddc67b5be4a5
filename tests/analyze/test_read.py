"""Opening logs: compression by magic bytes, URLs, standard input, byte ranges."""

from __future__ import annotations

import bz2
import gzip
import io
import sys

import pytest

from jreject.analyze.read import SourceError, blocks, is_url, open_source

TEXT = b"".join(b"line %d\n" % i for i in range(1000))


def read_all(name: str, block_size: int = 64) -> bytes:
    opened = open_source(name)
    try:
        return b"".join(blocks(opened.stream, block_size))
    finally:
        opened.close()


@pytest.mark.parametrize(
    ("suffix", "compress"),
    [
        ("", lambda b: b),
        (".gz", gzip.compress),
        (".bz2", bz2.compress),
        (".zst", lambda b: pytest.importorskip("zstandard").ZstdCompressor().compress(b)),
    ],
)
def test_compressed_logs_read_as_plain_text(tmp_path, suffix, compress):
    path = tmp_path / f"access.log{suffix}"
    path.write_bytes(compress(TEXT))
    assert read_all(str(path)) == TEXT


def test_compression_is_recognised_without_a_suffix(tmp_path):
    path = tmp_path / "rotated.1"
    path.write_bytes(gzip.compress(TEXT))
    assert read_all(str(path)) == TEXT


def test_blocks_end_at_line_boundaries(tmp_path):
    path = tmp_path / "a.log"
    path.write_bytes(TEXT + b"no newline at the end")
    opened = open_source(str(path))
    parts = list(blocks(opened.stream, 100))
    opened.close()
    assert all(part.endswith(b"\n") for part in parts[:-1])
    assert parts[-1].endswith(b"no newline at the end")


@pytest.mark.parametrize("size", [1, 7, 64, 1000, 5000])
def test_byte_ranges_tile_the_file_reading_each_line_once(tmp_path, size):
    path = tmp_path / "a.log"
    path.write_bytes(TEXT)
    assert _read_in_ranges(path, size, block=50) == TEXT


def _read_in_ranges(path, size, *, block):
    """The file read as Dask reads it: byte ranges of ``size``, each opened on its own."""
    pieces = []
    for start in range(0, path.stat().st_size, size):
        opened = open_source(str(path))
        pieces.append(b"".join(blocks(opened.stream, block, start=start, end=start + size)))
        opened.close()
    return b"".join(pieces)


def test_a_truncated_gzip_is_a_source_error(tmp_path):
    path = tmp_path / "cut.gz"
    path.write_bytes(gzip.compress(TEXT)[:-20])
    with pytest.raises(SourceError, match="corrupt or truncated"):
        read_all(str(path))


def test_a_missing_file_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match="cannot read"):
        open_source(str(tmp_path / "missing.log"))


def test_fsspec_urls(tmp_path):
    fsspec = pytest.importorskip("fsspec")
    with fsspec.open("memory://logs/access.log.gz", "wb") as handle:
        handle.write(gzip.compress(TEXT))
    assert read_all("memory://logs/access.log.gz") == TEXT
    (tmp_path / "b.log").write_bytes(TEXT)
    assert read_all(f"file://{tmp_path / 'b.log'}") == TEXT


def test_url_without_a_backend_is_a_source_error():
    pytest.importorskip("fsspec")
    with pytest.raises(SourceError):
        open_source("nosuchproto://bucket/log")


def test_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(TEXT))))
    assert read_all("-") == TEXT


@pytest.mark.parametrize(
    ("name", "url"), [("s3://b/k", True), ("memory://x", True), ("C://x", False), ("a.log", False)]
)
def test_is_url(name, url):
    assert is_url(name) is url


def test_globs_expand_sorted_and_a_glob_matching_nothing_is_an_error(tmp_path):
    from jreject.analyze.read import expand

    for name in ("b.log", "a.log", "c.txt"):
        (tmp_path / name).write_bytes(TEXT)
    assert expand([str(tmp_path / "*.log"), "-"]) == [
        str(tmp_path / "a.log"),
        str(tmp_path / "b.log"),
        "-",
    ]
    with pytest.raises(SourceError, match="no log matches"):
        expand([str(tmp_path / "*.gz")])


def test_url_globs_expand_with_fsspec():
    fsspec = pytest.importorskip("fsspec")
    from jreject.analyze.read import expand

    for day in ("01", "02"):
        with fsspec.open(f"memory://globbed/2026-03-{day}/access.log", "wb") as handle:
            handle.write(TEXT)
    assert expand(["memory://globbed/*/access.log"]) == [
        "memory://globbed/2026-03-01/access.log",
        "memory://globbed/2026-03-02/access.log",
    ]
    assert read_all("memory://globbed/2026-03-02/access.log") == TEXT


LONG = b"first\n" + b"x" * 10_000 + b"\nafter\n"
#: What LONG reads as in blocks of 64 bytes: the long line cut to one block.
LONG_CUT = b"first\n" + b"x" * 64 + b"\nafter\n"


def test_a_line_longer_than_a_block_is_cut_to_one_block(tmp_path):
    # A file with no newline for gigabytes (a binary, a runaway line) must not be
    # gathered into memory whole before it is found to be no log line.
    path = tmp_path / "a.log"
    path.write_bytes(LONG)
    opened = open_source(str(path))
    parts = list(blocks(opened.stream, 64))
    opened.close()
    assert b"".join(parts) == LONG_CUT
    assert max(len(part) for part in parts) <= 2 * 64


def test_an_overlong_last_line_without_newline_is_cut_too(tmp_path):
    path = tmp_path / "a.log"
    path.write_bytes(b"first\n" + b"y" * 10_000)
    assert read_all(str(path)) == b"first\n" + b"y" * 64


@pytest.mark.parametrize("size", [7, 64, 1000, 5000, 9000])
def test_byte_ranges_cut_an_overlong_line_as_one_pass_does(tmp_path, size):
    path = tmp_path / "a.log"
    path.write_bytes(LONG)
    assert _read_in_ranges(path, size, block=64) == LONG_CUT


def test_a_truncated_gzip_yields_the_lines_before_the_cut(tmp_path):
    # A rotated log copied while it was being compressed: what it holds still counts.
    text = TEXT * 200
    path = tmp_path / "cut.gz"
    path.write_bytes(gzip.compress(text)[:-20])
    opened = open_source(str(path))
    read = []
    with pytest.raises(SourceError, match="corrupt or truncated"):
        read.extend(blocks(opened.stream, 1024 * 1024))
    opened.close()
    got = b"".join(read)
    assert text.startswith(got)
    assert len(got) > len(text) - 64 * 1024
