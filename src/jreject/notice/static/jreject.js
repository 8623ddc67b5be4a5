/* jreject notice: only enhances markup that already works without it.
   Closes the modal or banner in place (the close link still sets the cookie, in the
   background), closes the modal on Escape, moves focus into the dialog, keeps Tab
   inside it, and gives focus back on close.
   ES3 syntax on purpose: this runs on the old browsers the notice warns about. */
(function (window, document) {
  "use strict";

  var root = findNotice();
  if (!root) {
    return;
  }
  root.setAttribute("data-jreject-ready", "1");

  var isModal = hasClass(root, "jreject-modal");
  var body = document.body;

  // The banner's places (see jreject.css): "top" moves to the start of <body> and takes
  // its room in the page; "bottom" stays fixed, and the body gets room to scroll past it.
  // A body laid out as a grid or a row of flex items would take a first child for a
  // cell of its own: there the top banner stays fixed too, with room made above.
  var padded = null;
  var paddedBefore = "";
  // Without scripts, an invisible copy of the banner's text after it makes the room
  // (jreject.css); from here on the script makes it, so the copy goes.
  var room = root.nextSibling;
  while (room && room.nodeType !== 1) {
    room = room.nextSibling;
  }
  if (room && hasClass(room, "jreject-banner-room")) {
    room.parentNode.removeChild(room);
  }
  // First, as the text's room for the close link sets the banner's height.
  fitCloseLink();
  if (hasClass(root, "jreject-banner-top") && body && !laysOutChildren(body)) {
    body.insertBefore(root, body.firstChild);
    root.className += " jreject-banner-inline";
  } else if (hasClass(root, "jreject-banner") && body) {
    padded = hasClass(root, "jreject-banner-top") ? "paddingTop" : "paddingBottom";
    if (padded === "paddingTop") {
      root.className += " jreject-banner-fixed-top";
    }
    paddedBefore = body.style[padded];
    // Room for the banner on top of the page's own padding, not instead of it.
    body.style[padded] = pixels(body, padded) + root.offsetHeight + "px";
  }
  // A transformed or filtered body holds its fixed descendants to itself, not to the
  // window: the dialog would scroll away under its backdrop. The notice then sits
  // outside the body, a child of <html>.
  if (body && !hasClass(root, "jreject-banner-inline") && holdsFixed(body)) {
    document.documentElement.appendChild(root);
  }
  var previous = document.activeElement;
  var closed = false;
  var box = first("div", "jreject-box");
  var closeLinks = [];
  var links = [];
  var i;

  var anchors = root.getElementsByTagName("a");
  for (i = 0; i < anchors.length; i++) {
    links.push(anchors[i]);
    if (hasClass(anchors[i], "jreject-close")) {
      closeLinks.push(anchors[i]);
    }
  }

  function computed(element, property) {
    if (window.getComputedStyle) {
      return window.getComputedStyle(element, null)[property] || "";
    }
    return (element.currentStyle && element.currentStyle[property]) || "";
  }

  function laysOutChildren(element) {
    var display = computed(element, "display");
    return display.indexOf("grid") !== -1 || (display.indexOf("flex") !== -1 &&
      computed(element, "flexDirection").indexOf("column") === -1);
  }

  function holdsFixed(element) {
    var properties = "transform perspective filter".split(" ");
    for (var k = 0; k < properties.length; k++) {
      var value = computed(element, properties[k]);
      if (value && value !== "none") {
        return true;
      }
    }
    return /transform|perspective|filter/.test(computed(element, "willChange"));
  }

  function pixels(element, property) {
    return parseFloat(computed(element, property)) || 0;
  }

  // The banner's close link sits over the end of its text: keep the text clear of it,
  // however long the link's words are in this language (a site may set its own).
  function fitCloseLink() {
    var text = first("p", "jreject-banner-text");
    var link = first("a", "jreject-banner-close");
    if (text && link && link.offsetWidth) {
      var side = root.getAttribute("dir") === "rtl" ? "marginLeft" : "marginRight";
      text.style[side] = link.offsetWidth + 16 + "px";
    }
  }

  // The notice's root: id="jreject" and the class "jreject", not yet taken by a run of
  // this script. A host page may have an element of its own with that id, which
  // getElementById would give (the first in the page, or in IE 7 one named so): then
  // look through the divs from the end, where the notice is inserted.
  function findNotice() {
    var found = document.getElementById("jreject");
    if (isNotice(found)) {
      return found;
    }
    var divs = document.getElementsByTagName("div");
    for (var k = divs.length - 1; k >= 0; k--) {
      if (isNotice(divs[k])) {
        return divs[k];
      }
    }
    return null;
  }

  function isNotice(element) {
    return !!element && element.id === "jreject" && hasClass(element, "jreject") &&
      !element.getAttribute("data-jreject-ready");
  }

  // The notice's first element with this tag and class, or null.
  function first(tag, name) {
    var found = root.getElementsByTagName(tag);
    for (var k = 0; k < found.length; k++) {
      if (hasClass(found[k], name)) {
        return found[k];
      }
    }
    return null;
  }

  function hasClass(element, name) {
    return (" " + element.className + " ").indexOf(" " + name + " ") !== -1;
  }

  function inside(element) {
    while (element) {
      if (element === root) {
        return true;
      }
      element = element.parentNode;
    }
    return false;
  }

  function listen(element, type, handler) {
    if (element.addEventListener) {
      element.addEventListener(type, handler, false);
    } else if (element.attachEvent) {
      element.attachEvent("on" + type, function () {
        return handler(window.event);
      });
    }
  }

  function prevent(event) {
    if (event.preventDefault) {
      event.preventDefault();
    } else {
      event.returnValue = false;
    }
  }

  // The close URL sets the cookie that keeps the notice away; call it without leaving
  // the page. The header lets the server answer 204 instead of redirecting.
  function remember(url) {
    var request = null;
    try {
      request = window.XMLHttpRequest
        ? new window.XMLHttpRequest()
        : new window.ActiveXObject("Microsoft.XMLHTTP");
      request.open("GET", url, true);
      request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      request.send(null);
    } catch (error) {
      new window.Image().src = url;
    }
  }

  function close(url) {
    if (closed) {
      return;
    }
    closed = true;
    root.className += " jreject-closed";
    if (padded && body) {
      body.style[padded] = paddedBefore;
    }
    if (url) {
      remember(url);
    }
    // Focus must not stay on a hidden link; give it back to where it was before.
    var active = document.activeElement;
    var lost = isModal || inside(active);
    if (!lost) {
      return;
    }
    try {
      if (previous && previous !== document.body && previous.focus) {
        previous.focus();
      }
      // Browsers move focus off a hidden element only at their next rendering step,
      // and some never do; blur it now so a screen reader never stays in a closed dialog.
      if (inside(document.activeElement) && active && active.blur) {
        active.blur();
      }
    } catch (error) {
      // The element may have left the page meanwhile; focus then stays on the body.
    }
  }

  // Our links are root-relative, and a page's <base href> to another origin would move
  // the background request there (no cookie here, the notice back on every page): read
  // the link as written and put it under this page's own origin. IE 6-7 give the text as
  // written only with the flag 2; other browsers ignore it.
  function ownUrl(link) {
    var href = link && link.getAttribute("href", 2);
    if (href && href.charAt(0) === "/" && href.charAt(1) !== "/") {
      return location.protocol + "//" + location.host + href;
    }
    return link ? link.href : null;
  }

  function onClose(event) {
    prevent(event);
    close(ownUrl(event.currentTarget || event.srcElement || closeLinks[0]));
  }

  for (i = 0; i < closeLinks.length; i++) {
    listen(closeLinks[i], "click", onClose);
  }

  if (!isModal || !box) {
    return;
  }

  // The layer over the page lets clicks through until the dialog is known to show
  // (jreject.css): a page that hides it anyway (with !important) gets no dimmed, blocked
  // screen with nothing to close. Shown, the layer takes clicks again, for its scroll bar.
  if (!box.offsetWidth || !box.offsetHeight || computed(box, "visibility") === "hidden") {
    close(null);
    return;
  }
  root.style.pointerEvents = "auto";

  // WAI-ARIA dialog pattern: Escape closes, Tab cycles through the dialog's links.
  listen(document, "keydown", function (event) {
    var key = event.keyCode || event.which;
    if (closed) {
      return;
    }
    if (key === 27) {
      prevent(event);
      close(closeLinks.length ? ownUrl(closeLinks[0]) : null);
    } else if (key === 9 && links.length) {
      var active = document.activeElement;
      var first = links[0];
      var last = links[links.length - 1];
      if (!inside(active)) {
        prevent(event);
        first.focus();
      } else if (event.shiftKey && (active === first || active === box)) {
        prevent(event);
        last.focus();
      } else if (!event.shiftKey && active === last) {
        prevent(event);
        first.focus();
      }
    }
  });

  try {
    box.focus();
  } catch (error) {
    // Very old browsers cannot focus a div; the dialog is still readable and closable.
  }
})(window, document);
