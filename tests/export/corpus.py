"""The User-Agents an export is checked on: the detection corpus and a generated mix."""

from __future__ import annotations

from pathlib import Path

from jreject.analyze.agents import user_agent_pool

CORPUS = Path(__file__).parent.parent / "detect" / "corpus"


def real_user_agents() -> list[str]:
    """tests/detect/corpus: browsers, bots and the browsers that look like bots."""
    found = [
        line.split("\t", 1)[0]
        for line in (CORPUS / "browsers.tsv").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for name in ("bots.txt", "bots_negative.txt"):
        found.extend(
            line
            for line in (CORPUS / name).read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        )
    return found


def user_agents(generated: int, seed: int = 1) -> list[str]:
    """The real corpus and ``generated`` variants of the analyze UA mix, deduplicated."""
    pool, _, bots = user_agent_pool(generated, seed=seed)
    return list(dict.fromkeys([*real_user_agents(), *pool, *bots]))
