"""``--target js``: an ES5 function for a worker (Cloudflare Workers, Fastly Compute, Deno…)."""

from __future__ import annotations

import json

from jreject.export._text import header_lines
from jreject.export.rules import Export

__all__ = ["render_js"]

_FLAGS = {True: ', "i"', False: ""}

_FUNCTION = """\
var JREJECT_RULES = [
%s
];

/** The jreject class of a User-Agent: "ok", "warn" or "block". */
function jrejectClass(userAgent) {
  var ua = String(userAgent || "");
  for (var i = 0; i < JREJECT_RULES.length; i++) {
    if (JREJECT_RULES[i][0].test(ua)) {
      return JREJECT_RULES[i][1];
    }
  }
  return "ok";
}

if (typeof module !== "undefined" && module.exports) {
  module.exports = jrejectClass;
}
"""


def render_js(export: Export) -> str:
    """``jrejectClass(userAgent)`` and its rules; CommonJS-exported when ``module`` exists."""
    # Line comments: a file name in the header may hold "*/".
    head = "\n".join("// " + line for line in header_lines(export, "js"))
    last = len(export.rules) - 1
    rules = "\n".join(
        f"  [new RegExp({json.dumps(rule.pattern)}{_FLAGS[rule.ignore_case]}), "
        f"{json.dumps(rule.edge_class)}]{',' if i < last else ''}  // {rule.comment}"
        for i, rule in enumerate(export.rules)
    )
    return f"{head}\n" + _FUNCTION % rules
