"""One npm package's files, from an extracted directory or a ``.tgz`` tarball.

Its own module so that the converters (:mod:`jreject.data.convert`,
:mod:`jreject.data.caniuse`) both import it without importing each other.
"""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

from jreject.data.jsliteral import parse_module

__all__ = ["Package"]


class Package:
    """Files of one npm package, from an extracted directory or a ``.tgz`` tarball."""

    def __init__(self, source: str | Path | bytes) -> None:
        self._files: dict[str, bytes] | None = None
        self._root: Path | None = None
        if isinstance(source, bytes):
            self._files = _read_tarball(source)
        else:
            path = Path(source)
            if not path.exists():
                # Else read as a directory, whose missing package.json would be named.
                raise FileNotFoundError(f"{path} does not exist")
            if path.is_file():
                self._files = _read_tarball(path.read_bytes())
            else:
                self._root = path / "package" if (path / "package").is_dir() else path
        manifest = parse_module("module.exports=" + self.read("package.json"))
        self.name: str = manifest["name"]
        self.version: str = manifest["version"]

    def read(self, name: str) -> str:
        if self._files is not None:
            try:
                return self._files[name].decode("utf-8")
            except KeyError:
                raise FileNotFoundError(f"{name} is not in the package") from None
        assert self._root is not None
        return (self._root / name).read_text("utf-8")

    def listdir(self, folder: str) -> list[str]:
        prefix = folder.rstrip("/") + "/"
        if self._files is not None:
            names = {n[len(prefix) :] for n in self._files if n.startswith(prefix)}
            return sorted(n for n in names if "/" not in n)
        assert self._root is not None
        return sorted(p.name for p in (self._root / folder).iterdir() if p.is_file())


def _read_tarball(data: bytes) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            name = member.name.split("/", 1)[1] if "/" in member.name else member.name
            extracted = tar.extractfile(member)
            if extracted is not None:
                files[name] = extracted.read()
    return files
