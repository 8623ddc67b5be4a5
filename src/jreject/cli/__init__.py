"""The ``jreject`` command line: one module per command, each a thin layer over library calls."""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import importlib.abc
import importlib.machinery
import os
import signal
import sys
from collections.abc import Callable, Iterable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

__all__ = ["COMMAND_MODULES", "app", "main"]

#: Each module defines ``register(app)``, which adds its command(s) to the Typer app.
COMMAND_MODULES: tuple[str, ...] = (
    "check",
    "demo",
    "query",
    "analyze",
    "data",
    "doctor",
    "serve",
    "migrate",
    "init",
    "preview",
    "export",
)

_MISSING_CLI = (
    "jreject: the command line needs the 'cli' extra (typer and rich).\n"
    "Install it with:  pip install 'jreject[cli]'\n"
)


def _build_app(commands: Iterable[str] = COMMAND_MODULES) -> typer.Typer:
    """The Typer app with the commands of ``commands`` (modules of this package).

    Each command module imports what its command needs, so an app of one command
    starts without loading the others' (the web server, the analyser, the notice
    templates): :func:`main` builds only the command it was asked to run.
    """
    # Typer is imported here, not at module level, so that `main` can explain a
    # missing 'cli' extra instead of failing with an ImportError traceback.
    import typer

    from jreject._version import __version__

    app = typer.Typer(
        name="jreject",
        help="Decide on the server whether a visitor's browser is supported.",
        no_args_is_help=True,
        rich_markup_mode="rich",
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def version_callback(value: bool) -> None:
        if value:
            typer.echo(f"jreject {__version__}")
            raise typer.Exit()

    @app.callback()
    def root(
        version: bool = typer.Option(
            False,
            "--version",
            callback=version_callback,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ) -> None:
        """Decide on the server whether a visitor's browser is supported."""

    for name in commands:
        importlib.import_module(f"jreject.cli.{name}").register(app)
    return app


def __getattr__(name: str) -> object:
    if name == "app":
        return _build_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _commands_for(args: Sequence[str]) -> tuple[str, ...]:
    """The command modules an invocation with ``args`` needs.

    The first argument that is not an option names the command (the root takes no
    option with a value). A known one is all that is built; anything else (no
    command, ``--help``, a typo that Typer should answer with the list) builds all.
    """
    name = next((arg for arg in args if not arg.startswith("-")), None)
    return (name,) if name in COMMAND_MODULES else COMMAND_MODULES


_paused = False


def main() -> None:
    """Console-script entry point."""
    global _paused
    commands = _commands_for(sys.argv[1:])
    if commands == ("check",) and gc.isenabled():
        _paused = True
        # A one-off check builds ~50k container objects (Typer, pydantic, Rich,
        # jreject's tables) that all live until the process exits: the cyclic
        # collector's passes over them find nothing. `check --file` turns it back on
        # before its loop (resume_collector). At exit, the interpreter's last full
        # collection would walk them all once more (~6 % of the run): frozen, they
        # are skipped, and freed as the modules holding them are.
        gc.disable()
        atexit.register(gc.freeze)
    if commands == ("check",):
        _load_ua_parser_without_yaml()
    restore = _prepare_output(commands, sys.argv[1:])
    try:
        try:
            app = _build_app(commands)
        except ModuleNotFoundError as exc:
            if exc.name in {"typer", "rich", "click"}:
                sys.stderr.write(_MISSING_CLI)
                raise SystemExit(2) from None
            raise
        _run(app)
    finally:
        restore()
        if _paused:
            _paused = False
            gc.enable()


def _run(app: Callable[..., object]) -> None:
    """Run the app; what no command can get past becomes one line and exit 2, no traceback."""
    from jreject.cli.output import USAGE_ERROR, print_error

    try:
        # Not standalone: Click's errors come here, to be said in jreject's one line
        # instead of Typer's framed panel.
        code = app(standalone_mode=False)
    except ValueError as exc:
        from jreject.data import DataError

        if not isinstance(exc, DataError):
            raise
        # A broken install, reached from any command: the message names the file and the
        # fix (what `jreject doctor` reports as jreject.E002).
        print_error(str(exc))
        raise SystemExit(USAGE_ERROR) from None
    except OSError as exc:
        # A file that cannot be written (-o), a full disk under standard output …: what and
        # why, as `cp` says it.
        if exc.filename is not None:
            print_error(f"{exc.filename}: {exc.strerror or exc}")
        else:
            print_error(f"cannot write the output: {exc.strerror or exc}")
            _silence_stdout()
        raise SystemExit(USAGE_ERROR) from None
    except RecursionError:
        print_error("the input is nested too deeply to be read")
        raise SystemExit(USAGE_ERROR) from None
    except ImportError as exc:
        # A broken install (a shared library missing under google-re2 takes ua-parser
        # down with it): what failed, and where the fix is said.
        print_error(f"cannot import {exc.name or 'a package'}: {exc}; `jreject doctor` says more")
        raise SystemExit(USAGE_ERROR) from None
    except Exception as exc:
        kind = _click_error(exc)
        if kind is None:
            raise
        if kind == "NoArgsIsHelpError":  # `jreject data`: the group's help is shown already
            raise SystemExit(USAGE_ERROR) from None
        if kind == "Abort":
            print_error("aborted")
            raise SystemExit(1) from None
        message = " ".join(str(exc.format_message()).split())  # type: ignore[attr-defined]
        if kind == "UsageError":
            context = getattr(exc, "ctx", None)
            command = context.command_path if context is not None else "jreject"
            message += f" (see `{command} --help`)"
        print_error(message)
        raise SystemExit(getattr(exc, "exit_code", USAGE_ERROR)) from None
    # A command that returns has succeeded; typer.Exit(n) comes back as n.
    raise SystemExit(code if isinstance(code, int) else 0)


def _click_error(exc: BaseException) -> str | None:
    """Which of Click's errors ``exc`` is, by class name: Typer 0.29 raises those of the
    copy of Click it carries (``typer._click``), older Typers Click's own."""
    names = [kind.__name__ for kind in type(exc).__mro__]
    for name in ("NoArgsIsHelpError", "UsageError", "Abort", "ClickException"):
        if name in names:
            return name
    return None


# Commands that only print: a closed pipe (`jreject check -f big.txt | head`) ends them as
# it ends `cat`, killed by SIGPIPE (shells report 141), never with 1, which `check` uses
# for "rejected". Commands that open sockets (serve, demo, preview, analyze's Dask, data
# update) keep Python's default, where a peer that goes away is an error, not a kill.
_PIPE_COMMANDS = frozenset({"check", "query", "export", "migrate", "doctor", "init"})
#: Printing subcommands of a group whose other subcommands use the network.
_PIPE_SUBCOMMANDS = frozenset({("data", "status")})


def _prepare_output(commands: tuple[str, ...], args: Sequence[str] = ()) -> Callable[[], object]:
    """Set up standard output for ``commands`` (run with ``args``); returns what puts the
    process back (for callers that run :func:`main` in-process, as the tests do)."""
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    words = tuple(arg for arg in args if not arg.startswith("-"))[:2]
    prints_only = len(commands) == 1 and (
        commands[0] in _PIPE_COMMANDS or words in _PIPE_SUBCOMMANDS
    )
    if prints_only and hasattr(signal, "SIGPIPE"):
        previous = signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        return lambda: signal.signal(signal.SIGPIPE, previous)
    return lambda: None


def _silence_stdout() -> None:
    # The interpreter flushes standard output at exit: where it cannot be written, that
    # would print a second error.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _load_ua_parser_without_yaml() -> None:
    """Have ua-parser import without PyYAML, which it loads when installed for a YAML rules
    loader that jreject never uses (PyYAML is optional for ua-parser; here it is only
    present for ``jreject migrate``). That import is about a tenth of a one-off check.

    Only the CLI does this, before anything else runs, and only for when detection first
    needs ua-parser (an everyday browser's User-Agent never does): ``yaml`` is
    unimportable while ua-parser loads, then importable again for whoever needs it.
    """
    if "yaml" in sys.modules or "ua_parser" in sys.modules:
        return
    sys.meta_path.insert(0, _UaParserWithoutYaml())


class _UaParserWithoutYaml(importlib.abc.MetaPathFinder):
    """Finds ``ua_parser`` as the path finder does, with a loader that blocks ``yaml``
    while the package runs; then leaves the import system as it was."""

    def find_spec(
        self,
        name: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if name != "ua_parser":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        loader = spec.loader if spec is not None else None
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        run = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            blocked = "yaml" not in sys.modules
            if blocked:
                sys.modules["yaml"] = None  # type: ignore[assignment]  # `import yaml` raises
            try:
                run(module)
            finally:
                if blocked:
                    del sys.modules["yaml"]

        loader.exec_module = exec_module  # type: ignore[method-assign]  # this spec's own loader
        return spec


def resume_collector() -> None:
    """Turn the cyclic garbage collector back on if :func:`main` paused it.

    For a command about to run for a while (a file of User-Agents): what start-up
    allocated is frozen first, so that the collector's passes skip it.
    """
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
