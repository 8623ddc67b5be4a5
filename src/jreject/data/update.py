"""``jreject data update``: fetch newer caniuse-lite and Baseline data, install it atomically.

The tarball is checked against the ``dist.integrity`` hash (SRI, sha512) the registry
publishes for it before anything is converted; the converted files go into a fresh
directory under :func:`jreject.data.user_data_dir`, and only then does the ``current``
pointer move to it. A failure at any step leaves the data in use untouched.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jreject import data as _data
from jreject.data.convert import Package, convert, serialize

__all__ = [
    "DEFAULT_REGISTRY",
    "REGISTRY_ENV",
    "FetchedPackage",
    "UpdateError",
    "UpdateResult",
    "fetch_package",
    "install",
    "update",
    "verify_integrity",
]

DEFAULT_REGISTRY = "https://registry.npmjs.org"
#: Overrides the registry URL (a mirror, or a local one in tests).
REGISTRY_ENV = "JREJECT_NPM_REGISTRY"
TIMEOUT = 30.0
_PACKAGES = ("caniuse-lite", "baseline-browser-mapping")


class UpdateError(RuntimeError):
    """The update did not happen; the message says which step failed and why."""


@dataclass(frozen=True, slots=True)
class FetchedPackage:
    """An npm tarball whose integrity hash matched the registry's."""

    name: str
    version: str
    tarball: bytes
    integrity: str


@dataclass(frozen=True, slots=True)
class UpdateResult:
    """What an update installed, and where."""

    caniuse_lite: str
    baseline_browser_mapping: str
    path: Path
    previous: str


def _get(url: str) -> bytes:
    # A fresh opener reads http_proxy/https_proxy/no_proxy now; urlopen's cached one would
    # keep whatever the environment held on its first use.
    request = urllib.request.Request(url, headers={"Accept": "application/json, */*"})
    opener = urllib.request.build_opener()
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as exc:
        raise UpdateError(f"GET {url} failed: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UpdateError(f"GET {url} failed: {reason}") from exc


def verify_integrity(tarball: bytes, integrity: str) -> None:
    """Raise :class:`UpdateError` unless ``tarball`` matches the SRI string (``sha512-…``)."""
    for entry in integrity.split():
        algorithm, _, expected = entry.partition("-")
        if algorithm in {"sha512", "sha384", "sha256"}:
            digest = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
            if digest == expected:
                return
            raise UpdateError(
                f"integrity check failed: the tarball's {algorithm} is {digest}, "
                f"the registry says {expected}"
            )
    raise UpdateError(f"no sha512/sha384/sha256 integrity hash to check against: {integrity!r}")


def fetch_package(
    name: str, version: str | None = None, *, registry: str | None = None
) -> FetchedPackage:
    """Download ``name@version`` (the ``latest`` tag by default) and check its integrity."""
    base = (registry or os.environ.get(REGISTRY_ENV) or DEFAULT_REGISTRY).rstrip("/")
    url = f"{base}/{urllib.parse.quote(name, safe='@')}/{version or 'latest'}"
    try:
        manifest: dict[str, Any] = json.loads(_get(url))
        dist = manifest["dist"]
        tarball_url: str = dist["tarball"]
        integrity: str = dist["integrity"]
        resolved: str = manifest["version"]
    except (ValueError, KeyError, TypeError) as exc:
        raise UpdateError(f"{url} is not npm package metadata with dist.integrity") from exc
    tarball = _get(tarball_url)
    verify_integrity(tarball, integrity)
    return FetchedPackage(name, resolved, tarball, integrity)


def _current_raw(name: str) -> Any:
    folder, _ = _data.data_location()
    return json.loads(folder.joinpath(name).read_bytes())


def install(
    caniuse: Package, baseline: Package | None = None, *, root: Path | None = None
) -> UpdateResult:
    """Convert and install atomically into ``root`` (the user data directory by default).

    browserslist's own constants (Firefox ESR …) and the Node.js/Electron tables are kept
    from the data in use; so is the Baseline timeline when ``baseline`` is None.
    """
    if caniuse.name != "caniuse-lite":
        raise UpdateError(f"expected a caniuse-lite package, got {caniuse.name}")
    if baseline is not None and baseline.name != "baseline-browser-mapping":
        raise UpdateError(f"expected a baseline-browser-mapping package, got {baseline.name}")
    target = root or _data.user_data_dir()
    if target is None:
        raise UpdateError("no user data directory: install platformdirs or set JREJECT_DATA_DIR")
    previous = _data.load()
    constants = {"version": previous.browserslist, **_current_raw("agents.json")["browserslist"]}
    base: Package | dict[str, Any] = baseline or _current_raw("baseline.json")
    runtimes = {k: v for k, v in _current_raw("runtimes.json").items() if k != "meta"}
    try:
        today = datetime.now(UTC).date().isoformat()
        files = serialize(convert(caniuse, constants, base, today, runtimes))
    except Exception as exc:
        raise UpdateError(f"cannot convert caniuse-lite {caniuse.version}: {exc}") from exc
    baseline_version = baseline.version if baseline else previous.baseline_browser_mapping

    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=target))
    try:
        for name, raw in files.items():
            (staging / name).write_bytes(raw)
        final = staging.with_name(f"caniuse-lite-{caniuse.version}-{staging.name[9:]}")
        staging.rename(final)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise UpdateError(f"cannot write the data into {target}: {exc}") from exc
    pointer = target / f".current-{final.name}"
    pointer.write_text(final.name, "utf-8")
    os.replace(pointer, target / "current")
    for old in target.iterdir():
        if old.is_dir() and old != final:
            shutil.rmtree(old, ignore_errors=True)
    _data.reload()
    return UpdateResult(caniuse.version, baseline_version, final, previous.caniuse_lite)


def update(
    *,
    registry: str | None = None,
    offline: list[Path] | None = None,
    root: Path | None = None,
) -> UpdateResult:
    """Fetch the newest caniuse-lite and baseline-browser-mapping (or read ``offline``
    tarballs) and install them. Raises :class:`UpdateError`; the data in use stays."""
    packages: dict[str, Package] = {}
    if offline:
        for path in offline:
            try:
                package = Package(path)
            except Exception as exc:
                raise UpdateError(f"cannot read {path} as an npm tarball: {exc}") from exc
            packages[package.name] = package
        if "caniuse-lite" not in packages:
            raise UpdateError("the offline files hold no caniuse-lite package")
    else:
        for name in _PACKAGES:
            fetched = fetch_package(name, registry=registry)
            packages[name] = Package(fetched.tarball)
    return install(packages["caniuse-lite"], packages.get("baseline-browser-mapping"), root=root)
