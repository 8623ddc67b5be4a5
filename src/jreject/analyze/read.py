"""Opening logs: local files, standard input, fsspec URLs; gzip, bzip2 and zstd.

Compression is recognised by its magic bytes (so ``-`` and URLs work too), not by the
file name. Reading is in blocks that end at a line boundary, and a line longer than a
block is cut, so memory is bounded by the block size whatever the log holds.
"""

from __future__ import annotations

import bz2
import gzip
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, BinaryIO

__all__ = [
    "BLOCK_SIZE",
    "Opened",
    "SourceError",
    "blocks",
    "expand",
    "is_compressed",
    "open_source",
    "source_size",
]

#: Bytes read at once: about 18,000 access-log lines. Bounds the memory of a batch
#: (polars' working memory while splitting is many times the block).
BLOCK_SIZE = 4 * 1024 * 1024

_GZIP = b"\x1f\x8b"
_BZIP2 = b"BZh"
_ZSTD = b"\x28\xb5\x2f\xfd"


class SourceError(OSError):
    """A log that cannot be opened or decompressed; the message says why."""


@dataclass(slots=True)
class Opened:
    """An open log: ``stream`` yields the decompressed bytes, ``raw`` counts bytes read
    from storage (compressed), for a progress bar against :func:`source_size`."""

    name: str
    stream: IO[bytes]
    raw: _Counting
    compression: str | None

    def close(self) -> None:
        self.stream.close()
        self.raw.close()


class _Counting(io.RawIOBase):
    """A raw stream that counts the bytes read through it."""

    def __init__(self, inner: BinaryIO) -> None:
        self.inner = inner
        self.count = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self.inner.seekable()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self.inner.seek(offset, whence)

    def tell(self) -> int:
        return self.inner.tell()

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.inner.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n

    def close(self) -> None:
        if self.inner is not sys.stdin.buffer:
            self.inner.close()
        super().close()


def is_url(name: str) -> bool:
    """Whether ``name`` is an fsspec URL (``s3://bucket/log``, ``memory://x``)."""
    scheme, sep, _ = name.partition("://")
    return bool(sep) and scheme.isidentifier() and len(scheme) > 1


def expand(names: list[str] | tuple[str, ...]) -> list[str]:
    """``names`` with globs expanded (``logs/*.gz``, ``s3://bucket/2026/*/access.log``).

    A local glob the shell did not expand (it was quoted) and a URL glob, which no shell
    expands, both become the sorted list of what they match; a glob that matches nothing
    is an error, so a typo never reads as an empty log.
    """
    import glob

    found: list[str] = []
    for name in names:
        if name == "-" or not glob.has_magic(name):
            found.append(name)
            continue
        if is_url(name):
            fsspec = _fsspec(name)
            try:
                fs, path = fsspec.core.url_to_fs(name)
                protocol = name.partition("://")[0]
                matches = [f"{protocol}://{match.lstrip('/')}" for match in sorted(fs.glob(path))]
            except (ImportError, OSError, ValueError) as exc:
                raise SourceError(f"{name}: {exc}") from None
        else:
            matches = sorted(glob.glob(name))
        if not matches:
            raise SourceError(f"no log matches {name}")
        found.extend(matches)
    return found


def _fsspec(name: str) -> Any:
    """The fsspec module, to read URL ``name``; a clear error when it is not installed."""
    try:
        import fsspec
    except ImportError:
        raise SourceError(
            f"{name}: reading URLs needs fsspec: pip install 'jreject[analyze]'"
        ) from None
    return fsspec


def _open_raw(name: str) -> BinaryIO:
    if name == "-":
        return sys.stdin.buffer
    if is_url(name):
        fsspec = _fsspec(name)
        try:
            handle: BinaryIO = fsspec.open(name, "rb").open()
        except ImportError as exc:
            raise SourceError(f"{name}: this URL needs an fsspec backend ({exc})") from None
        except (OSError, ValueError) as exc:
            raise SourceError(f"{name}: {exc}") from None
        return handle
    try:
        return open(name, "rb")
    except OSError as exc:
        raise SourceError(f"cannot read {name}: {exc.strerror or exc}") from None


def source_size(name: str) -> int | None:
    """Bytes in storage, or ``None`` (standard input, an unknown URL)."""
    if name == "-":
        return None
    if is_url(name):
        try:
            import fsspec

            fs, path = fsspec.core.url_to_fs(name)
            size = fs.size(path)
            return int(size) if size is not None else None
        except Exception:
            return None
    try:
        return os.path.getsize(name)
    except OSError:
        return None


def open_source(name: str) -> Opened:
    """Open ``name`` (a path, ``-`` or a URL) and decompress it if it is compressed."""
    raw = _Counting(_open_raw(name))
    buffered = io.BufferedReader(raw, buffer_size=1024 * 1024)
    try:
        magic = buffered.peek(4)[:4]
    except OSError as exc:
        raise SourceError(f"cannot read {name}: {exc}") from None
    stream: IO[bytes]
    compression: str | None = None
    if magic.startswith(_GZIP):
        stream, compression = gzip.GzipFile(fileobj=buffered, mode="rb"), "gzip"  # type: ignore[assignment]
    elif magic.startswith(_BZIP2):
        stream, compression = bz2.BZ2File(buffered, mode="rb"), "bzip2"
    elif magic.startswith(_ZSTD):
        try:
            import zstandard
        except ImportError:
            raise SourceError(
                f"{name} is zstd-compressed: reading it needs zstandard: "
                "pip install 'jreject[analyze]'"
            ) from None
        stream = zstandard.ZstdDecompressor().stream_reader(buffered, read_across_frames=True)
        compression = "zstd"
    else:
        stream = buffered
    return Opened(name, stream, raw, compression)


def is_compressed(name: str) -> bool:
    """Whether the log at ``name`` is compressed (so it cannot be split by byte ranges)."""
    opened = open_source(name)
    try:
        return opened.compression is not None
    finally:
        opened.close()


def blocks(
    stream: IO[bytes],
    block_size: int = BLOCK_SIZE,
    *,
    start: int = 0,
    end: int | None = None,
) -> Iterator[bytes]:
    """The stream in blocks of whole lines (the last may lack its newline).

    With ``start``/``end`` (uncompressed, seekable files only) only the lines that
    *start* in ``[start, end)`` are read, so byte ranges that tile a file read each
    line exactly once, as Hadoop's and Dask's line readers do.

    A line longer than ``block_size`` is cut to its first ``block_size`` bytes (it is
    no access-log line; usually a binary file with no newline for megabytes), so a
    block is never more than twice ``block_size`` whatever the input.
    """
    rest = b""
    # rest was cut to block_size: the bytes up to its newline are dropped.
    dropping = False
    try:
        for data in _reads(stream, block_size, start, end):
            if dropping:
                newline = data.find(b"\n")
                if newline < 0:
                    continue
                data, dropping = data[newline:], False
            cut = data.rfind(b"\n")
            if cut < 0:
                rest += data
                if len(rest) > block_size:
                    rest, dropping = rest[:block_size], True
                continue
            if rest:
                # The line that spanned reads: the only kind that can be too long.
                newline = data.find(b"\n")
                yield (rest + data[:newline])[:block_size] + data[newline : cut + 1]
            else:
                yield data[: cut + 1]
            rest = data[cut + 1 :]
        if rest:
            yield rest
    except (OSError, EOFError, ValueError) as exc:
        # gzip/bz2/zstd raise these on a truncated or corrupt stream.
        raise SourceError(f"the log is corrupt or truncated: {exc}") from None


def _reads(stream: IO[bytes], size: int, start: int, end: int | None) -> Iterator[bytes]:
    """Raw reads of at most ``size`` bytes: all of the stream, or those of the lines
    that start in ``[start, end)``."""
    if start > 0:
        stream.seek(start - 1)
        # The byte before the range ends the previous line or is inside it:
        # either way the range starts after the next newline.
        for _ in _line_end(stream, size):
            pass
    limit = None if end is None else end - stream.tell()
    ended = True  # the last read ended a line (nothing read yet counts as ended)
    while limit is None or limit > 0:
        data, error = _read(stream, size if limit is None else min(size, limit))
        if data:
            yield data
        if error is not None:
            raise error
        if not data:
            return
        if limit is not None:
            limit -= len(data)
        ended = data.endswith(b"\n")
    if not ended:
        # Finish the line that started inside the range.
        yield from _line_end(stream, size)


def _read(stream: IO[bytes], size: int) -> tuple[bytes, Exception | None]:
    """Up to ``size`` bytes, and the error that stopped the stream, if one did.

    A truncated or corrupt compressed log fails in the middle of a read: the bytes
    decompressed before the failure are returned, not lost with it.
    """
    read1 = getattr(stream, "read1", stream.read)
    parts: list[bytes] = []
    got = 0
    try:
        while got < size:
            part = read1(size - got)
            if not part:
                break
            parts.append(part)
            got += len(part)
    except (OSError, EOFError, ValueError) as exc:
        return b"".join(parts), exc
    return parts[0] if len(parts) == 1 else b"".join(parts), None


def _line_end(stream: IO[bytes], size: int) -> Iterator[bytes]:
    """The stream up to and including its next newline, in reads of at most ``size``."""
    while True:
        data = stream.readline(size)
        if data:
            yield data
        if not data or data.endswith(b"\n"):
            return
