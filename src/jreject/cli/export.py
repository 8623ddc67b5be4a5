"""``jreject export``: the policy compiled to edge rules (docs/caching.md)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from jreject.cli.output import cannot_write, error_console, fail

__all__ = ["Target", "register"]

EPILOG = """\
Examples:

  jreject export --target nginx -p jreject.toml > /etc/nginx/conf.d/jreject-class.conf

  jreject export --target js -o worker/jreject-class.js

Every target sets one class per visitor: ok, warn or block. Where a rule cannot be
exact (Client Hints, relative versions, rare browsers) the export says so in a comment
and allows. OS keys (reject = { windows = true }) are read from the User-Agent's OS
token; what the export cannot express is named in its header and on stderr. See
docs/caching.md for the edge recipes.
"""


class Target(StrEnum):
    """Where the rules go."""

    nginx = "nginx"
    varnish = "varnish"
    cloudflare = "cloudflare"
    fastly = "fastly"
    js = "js"
    regex = "regex"


def register(app: typer.Typer) -> None:
    """Add the ``export`` command to ``app``."""
    app.command(epilog=EPILOG)(export)


def export(
    target: Annotated[Target, typer.Option("--target", "-t", help="The edge to write rules for.")],
    policy: Annotated[
        Path | None,
        typer.Option(
            "--policy",
            "-p",
            help="A jreject.toml or pyproject.toml (default: the nearest one, else the "
            "recommended policy).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write here instead of standard output.", show_default=False
        ),
    ] = None,
) -> None:
    """Compile the policy to edge rules: an nginx map, VCL, a Cloudflare expression, JS or regex."""
    from jreject.config import ConfigError, default_config, find_config, load_config
    from jreject.export import compile_policy, render

    if policy is not None and not policy.is_file():
        fail(f"{policy}: {'not a file' if policy.is_dir() else 'no such file'}")
    try:
        path = policy or find_config()
        config = load_config(path) if path is not None else default_config()
    except ConfigError as error:
        fail(str(error))
    compiled = compile_policy(config, source=None if path else "jreject's recommended policy")
    text = render(compiled, target.value)
    if output is None:
        sys.stdout.write(text)
    else:
        _write(output, text)
    # Also on stderr: an export piped into a config file is rarely read.
    for sentence in compiled.unexpressed:
        error_console().print(
            f"jreject export: {sentence}", highlight=False, markup=False, soft_wrap=True
        )


def _write(path: Path, text: str) -> None:
    """``text`` into ``path`` whole or not at all: a proxy reloading meanwhile, or a full
    disk, never finds half a configuration where the previous one was."""
    import contextlib
    import os
    import shutil

    partial = path.with_name(f".{path.name}.jreject-partial")
    try:
        if path.exists() and not path.is_file():
            # /dev/stdout, a named pipe: written in place, never replaced.
            path.write_text(text, "utf-8")
            return
        partial.write_text(text, "utf-8")
        if path.exists():
            shutil.copymode(path, partial)
        os.replace(partial, path)
    except OSError as exc:
        # Named as the user wrote it, not the partial file's name.
        fail(cannot_write(path, exc))
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
