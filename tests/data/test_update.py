from __future__ import annotations

import base64
import hashlib
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest
from tests.data.conftest import CANIUSE_VERSION, caniuse_files, tarball

from jreject import data
from jreject.browserslist import browserslist
from jreject.data.package import Package
from jreject.data.update import (
    UpdateError,
    UpdateUsageError,
    fetch_package,
    update,
    verify_integrity,
)


def sri(raw):
    return "sha512-" + base64.b64encode(hashlib.sha512(raw).digest()).decode()


class Registry:
    """An npm registry on 127.0.0.1 serving ``/<name>/latest`` and the tarballs."""

    def __init__(self, packages):
        self.packages = packages  # name -> (version, tarball bytes, integrity)
        self.requests = []
        self.tarball_url = None  # else the registry's own
        registry = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                registry.requests.append(self.path)
                # Through a proxy the request line carries the whole URL.
                path = urllib.parse.urlsplit(self.path).path
                name, _, rest = path.lstrip("/").partition("/")
                if name not in registry.packages:
                    self.send_error(404, "Not Found")
                    return
                version, raw, integrity = registry.packages[name]
                if rest == "latest":
                    body = json.dumps(
                        {
                            "name": name,
                            "version": version,
                            "dist": {
                                "tarball": registry.tarball_url or f"{registry.url}/{name}/-/x.tgz",
                                "integrity": integrity,
                            },
                        }
                    ).encode()
                else:
                    body = raw
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in (
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)


def test_update_installs_verified_data_that_then_takes_precedence(
    user_dir, caniuse_tgz, baseline_tgz, isbot_tgz, crawlers_tgz, detect_tgz
):
    packages = {
        "caniuse-lite": (CANIUSE_VERSION, caniuse_tgz, sri(caniuse_tgz)),
        "baseline-browser-mapping": ("9.9.9", baseline_tgz, sri(baseline_tgz)),
        "isbot": ("9.0.0", isbot_tgz, sri(isbot_tgz)),
        "crawler-user-agents": ("9.1.0", crawlers_tgz, sri(crawlers_tgz)),
        "es6-crawler-detect": ("9.2.0", detect_tgz, sri(detect_tgz)),
    }
    bundled = data.load()
    with Registry(packages) as registry:
        result = update(registry=registry.url)
    assert result.caniuse_lite == CANIUSE_VERSION
    assert result.previous == bundled.caniuse_lite
    assert result.path.parent == user_dir
    assert (user_dir / "current").read_text() == result.path.name
    fresh = data.load()
    assert fresh.caniuse_lite == CANIUSE_VERSION
    assert fresh.baseline_browser_mapping == "9.9.9"
    assert fresh.source == str(result.path)
    assert fresh.firefox_esr == bundled.firefox_esr  # browserslist's constants are kept
    assert browserslist("last 1 chrome version") == ["chrome 121"]
    assert browserslist("> 1% in US") == []


def test_requests_go_through_the_proxy_from_the_environment(user_dir, caniuse_tgz, monkeypatch):
    packages = {"caniuse-lite": (CANIUSE_VERSION, caniuse_tgz, sri(caniuse_tgz))}
    with Registry(packages) as proxy:
        monkeypatch.setenv("http_proxy", proxy.url)
        fetched = fetch_package("caniuse-lite", registry="http://registry.example.invalid")
    assert fetched.version == CANIUSE_VERSION
    assert proxy.requests[0] == "http://registry.example.invalid/caniuse-lite/latest"


def test_a_tampered_tarball_is_refused_and_the_data_stays(user_dir, caniuse_tgz):
    packages = {"caniuse-lite": (CANIUSE_VERSION, caniuse_tgz, sri(b"something else"))}
    before = data.load().caniuse_lite
    with Registry(packages) as registry, pytest.raises(UpdateError, match="integrity check failed"):
        update(registry=registry.url)
    assert data.load().caniuse_lite == before
    assert not user_dir.exists() or not (user_dir / "current").exists()


def test_a_failed_download_says_why(user_dir):
    with Registry({}) as registry, pytest.raises(UpdateError, match="HTTP 404"):
        fetch_package("caniuse-lite", registry=registry.url)
    with pytest.raises(UpdateError, match="failed"):
        fetch_package("caniuse-lite", registry="http://127.0.0.1:9")


def test_offline_install_keeps_the_current_baseline(user_dir, caniuse_tgz, tmp_path):
    file = tmp_path / "caniuse-lite.tgz"
    file.write_bytes(caniuse_tgz)
    bundled_baseline = data.load().baseline_browser_mapping
    result = update(offline=[file])
    assert result.baseline_browser_mapping == bundled_baseline
    assert data.load().caniuse_lite == CANIUSE_VERSION


def test_offline_file_must_be_caniuse_lite(user_dir, baseline_tgz, tmp_path):
    file = tmp_path / "bbm.tgz"
    file.write_bytes(baseline_tgz)
    with pytest.raises(UpdateError, match="no caniuse-lite"):
        update(offline=[file])
    junk = tmp_path / "junk.tgz"
    junk.write_bytes(b"not a tarball")
    with pytest.raises(UpdateError, match="cannot read"):
        update(offline=[junk])


def test_a_missing_offline_file_is_said_not_to_exist(user_dir, tmp_path):
    missing = tmp_path / "caniuse-lite-1.0.99.tgz"
    with pytest.raises(UpdateUsageError, match=r"caniuse-lite-1\.0\.99\.tgz does not exist$"):
        update(offline=[missing])
    with pytest.raises(FileNotFoundError, match="does not exist"):
        Package(missing)


def test_offline_files_that_cannot_all_be_used_are_refused(
    user_dir, caniuse_tgz, baseline_tgz, tmp_path
):
    caniuse = tmp_path / "caniuse-lite.tgz"
    caniuse.write_bytes(caniuse_tgz)
    again = tmp_path / "caniuse-lite-copy.tgz"
    again.write_bytes(caniuse_tgz)
    other = tmp_path / "browserslist.tgz"
    other.write_bytes(tarball({"package.json": '{"name": "browserslist", "version": "4.0.0"}'}))
    with pytest.raises(UpdateUsageError, match=r"is browserslist 4\.0\.0, which"):
        update(offline=[caniuse, other])
    with pytest.raises(UpdateUsageError, match="is given twice"):
        update(offline=[caniuse, caniuse])
    with pytest.raises(UpdateUsageError, match="are both caniuse-lite"):
        update(offline=[caniuse, again])
    with pytest.raises(UpdateUsageError, match="--registry has no use with --offline"):
        update(offline=[caniuse], registry="https://npm.example.test")
    assert not (user_dir / "current").exists()


@pytest.mark.parametrize("registry", ["notaurl", "ftp://npm.example.test", "https://"])
def test_a_registry_that_is_no_url_is_said_to_be_invalid(user_dir, registry):
    with pytest.raises(UpdateUsageError, match=r"registry URL .* is not valid"):
        fetch_package("caniuse-lite", registry=registry)


def test_verify_integrity_accepts_the_matching_hash_only():
    verify_integrity(b"abc", sri(b"abc"))
    with pytest.raises(UpdateError, match="integrity check failed"):
        verify_integrity(b"abd", sri(b"abc"))
    with pytest.raises(UpdateError, match="no sha512"):
        verify_integrity(b"abc", "sha1-deadbeef")


def _offline(tmp_path, files, name="caniuse-lite.tgz"):
    path = tmp_path / name
    path.write_bytes(tarball(files))
    return path


@pytest.mark.parametrize(
    ("breakage", "named"),
    [
        ("a browser without versions", "agents.json"),
        ("no feature files", "features.json"),
        ("no region files", "regions.json.gz"),
    ],
)
def test_a_package_that_converts_to_unusable_data_is_not_installed(
    user_dir, tmp_path, breakage, named
):
    # Converted is not usable: data every middleware would refuse at start-up (validate())
    # must never become the data in use.
    files = caniuse_files("1.0.99998")
    if breakage == "a browser without versions":
        files["data/agents.js"] = files["data/agents.js"].replace(
            'A:{A:[0.1,0.2],B:"ms",C:[2,"10 11",3],E:"IE",F:[15000,400]}',
            'A:{A:{},B:"ms",C:[],E:"IE",F:[]}',
        )
    else:
        folder = "data/features/" if breakage == "no feature files" else "data/regions/"
        files = {name: text for name, text in files.items() if not name.startswith(folder)}
    with pytest.raises(UpdateError, match=rf"{re.escape(named)}.*not installed"):
        update(offline=[_offline(tmp_path, files)])
    assert not (user_dir / "current").exists()
    assert not user_dir.exists() or list(user_dir.iterdir()) == []
    assert data.validate().source == "bundled"


def test_a_version_that_is_no_directory_name_is_refused_and_leaves_nothing(user_dir, tmp_path):
    # The version comes from the tarball's package.json: a hostile one must not reach a
    # path, nor end in a traceback with a staging directory left behind.
    files = caniuse_files()
    files["package.json"] = json.dumps({"name": "caniuse-lite", "version": "../../escape"})
    with pytest.raises(UpdateError, match="not a version"):
        update(offline=[_offline(tmp_path, files)])
    assert not user_dir.exists() or list(user_dir.iterdir()) == []


def test_an_update_leaves_the_directories_that_are_not_its_own(tmp_path, monkeypatch):
    # JREJECT_DATA_DIR may be a folder the operator also keeps other things in: an update
    # clears out only the data sets it installed before.
    root = tmp_path / "data"
    (root / "backup").mkdir(parents=True)
    (root / "backup" / "agents.json").write_text("{}")
    monkeypatch.setenv(data.DATA_DIR_ENV, str(root))
    data.reload()
    try:
        first = update(offline=[_offline(tmp_path, caniuse_files())])
        second = update(offline=[_offline(tmp_path, caniuse_files(), "again.tgz")])
        assert (root / "backup" / "agents.json").read_text() == "{}"
        assert not first.path.exists()
        assert (root / "current").read_text() == second.path.name
    finally:
        monkeypatch.delenv(data.DATA_DIR_ENV)
        data.reload()


_UPDATE_THREE_TIMES = """
import sys
from pathlib import Path
from jreject.data.update import UpdateError, update
for _ in range(3):
    try:
        update(offline=[Path(sys.argv[1])])
    except UpdateError as exc:
        print(exc)
"""


def test_updates_run_at_the_same_time_all_succeed_and_leave_usable_data(tmp_path):
    # Two hosts' cron jobs sharing a home directory, or an operator running it twice: one
    # update must not clear away the directory another is writing, or just installed.
    root = tmp_path / "data"
    tgz = _offline(tmp_path, caniuse_files())
    env = {
        **os.environ,
        data.DATA_DIR_ENV: str(root),
        "PYTHONPATH": str(Path(data.__file__).parents[2]),
    }
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _UPDATE_THREE_TIMES, str(tgz)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    failures = [line for run in runs for line in run.communicate()[0].splitlines()]
    assert failures == []
    current = root / (root / "current").read_text()
    assert sorted(p.name for p in current.iterdir()) == sorted(data.DATA_FILES)
    assert [p.name for p in root.iterdir() if p.is_dir()] == [current.name]


def test_a_tarball_that_unpacks_to_far_more_than_any_package_is_refused(
    user_dir, tmp_path, monkeypatch
):
    # A few hundred KB of gzip can declare gigabytes of zeros: the sizes in the tar headers
    # are summed before anything is unpacked into memory (the cap made small here).
    import jreject.data.update as updating

    files = caniuse_files()
    files["data/padding.js"] = "0" * 5000
    monkeypatch.setattr(updating, "MAX_UNPACKED", 4096)
    with pytest.raises(UpdateError, match="unpacks to more than"):
        update(offline=[_offline(tmp_path, files)])
    assert not user_dir.exists()
    raw = tarball(files)
    with (
        Registry({"caniuse-lite": ("1.0.1", raw, sri(raw))}) as registry,
        pytest.raises(UpdateError, match="unpacks to more than"),
    ):
        update(registry=registry.url)


def test_a_download_larger_than_any_package_is_cut_off(user_dir, monkeypatch):
    # The registry (or a mirror) decides what it sends: never read without end.
    import jreject.data.update as updating

    raw = tarball(caniuse_files())
    monkeypatch.setattr(updating, "MAX_DOWNLOAD", len(raw) - 1)
    with (
        Registry({"caniuse-lite": ("1.0.1", raw, sri(raw))}) as registry,
        pytest.raises(UpdateError, match="more than"),
    ):
        fetch_package("caniuse-lite", registry=registry.url)


def test_a_tarball_url_that_is_not_http_is_refused(user_dir, tmp_path):
    # The registry's metadata names the tarball: a file:// URL would read this machine.
    local = tmp_path / "local.tgz"
    raw = tarball(caniuse_files())
    local.write_bytes(raw)

    with Registry({"caniuse-lite": ("1.0.1", raw, sri(raw))}) as registry:
        registry.tarball_url = local.as_uri()
        with pytest.raises(UpdateError, match=r"tarball URL .*file://.* is not http"):
            fetch_package("caniuse-lite", registry=registry.url)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names fds through /proc")
def test_the_new_files_reach_the_disk_before_current_points_at_them(
    user_dir, tmp_path, monkeypatch
):
    # After a power cut, `current` must not name a directory of empty files: everything
    # it points at is fsynced before it moves (and the pointer itself before it replaces).
    import jreject.data.update as updating

    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", Path(os.readlink(f"/proc/self/fd/{fd}")).name))
        real_fsync(fd)

    def replace(source, target):
        events.append(("replace", Path(target).name))
        real_replace(source, target)

    monkeypatch.setattr(updating.os, "fsync", fsync)
    monkeypatch.setattr(updating.os, "replace", replace)
    update(offline=[_offline(tmp_path, caniuse_files())])
    moved = events.index(("replace", "current"))
    synced = {name for kind, name in events[:moved] if kind == "fsync"}
    assert set(data.DATA_FILES) <= synced
    assert any(name.startswith(".current-") for name in synced)
