"""``--target varnish`` and ``--target fastly``: a VCL subroutine that sets ``JReject-Class``."""

from __future__ import annotations

from jreject.export._text import HEADER_NAME, header_lines
from jreject.export.rules import Export

__all__ = ["render_fastly", "render_varnish"]


def render_varnish(export: Export) -> str:
    """``sub jreject_classify``: call it from ``vcl_recv`` (Varnish 6 and 7, PCRE2)."""
    return _vcl(export, "varnish", "vcl 4.1;\n")


def render_fastly(export: Export) -> str:
    """The same subroutine in Fastly's VCL (PCRE): call it from ``vcl_recv``."""
    return _vcl(export, "fastly", "")


def _vcl(export: Export, target: str, preamble: str) -> str:
    lines = ["# " + line for line in header_lines(export, target)]
    lines += [
        "# Use it: in vcl_recv, call jreject_classify; and in vcl_hash,",
        f"# hash_data(req.http.{HEADER_NAME}); (or let the origin's Vary: {HEADER_NAME} work).",
    ]
    body = [preamble.rstrip()] if preamble else []
    body.append("sub jreject_classify {")
    for index, rule in enumerate(export.rules):
        keyword = "if" if index == 0 else "} elsif"
        flag = "(?i)" if rule.ignore_case else ""
        body.append(f"    # {rule.comment}")
        body.append(f'    {keyword} (req.http.User-Agent ~ "{flag}{rule.pattern}") {{')
        body.append(f'        set req.http.{HEADER_NAME} = "{rule.edge_class}";')
    body += ["    } else {", f'        set req.http.{HEADER_NAME} = "ok";', "    }", "}"]
    # vcl 4.1; must be the file's first statement; comments may come before it.
    return "\n".join(lines + body) + "\n"
