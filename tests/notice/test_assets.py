"""The shipped CSS and script must work on the old browsers the notice warns about."""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import xml.etree.ElementTree as ET
from importlib import resources

import pytest
from pyjsparser import PyJsParser
from pyjsparser.pyjsparserdata import JsSyntaxError

from jreject.notice.assets import load_assets
from jreject.notice.browsers import BROWSERS

STATIC = resources.files("jreject.notice").joinpath("static")
NAMESPACES = ("#jreject", ".jreject-")


# pyjsparser parses ES5.1 but tolerates a few later forms; the walk below refuses them,
# and words IE 8 and older cannot use as property names (ES3 reserved words).
ES3_RESERVED = frozenset(
    [
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "import",
        "in",
        "instanceof",
        "new",
        "null",
        "return",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
    ]
)


def parse_es5(source: str) -> dict:
    """Parse as ES5.1 and refuse anything later, or that IE 6-8 cannot run."""
    tree = PyJsParser().parse(source)
    _check_es5(tree)
    code = re.sub(
        r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", "", source, flags=re.S
    )
    if re.search(r",\s*[}\]]", code):
        raise JsSyntaxError("trailing comma: IE 8 and older count an extra element")
    return tree


def _check_es5(node: object) -> None:
    if isinstance(node, list):
        for item in node:
            _check_es5(item)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    if kind == "VariableDeclaration" and node["kind"] != "var":
        raise JsSyntaxError(f"{node['kind']} declaration is ES2015")
    if kind == "Property" and (node["shorthand"] or node["method"] or node["computed"]):
        raise JsSyntaxError("shorthand, method or computed property is ES2015")
    if kind in ("FunctionDeclaration", "FunctionExpression") and (
        node.get("defaults") or node.get("generator")
    ):
        raise JsSyntaxError("default parameter or generator is ES2015")
    member = kind == "MemberExpression" and not node["computed"]
    if member and node["property"]["name"] in ES3_RESERVED:
        raise JsSyntaxError(f".{node['property']['name']} fails on IE 8 and older")
    if kind == "Property" and node["key"].get("name") in ES3_RESERVED:
        raise JsSyntaxError(f"property {node['key']['name']} fails on IE 8 and older")
    for value in node.values():
        _check_es5(value)


def css_rules(css: str) -> list[tuple[str, str]]:
    """(selector list, declarations) for every rule, looking inside @media blocks."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules: list[tuple[str, str]] = []
    position = 0
    while True:
        brace = css.find("{", position)
        if brace == -1:
            break
        prelude = css[position:brace].strip()
        if prelude.startswith("@media"):
            depth, end = 1, brace + 1
            while depth:
                depth += {"{": 1, "}": -1}.get(css[end], 0)
                end += 1
            rules.extend(css_rules(css[brace + 1 : end - 1]))
            position = end
            continue
        close = css.index("}", brace)
        rules.append((prelude, css[brace + 1 : close]))
        position = close + 1
    return rules


@pytest.fixture(scope="module")
def assets():
    return load_assets()


def test_the_es5_parser_used_here_rejects_later_syntax():
    for modern in (
        "let a = 1;",
        "const b = 1;",
        "var f = () => 1;",
        "var s = `x`;",
        "class A {}",
        "function g(a = 1) {}",
        "var o = {a};",
        "var p = {m() {}};",
        "var q = {[k]: 1};",
        "var r = {x: 1,};",
        "var t = [1, 2,];",
        "e.default = 1;",
        "var u = {class: 1};",
    ):
        with pytest.raises(JsSyntaxError):
            parse_es5(modern)


def test_shipped_script_is_es5(assets):
    tree = parse_es5(assets.js)
    assert tree["type"] == "Program"
    assert tree["body"], "the script is empty"


def test_shipped_script_uses_no_es5_only_library_calls(assets):
    # Syntax is ES5-safe; these calls would still fail on IE 8 and older.
    for name in (".forEach(", ".addEventListener(", "querySelector", ".classList", "JSON."):
        if name == ".addEventListener(":
            assert "attachEvent" in assets.js  # guarded by a fallback
            continue
        assert name not in assets.js, name


def test_shipped_script_makes_no_request_but_to_the_close_url(assets):
    assert "http:" not in assets.js
    assert "https:" not in assets.js
    code = re.sub(r"^\s*//.*$", "", assets.js, flags=re.M)
    # The one "//" allowed: the page's own origin, put before a root-relative close link.
    own_origin = 'location.protocol+"//"+location.host'
    assert code.replace(own_origin, "").replace(own_origin.replace("+", " + "), "").count("//") == 0


def test_css_has_no_external_references(assets):
    css = re.sub(r"/\*.*?\*/", "", assets.css, flags=re.S)
    assert "url(" not in css
    assert "@import" not in css
    assert "http" not in css


def test_every_css_selector_is_in_the_namespace(assets):
    rules = css_rules(assets.css)
    assert len(rules) > 20
    for selectors, _ in rules:
        for selector in selectors.split(","):
            selector = selector.strip()
            assert selector.removeprefix(":root ").startswith(NAMESPACES), selector


def test_rules_for_the_notice_name_its_class_as_well_as_its_id(assets):
    """A host page's own element with id="jreject" is not the notice: it lacks the class."""
    for selectors, _ in css_rules(assets.css):
        for selector in selectors.split(","):
            selector = selector.strip().removeprefix(":root ")
            if selector.startswith("#"):
                assert re.match(r"#jreject\.jreject(?![-\w])", selector), selector


def test_css_layout_does_not_depend_on_flexbox_or_grid(assets):
    for _, declarations in css_rules(assets.css):
        assert not re.search(r"display\s*:\s*(-\w+-)?(inline-)?(flex|grid|box)\b", declarations)
        assert "grid-template" not in declarations


def test_the_modal_is_visible_by_css_alone(assets):
    """No JavaScript needed: nothing hides the modal except the class the script adds.

    The banner shows its long sentence or, on phones, its short title: one of the two.
    The banner's room, an invisible copy of it in the page's flow, is hidden, and so are
    the copy's long or short sentence with the banner's.
    """
    rules = css_rules(assets.css)
    hiding = [
        selectors
        for selectors, declarations in rules
        if re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", declarations)
    ]
    assert sorted(hiding) == [
        "#jreject.jreject .jreject-banner-long,.jreject-banner-room .jreject-banner-long",
        "#jreject.jreject .jreject-banner-short,.jreject-banner-room .jreject-banner-short",
        "#jreject.jreject.jreject-closed",
        ".jreject-banner-room",
    ]
    root = {s: d for s, d in rules if s == "#jreject.jreject"}["#jreject.jreject"]
    assert re.search(r"position\s*:\s*fixed", root)
    assert re.search(r"z-index\s*:\s*2147483647", root)


def test_every_browser_has_an_icon_of_our_own(assets):
    license_text = resources.files("jreject.notice").joinpath("ICONS-LICENSE.md").read_text()
    for browser_id in BROWSERS:
        svg = STATIC.joinpath("icons", f"{browser_id}.svg").read_text()
        assert svg.startswith("<svg ")
        assert "href" not in svg  # no external or embedded images
        assert f"icons/{browser_id}.svg" in license_text
        assert browser_id in assets.icons
    assert "MIT" in license_text


def test_inline_icons_are_decorative_and_hidden_from_old_ie(assets):
    for icon in assets.icons.values():
        assert icon.startswith("<!--[if gte IE 9]><!--><svg ")
        assert 'aria-hidden="true"' in icon
        assert 'focusable="false"' in icon
        assert icon.endswith("</svg><!--<![endif]-->")


def test_icons_are_well_formed_svg_of_simple_shapes():
    for browser_id in BROWSERS:
        root = ET.fromstring(STATIC.joinpath("icons", f"{browser_id}.svg").read_text())
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        tags = {element.tag.split("}")[1] for element in root.iter()}
        assert tags <= {
            "svg",
            "defs",
            "linearGradient",
            "stop",
            "circle",
            "ellipse",
            "path",
            "polygon",
        }, browser_id
        # Icons are inlined into the host page: their ids must not clash with its own.
        for element in root.iter():
            if "id" in element.attrib:
                assert element.attrib["id"].startswith(f"jreject-{browser_id}-"), browser_id


def test_every_png_was_rendered_from_the_current_svg():
    """scripts/generate_icon_pngs.py records the SVG each PNG came from."""
    recorded = json.loads(STATIC.joinpath("icons", "png-sources.json").read_text())
    for browser_id in BROWSERS:
        svg = STATIC.joinpath("icons", f"{browser_id}.svg").read_bytes()
        assert recorded[browser_id] == hashlib.sha256(svg).hexdigest(), (
            f"{browser_id}.svg changed: run scripts/generate_icon_pngs.py"
        )
        png = STATIC.joinpath("icons", f"{browser_id}.png").read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert (width, height) == (40, 40)
        # IE 6 draws alpha as grey: colour type 2 is RGB without alpha.
        assert png[25] == 2, browser_id


def test_static_file_names_carry_a_hash_of_their_content(assets):
    for name, (body, _) in assets.files.items():
        stem, digest, suffix = name.split(".")
        assert (stem, suffix) in {("jreject", "css"), ("jreject", "js")} or (
            stem in BROWSERS and suffix == "png"
        )
        assert hashlib.sha256(body).hexdigest().startswith(digest)
    assert assets.files[assets.css_name][0] == assets.css.encode()
    assert assets.files[assets.js_name][0] == assets.js.encode()


@pytest.mark.parametrize(
    ("source", "minified", "minify"),
    [
        ("jreject.css", "jreject.min.css", "rcssmin.cssmin"),
        ("jreject.js", "jreject.min.js", "rjsmin.jsmin"),
    ],
)
def test_the_shipped_css_and_script_are_the_current_sources_minified(source, minified, minify):
    """scripts/minify_assets.py made them, from these sources, with the recorded tool."""
    recorded = json.loads(STATIC.joinpath("min-sources.json").read_text())[source]
    text = STATIC.joinpath(source).read_text("utf-8")
    assert recorded["source_sha256"] == hashlib.sha256(text.encode()).hexdigest(), (
        f"{source} changed: run scripts/minify_assets.py"
    )
    module, function = minify.split(".")
    tool = importlib.import_module(module)
    shipped = STATIC.joinpath(minified).read_text("utf-8")
    assert shipped == getattr(tool, function)(text) + "\n"
    assert len(shipped) < 0.75 * len(text)


def test_the_notice_inlines_the_minified_copies(assets):
    assert assets.css == STATIC.joinpath("jreject.min.css").read_text("utf-8").strip()
    assert assets.js == STATIC.joinpath("jreject.min.js").read_text("utf-8").strip()
    # The IE 6-7 hacks survive minification.
    assert "_position:absolute" in assets.css
    assert "*display:inline" in assets.css
