"""``notice.js``: a script that shows the modal or banner on a page the service never sees.

The page (or nginx's ``sub_filter``) adds ``<script src="/_jreject/notice.js" async>``.
The browser fetches it through the proxy, so the service judges the browser's own
headers, and answers with either nothing or a few lines that insert the notice's
markup and start its script. Written in ES3, like the notice's own script: this runs
on the old browsers it warns.
"""

from __future__ import annotations

import json

__all__ = ["EMPTY_SCRIPT", "notice_script"]

#: What an allowed browser gets: a valid script that does nothing.
EMPTY_SCRIPT = b"/* jreject: nothing to show */\n"

_TEMPLATE = """/* jreject notice */
(function (window, document) {
  var html = %s;
  /* Already shown? The notice is the div with id="jreject" and the class "jreject": the
     page may have an element of its own with that id, which must not stop it. */
  function shown() {
    var divs = document.getElementsByTagName("div");
    for (var i = 0; i < divs.length; i++) {
      if (divs[i].id === "jreject" && (" " + divs[i].className + " ").indexOf(" jreject ") !== -1) {
        return true;
      }
    }
    return false;
  }
  function show() {
    if (shown()) {
      return;
    }
    var box = document.createElement("div");
    /* Old IE drops a leading <style> or <link> from innerHTML without a text node first. */
    box.innerHTML = "x" + html;
    box.removeChild(box.firstChild);
    /* Scripts inserted through innerHTML never run: take them out, add them anew. */
    var found = box.getElementsByTagName("script");
    var scripts = [];
    var i;
    for (i = 0; i < found.length; i++) {
      scripts.push({ src: found[i].getAttribute("src"), text: found[i].text });
    }
    while (found.length) {
      found[0].parentNode.removeChild(found[0]);
    }
    while (box.firstChild) {
      document.body.appendChild(box.firstChild);
    }
    for (i = 0; i < scripts.length; i++) {
      var script = document.createElement("script");
      if (scripts[i].src) {
        script.src = scripts[i].src;
      } else {
        script.text = scripts[i].text;
      }
      document.body.appendChild(script);
    }
  }
  if (document.body) {
    show();
  } else if (document.addEventListener) {
    document.addEventListener("DOMContentLoaded", show, false);
  } else if (window.attachEvent) {
    window.attachEvent("onload", show);
  }
})(window, document);
"""


def notice_script(fragment: bytes) -> bytes:
    """The script that inserts ``fragment`` (the notice's HTML) into the page."""
    literal = json.dumps(fragment.decode("utf-8"), ensure_ascii=True)
    # A JSON string is a JS string literal once "</" cannot close the <script> element
    # that may hold it; ensure_ascii already escaped U+2028 and U+2029.
    literal = literal.replace("</", "<\\/")
    return (_TEMPLATE % literal).encode("ascii")
