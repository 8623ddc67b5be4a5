"""``jreject serve`` as a process: JSON logs, a graceful exit on SIGTERM, bad configs stop it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import httpx

from serve.conftest import CONFIG, free_port, wait_for


def test_serves_with_workers_logs_json_and_exits_cleanly_on_sigterm(tmp_path):
    config = tmp_path / "jreject.toml"
    config.write_text(CONFIG, "utf-8")
    port = free_port()
    command = [
        sys.executable, "-c", "from jreject.cli import main; main()", "serve",
        "-c", str(config), "--port", str(port), "--workers", "2", "--access-log",
    ]  # fmt: skip
    log = tmp_path / "log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=os.environ)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz")
        answer = httpx.get(
            f"http://127.0.0.1:{port}/_jreject/auth/nginx",
            headers={"User-Agent": "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)"},
            trust_env=False,
        )
        assert answer.status_code == 403
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
    assert code == 0
    entries = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    messages = [e["message"] for e in entries]
    assert any(m.startswith("Started parent process") for m in messages)
    assert sum(m == "Application startup complete." for m in messages) == 2
    assert any(e.get("path") == "/_jreject/auth/nginx" and e["status"] == 403 for e in entries)
    assert sum(m.startswith("Finished server process") for m in messages) == 2
    assert any(m.startswith("Stopping parent process") for m in messages)
