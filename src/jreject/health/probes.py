"""The checks' view of the rest of jreject: each probe calls one part the way a request would.

Kept apart from :mod:`jreject.health.checks` so a test can break one part on purpose
(monkeypatch a probe's target) and so the checks read as a list of questions.
"""

from __future__ import annotations

import importlib
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jreject.config import Config
    from jreject.data import BrowserData
    from jreject.data.bots import BotDataSource
    from jreject.detect.client import Client
    from jreject.health.report import ConfigSource
    from jreject.policy.base import Verdict

__all__ = [
    "bot_data",
    "config_keys",
    "current_chrome_major",
    "data_source",
    "detect",
    "load_config",
    "load_data",
    "newest_release",
    "render_notice",
    "resolver_name",
    "verdicts",
]


def load_data() -> BrowserData:
    """The browser data, every file loaded and checked as middleware does at start-up
    (raises :class:`~jreject.data.DataError` when one is missing or corrupt)."""
    from jreject import data

    return data.validate()


def newest_release(data: BrowserData) -> datetime | None:
    """The newest release date of any browser in the data (browserslist's staleness measure)."""
    latest: datetime | None = getattr(data, "latest_release", None)
    if latest is not None:
        return latest
    dates = [v.released for agent in data.agents.values() for v in agent.versions if v.released]
    return max(dates, default=None)


def data_source() -> str:
    """Where the data was read from: ``bundled``, or the directory of an updated copy."""
    return str(getattr(load_data(), "source", "bundled"))


def bot_data() -> tuple[dict[str, Any], BotDataSource]:
    """The bot data detection uses, and which copy it is (an installed one passed over?)."""
    from jreject.data.bots import bot_data_source, load_bot_data

    return load_bot_data(), bot_data_source()


def resolver_name() -> str:
    """``rust`` when ua-parser-rs imports, else ``python`` (the pure-Python resolver)."""
    try:
        importlib.import_module("ua_parser_rs")
    except Exception:
        return "python"
    return "rust"


def detect(user_agent: str, config: Config | None = None) -> Client:
    """Detect one User-Agent with ``config``'s detector (its bot patterns), else the default."""
    from jreject.detect import detect as detect_headers

    headers = {"User-Agent": user_agent}
    detector = config.detector if config is not None else None
    client: Client = detect_headers(headers) if detector is None else detector(headers)
    return client


def load_config(source: ConfigSource) -> tuple[Config | None, str | None]:
    """The validated config and where it came from: :func:`jreject.config.load_source`."""
    from jreject.config import load_source

    return load_source(source)


def config_keys(source: ConfigSource, where: str | None) -> list[str]:
    """The top-level keys the configuration sets, for "which keys" in the report."""
    if source.mapping is not None:
        return sorted(str(k) for k in source.mapping)
    if where is None:
        return []
    from jreject.config import ConfigError, read_settings

    try:
        return sorted(read_settings(where))
    except ConfigError:
        return []


def current_chrome_major() -> int:
    """The newest released Chrome major in the data: what "current Chrome" means here.

    Raises when the data cannot be loaded: a guessed major would be judged against data
    that disagrees with it, blaming the policy for the data.
    """
    chrome = load_data().agents["chrome"].released_versions
    return int(chrome[-1].version.split(".")[0].split("-")[-1])


def verdicts(
    config: Config | None, *user_agents: str, detect_with: Config | None = None
) -> list[Verdict]:
    """The verdict for each User-Agent under ``config``'s policy (``None``: the default),
    detected by ``detect_with``'s detector (default: ``config``'s)."""
    from jreject.config import default_config
    from jreject.policy.bots import decide

    source = detect_with if detect_with is not None else config
    config = config or default_config()
    return [decide(detect(ua, source), config.policy, bots=config.bots) for ua in user_agents]


def render_notice(config: Config | None, user_agent: str) -> dict[str, int]:
    """Render the modal, the banner and the 406 page for a rejected visitor; their sizes."""
    from jreject.notice import Notice, NoticeRequest
    from jreject.policy.base import reject

    notice = config.notice if config is not None else None
    if notice is None:
        notice = Notice()
    client = detect(user_agent, config)
    sizes: dict[str, int] = {}
    for action in ("modal", "banner", "block"):
        verdict = reject(client, action, "self-test", "a self-test of the notice")
        request = NoticeRequest(verdict, "/_jreject/close?next=%2F", None, None)
        body = notice.block_page(request) if action == "block" else notice.fragment(request)
        if not body:
            raise ValueError(f"the {action} rendered empty")
        sizes[action] = len(body)
    return sizes
