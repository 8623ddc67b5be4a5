from __future__ import annotations

import sys
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jreject.middleware import inject
from jreject.middleware.inject import FailOpenSplicer, Splicer

FRAG = b"<NOTICE>"
#: Pieces that make and almost make the placeholder, for the property tests.
PLACEHOLDER_PIECES = [inject.PLACEHOLDER, b"<!-- jreject", b"-notice -->", b"<!--"]


def splice(chunks: list[bytes], *, last: bool = False) -> tuple[bytes, list[bytes]]:
    """The page and its parts; ``last``: the last chunk is fed as such (as ASGI's is)."""
    splicer = Splicer(FRAG)
    parts: list[bytes] = []
    for chunk in chunks[:-1] if last else chunks:
        parts.extend(splicer.feed(chunk))
    parts.extend(splicer.feed(chunks[-1], last=True) if last else splicer.finish())
    return b"".join(parts), parts


def test_fragment_goes_before_body_end_tag():
    body, _ = splice([b"<html><body>hi</body></html>"])
    assert body == b"<html><body>hi<NOTICE></body></html>"


def test_end_tag_is_found_across_a_chunk_boundary():
    body, _ = splice([b"<body>hi</bo", b"dy></html>"])
    assert body == b"<body>hi<NOTICE></body></html>"


def test_end_tag_split_one_byte_per_chunk_is_found():
    page = b"<body>hi</BODY></html>"
    body, _ = splice([page[i : i + 1] for i in range(len(page))])
    assert body == b"<body>hi<NOTICE></BODY></html>"


def test_end_tag_is_matched_in_any_letter_case():
    body, _ = splice([b"<BODY>x</Body >"])
    assert body == b"<BODY>x<NOTICE></Body >"


def test_the_last_end_tag_gets_the_fragment():
    body, _ = splice([b"a</body>b</body>"])
    assert body == b"a</body>b<NOTICE></body>"


def test_an_end_tag_in_an_inline_script_is_passed_over():
    # An IE-era print helper: a notice inside the script would end it early.
    page = [
        b"<html><body><script>function p(w){w.document.write('<html><body>'",
        b" + x + '</body></html>');}</script><p>Shop</p>",
        b"</body></html>",
    ]
    body, _ = splice(page)
    assert body.endswith(b"<p>Shop</p><NOTICE></body></html>")
    assert body.count(FRAG) == 1


def test_an_end_tag_far_from_the_end_is_let_go_and_the_notice_goes_last():
    # A page whose only "</body" is text, with more than END_WINDOW after it.
    late = b"<p>" + b"x" * inject.END_WINDOW + b"</p>"
    body, parts = splice([b"<script>s='</body>'</script>", late, b"<p>end</p>"])
    assert body == b"<script>s='</body>'</script>" + late + b"<p>end</p><NOTICE>"
    assert max(map(len, parts)) <= len(late) + 64


def test_the_splicer_holds_at_most_the_window_beyond_a_chunk():
    splicer = Splicer(FRAG)
    splicer.feed(b"</body>")
    for _ in range(100):
        splicer.feed(b"y" * 1000)
        assert len(splicer.held) <= inject.END_WINDOW + 1000


def test_page_without_end_tag_gets_the_fragment_at_the_end():
    body, _ = splice([b"<p>no end tag", b" here</p>"])
    assert body == b"<p>no end tag here</p><NOTICE>"


def test_a_tag_the_body_ends_in_comes_after_the_fragment():
    # A browser drops a tag cut short by the end: a notice after "</bo" would be its text.
    body, _ = splice([b"<p>no end tag", b" here</bo"])
    assert body == b"<p>no end tag here<NOTICE></bo"


def test_a_false_start_does_not_hide_a_real_end_tag():
    body, _ = splice([b"x</b", b"</body>"])
    assert body == b"x</b<NOTICE></body>"
    body, _ = splice([b"x<", b"<", b"/body>"])
    assert body == b"x<<NOTICE></body>"


def test_chunks_without_a_possible_tag_start_pass_as_the_same_object():
    chunk = b"<p>" + b"a" * 1000 + b"</p>"
    splicer = Splicer(FRAG)
    (part,) = splicer.feed(chunk)
    assert part is chunk


def test_after_the_fragment_chunks_pass_untouched():
    splicer = Splicer(FRAG)
    splicer.feed(b"</body>", last=True)
    later = b"</html>" * 10
    assert splicer.feed(later)[0] is later
    assert splicer.finish() == []


def test_a_small_last_chunk_with_the_end_tag_goes_out_as_one_part():
    # One write for the server (and one ASGI message), not three.
    _, parts = splice([b"<html><body>hi</body></html>"], last=True)
    assert parts == [b"<html><body>hi<NOTICE></body></html>"]
    _, parts = splice([b"<body>hi</bo", b"dy></html>"], last=True)
    assert parts == [b"<body>hi", b"<NOTICE></body></html>"]
    _, parts = splice([b"<p>no end tag</b"], last=True)
    assert parts == [b"<p>no end tag<NOTICE></b"]
    # Not known to be the last: what follows the end tag waits for the end.
    _, parts = splice([b"<html><body>hi</body></html>"])
    assert parts == [b"<html><body>hi", b"<NOTICE></body></html>"]


def test_a_chunk_bigger_than_the_join_limit_is_not_copied():
    tail = b"</body></html>"
    chunk = b"a" * inject.JOIN_LIMIT + tail
    splicer = Splicer(FRAG)
    before, fragment, after = splicer.feed(chunk, last=True)
    assert (len(before), fragment, after) == (inject.JOIN_LIMIT, FRAG, tail)


def test_empty_chunks_produce_no_parts():
    splicer = Splicer(FRAG)
    assert splicer.feed(b"") == []
    assert splicer.finish() == [FRAG]


# -- the placeholder: where the template asked for the notice --------------------------

SPOT = inject.PLACEHOLDER


def test_the_fragment_takes_the_place_of_the_placeholder_not_of_the_end_tag():
    body, _ = splice([b"<body><header>" + SPOT + b"</header><main>m</main></body>"])
    assert body == b"<body><header><NOTICE></header><main>m</main></body>"


def test_the_placeholder_is_found_across_chunk_boundaries():
    page = b"<body><header>" + SPOT + b"</header></body></html>"
    expected = b"<body><header><NOTICE></header></body></html>"
    for cut in range(len(page) + 1):
        assert splice([page[:cut], page[cut:]])[0] == expected
    assert splice([page[i : i + 1] for i in range(len(page))])[0] == expected


def test_the_first_placeholder_gets_the_fragment_and_a_second_stays_a_comment():
    body, _ = splice([b"<body>" + SPOT + b"<p>" + SPOT + b"</p></body>"])
    assert body == b"<body><NOTICE><p>" + SPOT + b"</p></body>"


def test_after_the_placeholder_nothing_is_held_back():
    splicer = Splicer(FRAG)
    assert splicer.feed(b"<body>" + SPOT + b"<main>") == [b"<body><NOTICE><main>"]
    later = b"</main></body></html>"
    assert splicer.feed(later)[0] is later
    assert splicer.finish() == []


def test_a_placeholder_after_a_held_end_tag_still_gets_the_fragment():
    # The end tag in the script is held in case it is the page's own; the placeholder wins.
    body, _ = splice([b"<script>s='</body>'</script>", b"<header>" + SPOT + b"</header>"])
    assert body == b"<script>s='</body>'</script><header><NOTICE></header>"


def test_a_placeholder_in_a_small_last_chunk_goes_out_as_one_part():
    _, parts = splice([b"<body>" + SPOT + b"</body></html>"], last=True)
    assert parts == [b"<body><NOTICE></body></html>"]


def test_a_false_start_of_the_placeholder_passes_unchanged():
    body, _ = splice([b"<p><!-- jreject", b"-note --></p></body>"])
    assert body == b"<p><!-- jreject-note --></p><NOTICE></body>"


# -- FailOpenSplicer ----------------------------------------------------------------------


def test_fail_open_splicer_splices_like_the_splicer():
    errors: list[object] = []
    splicer = FailOpenSplicer(FRAG, lambda: errors.append(sys.exc_info()[1]))
    parts = [*splicer.feed(b"<body>hi"), *splicer.feed(b"</body>"), *splicer.finish()]
    assert b"".join(parts) == b"<body>hi<NOTICE></body>"
    assert not splicer.failed
    assert errors == []


def test_fail_open_splicer_reports_once_inside_the_except_and_passes_the_rest(monkeypatch):
    def feed(self, chunk, *, last=False):
        raise RuntimeError("splicer broke")

    monkeypatch.setattr(inject.Splicer, "feed", feed)
    errors: list[object] = []
    splicer = FailOpenSplicer(FRAG, lambda: errors.append(sys.exc_info()[1]))
    assert splicer.feed(b"one") == [b"one"]
    assert splicer.feed(b"") == []
    assert splicer.feed(b"two</body>") == [b"two</body>"]
    assert splicer.finish() == []
    assert splicer.failed
    assert len(errors) == 1
    assert isinstance(errors[0], RuntimeError)


def test_fail_open_splicer_reports_a_failing_finish(monkeypatch):
    def finish(self):
        raise RuntimeError("finish broke")

    monkeypatch.setattr(inject.Splicer, "finish", finish)
    errors: list[object] = []
    splicer = FailOpenSplicer(FRAG, lambda: errors.append(sys.exc_info()[1]))
    assert splicer.feed(b"<p>") == [b"<p>"]
    assert splicer.finish() == []
    assert splicer.failed
    assert [type(e) for e in errors] == [RuntimeError]


# -- only markup counts: an end tag or a placeholder that is text to the browser --------


def test_an_end_tag_in_a_script_after_the_page_is_passed_over():
    # A script after </html> (an edge or a CMS plugin adds it) with the string '</body>'.
    page = b"<body><p>x</p></body></html>\n<script>t='<p>a</p></body>'; go();</script>"
    body, _ = splice([page])
    assert body == page.replace(b"</body></html>", b"<NOTICE></body></html>")


def test_a_page_without_an_end_tag_gets_the_fragment_after_its_last_script():
    page = b"<body><p>x</p><script>window.tpl='<div>x</div></body>'; go();</script>"
    assert splice([page])[0] == page + FRAG


def test_an_end_tag_in_a_comment_after_the_page_is_passed_over():
    page = b"<body><p>x</p></body></html>\n<!-- old footer: <div id=f></div></body> -->"
    body, _ = splice([page])
    assert body == page.replace(b"</body></html>", b"<NOTICE></body></html>", 1)


@pytest.mark.parametrize(
    "element",
    ["style", "textarea", "title", "xmp", "iframe", "noscript", "noembed", "noframes"],
)
def test_an_end_tag_in_the_text_of_an_element_is_passed_over(element):
    # Their text is not markup: a notice in a <textarea> shows as its text, in a <style>
    # it is CSS, in a <noscript> it never shows where scripts run.
    page = f"<body><p>x</p><{element}>a</body>b</{element}><p>y</p>".encode()
    assert splice([page])[0] == page + FRAG
    page = f"<body>x</body><{element.upper()}>a</body></{element}>".encode()
    assert splice([page])[0] == b"<body>x<NOTICE>" + page[len(b"<body>x") :]


def test_an_end_tag_in_a_template_is_passed_over():
    page = b"<body><p>x</p><template id=t><p>tpl</p></body></template>"
    assert splice([page])[0] == page + FRAG
    nested = b"<body><template><template></template></body></template><p>y</p>"
    assert splice([nested])[0] == nested + FRAG
    after = b"<body><template><p>t</p></template><p>y</p></body></html>"
    assert splice([after])[0] == after.replace(b"</body>", b"<NOTICE></body>")


def test_tag_names_match_in_any_letter_case():
    page = b"<body><SCRIPT>a=1</ScRiPt ></body><Script>b='</BODY>'</sCRIPT>"
    assert splice([page])[0] == page.replace(b"</body>", b"<NOTICE></body>")


def test_a_script_ends_at_its_end_tag_even_inside_a_string():
    # As in a browser: "</script" ends a script wherever it stands; "</scripts" does not.
    page = (
        b"<body><script>s='</script><p>x</p></body>';</script>"
        b"<script>t='</scripts></body>'</script>"
    )
    assert splice([page])[0] == page.replace(b"</body>", b"<NOTICE></body>", 1)


def test_a_script_in_a_comment_in_a_script_does_not_end_it():
    # "<!--" then "<script>": the next "</script>" is text ("double escaped").
    page = (
        b"<body><p>x</p></body><script><!-- document.write('<script>a()</script>');"
        b" s='</body>' --></script>"
    )
    assert splice([page])[0] == page.replace(b"</body>", b"<NOTICE></body>", 1)


def test_the_attributes_of_a_watched_tag_are_read_to_its_own_end():
    # A ">" in a quoted value does not end the tag; an iframe's srcdoc is text.
    page = b'<body><p>x</p></body><style title="a>b</style>c"></body></style>'
    assert splice([page])[0] == page.replace(b"</body>", b"<NOTICE></body>", 1)
    page = b'<body><p>x</p></body><iframe srcdoc="<p>a</p></body>"></iframe>'
    assert splice([page])[0] == page.replace(b"</body>", b"<NOTICE></body>", 1)


def test_a_chunk_boundary_inside_a_script_end_tag():
    chunks = [b"<body><script>a=1</scr", b"ipt><p>y</p></body><!-- </body> -->"]
    assert splice(chunks)[0] == b"<body><script>a=1</script><p>y</p><NOTICE></body><!-- </body> -->"


def test_a_chunk_boundary_inside_a_script_start_tag():
    chunks = [b"<body><p>x</p></body><scr", b"ipt>s='</body>'</script>"]
    assert splice(chunks)[0] == b"<body><p>x</p><NOTICE></body><script>s='</body>'</script>"


def test_a_chunk_boundary_inside_a_comment_opener():
    chunks = [b"<body><p>x</p></body></html><!-", b"- </body> -->"]
    assert splice(chunks)[0] == b"<body><p>x</p><NOTICE></body></html><!-- </body> -->"


def test_a_chunk_boundary_inside_a_comment_end():
    for cut in (b"-", b"--"):
        page = b"<body><!-- a --><p>x</p></body><!-- </body> -->"
        at = page.index(b"-->") + len(cut)
        assert splice([page[:at], page[at:]])[0] == page.replace(b"</body>", b"<NOTICE></body>", 1)


def test_a_script_or_template_the_page_leaves_open_is_closed_before_the_fragment():
    # A body cut short: the notice would be script text (a syntax error) or inert.
    assert splice([b"<body><p>x</p><script>var a = '"])[0] == (
        b"<body><p>x</p><script>var a = '</script><NOTICE>"
    )
    assert splice([b"<body><textarea>a"])[0] == b"<body><textarea>a</textarea><NOTICE>"
    assert splice([b"<body><template><p>t"])[0] == b"<body><template><p>t</template><NOTICE>"


def test_a_placeholder_in_a_script_string_is_text():
    # A template rendered into a JavaScript string keeps its placeholder; the notice
    # there would break the script.
    page = b"<body><script>h='<!-- jreject-notice -->';</script><p>x</p></body>"
    assert splice([page])[0] == page.replace(b"</body>", b"<NOTICE></body>")


def test_a_placeholder_in_a_comment_or_a_template_is_text():
    page = b"<body><!-- old: <!-- jreject-notice --><p>x</p></body>"
    assert splice([page])[0] == page.replace(b"</body>", b"<NOTICE></body>")
    page = b"<body><template><!-- jreject-notice --></template><p>x</p></body>"
    assert splice([page])[0] == page.replace(b"</body>", b"<NOTICE></body>")
    after = b"<body><template></template><!-- jreject-notice --><p>x</p></body>"
    assert splice([after])[0] == after.replace(SPOT, FRAG)


def test_the_scan_is_linear_on_hostile_bodies():
    # Each of these is a worst case for some part of the scan; 256 KiB each, 16 KiB chunks.
    size = 256 * 1024
    for unit in (b"<", b"</", b"<!", b"<!-", b"<!--", b"-", b"<script", b"<script>", b"</bo"):
        for prefix in (b"", b"<script>", b"<script><!--", b"<!--", b"<style>", b'<script a="'):
            page = prefix + unit * (size // len(unit))
            chunks = [page[i : i + 16384] for i in range(0, len(page), 16384)]
            start = time.perf_counter()
            body, _ = splice(chunks)
            assert time.perf_counter() - start < 2.0, (prefix, unit)
            assert body.count(FRAG) == 1


# -- the same reading, byte by byte, after the HTML standard's tokenizer states ------------

WHITE = b"\t\n\f\r "
TEXT_ELEMENTS = [b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes"]
TEXT_ELEMENTS += [b"noscript"]
STARTS = [b"<" + name for name in (*TEXT_ELEMENTS, b"script", b"template")]
STARTS += [b"</body", b"</template"]


def _tag_at(page: bytes, at: int, word: bytes) -> bool:
    """Whether ``page`` holds ``word`` at ``at`` in any case, then a delimiter."""
    end = at + len(word)
    return page[at:end].lower() == word and end < len(page) and page[end] in WHITE + b"/>"


def _end_of_tag(page: bytes, at: int) -> int | None:
    """Where the tag whose name ends at ``at`` ends (after its ">"), its attributes read
    state by state; None when the page ends first. ``continue``: the byte is reconsumed."""
    state = "tag name"
    while at < len(page):
        byte = page[at : at + 1]
        white = bool(byte) and byte in WHITE
        if state == "tag name":  # at the white space, "/" or ">" after the name
            if byte == b">":
                return at + 1
            state = "before name" if white else "self-closing"
        elif state == "before name":
            if byte in (b"/", b">"):
                state = "after name"
                continue
            if not white:
                state = "name"
                if byte != b"=":  # "=" starts a name here
                    continue
        elif state == "name":
            if white or byte in (b"/", b">"):
                state = "after name"
                continue
            if byte == b"=":
                state = "before value"
        elif state == "after name":
            if byte == b">":
                return at + 1
            if byte in (b"/", b"="):
                state = "self-closing" if byte == b"/" else "before value"
            elif not white:
                state = "name"
                continue
        elif state == "before value":
            if byte == b">":
                return at + 1
            if byte in (b'"', b"'"):
                state = "double" if byte == b'"' else "single"
            elif not white:
                state = "unquoted"
                continue
        elif state in ("double", "single"):
            if byte == (b'"' if state == "double" else b"'"):
                state = "after quoted"
        elif state == "unquoted":
            if byte == b">":
                return at + 1
            if white:
                state = "before name"
        elif state == "after quoted":
            if byte == b">":
                return at + 1
            if white or byte == b"/":
                state = "before name" if white else "self-closing"
            else:
                state = "before name"
                continue
        else:  # self-closing
            if byte == b">":
                return at + 1
            state = "before name"
            continue
        at += 1
    return None


def reference(page: bytes) -> bytes:
    """Where the notice goes, read byte by byte (a page shorter than END_WINDOW)."""
    at, depth, mark, cut = 0, 0, -1, -1
    state, element = "data", b""
    while at < len(page):
        byte = page[at : at + 1]
        if state == "data":
            rest = page[at:]
            if byte != b"<":
                at += 1
            elif rest.startswith(SPOT) and not depth:
                return page[:at] + FRAG + page[at + len(SPOT) :]
            elif (
                (SPOT.startswith(rest) and rest != SPOT)
                or rest == b"<!---"
                or any(start.startswith(rest.lower()) for start in STARTS)
            ):
                cut = at  # a tag the body ends in
                break
            elif rest.startswith(b"<!--"):
                at += 4
                if page[at : at + 1] == b">":
                    at += 1
                elif page[at : at + 2] == b"->":
                    at += 2
                else:
                    state = "comment"
            elif rest.startswith((b"<!", b"<?")):
                state, at = "bogus", at + 2
            elif _tag_at(page, at, b"</body"):
                mark = mark if depth else at
                at += 6
            elif _tag_at(page, at, b"</template"):
                depth, at = max(0, depth - 1), at + 10
            else:
                for name in (*TEXT_ELEMENTS, b"script", b"template"):
                    if _tag_at(page, at, b"<" + name):
                        ends = _end_of_tag(page, at + 1 + len(name))
                        if name == b"template":
                            depth += 1
                        if ends is None:
                            state, at = "tag", len(page)
                        else:
                            state = "script" if name == b"script" else "data"
                            state = "text" if name in TEXT_ELEMENTS else state
                            element, at = name, ends
                        break
                else:
                    at += 1
        elif state == "comment":
            if page.startswith((b"-->", b"--!>"), at):
                state, at = "data", at + (3 if page[at + 2] == 0x3E else 4)
            else:
                at += 1
        elif state == "bogus":
            state = "data" if byte == b">" else state
            at += 1
        elif state == "text":
            if _tag_at(page, at, b"</" + element):
                state, at = "data", at + 2 + len(element)
            else:
                at += 1
        elif state == "script":
            if _tag_at(page, at, b"</script"):
                state, at = "data", at + 8
            elif page.startswith(b"<!--", at):
                state, at = "escaped dash dash", at + 4
            else:
                at += 1
        elif state.startswith("escaped"):
            if byte == b"<" and _tag_at(page, at, b"</script"):
                state, at = "data", at + 8
            elif byte == b"<" and _tag_at(page, at, b"<script"):
                state, at = "double", at + 8
            elif byte == b"-":
                state = "escaped dash dash" if state != "escaped" else "escaped dash"
                at += 1
            elif byte == b">" and state == "escaped dash dash":
                state, at = "script", at + 1
            else:
                state, at = "escaped", at + 1
        elif state.startswith("double"):
            if byte == b"<" and _tag_at(page, at, b"</script"):
                state, at = "escaped", at + 9
            elif byte == b"-":
                state = "double dash dash" if state != "double" else "double dash"
                at += 1
            elif byte == b">" and state == "double dash dash":
                state, at = "script", at + 1
            else:
                state, at = "double", at + 1
        else:  # a watched tag the page ends in
            break
    if mark >= 0:
        return page[:mark] + FRAG + page[mark:]
    templates = b"</template>" * depth
    if cut >= 0:
        return page[:cut] + templates + FRAG + page[cut:]
    if state == "data":
        return page + templates + FRAG
    if state == "text":
        return page + b"</" + element + b">" + templates + FRAG
    if state == "script" or state.startswith(("escaped", "double")):
        return page + b"</script>" + templates + FRAG
    return page + FRAG


PIECES = [
    *(b"a", b"<", b"/", b">", b"!", b"-", b"=", b'"', b"'", b" ", b"?", b"x"),
    *(b"</body>", b"</BoDy ", b"</body", b"<script>", b"<SCRIPT a='>'>", b"</script>"),
    *(b"</scr", b"ipt>", b"<script", b"<style>", b"</style>", b"<!--", b"-->", b"--!>"),
    *(b"<template>", b"</template>", b"<textarea>", b"</textarea>", b'<title x="a>b">'),
    *(b"<iframe srcdoc='", b"<!x", b"<s", b"</t", *PLACEHOLDER_PIECES),
]


@given(
    st.lists(st.sampled_from(PIECES), max_size=40),
    st.lists(st.integers(min_value=0, max_value=200)),
    st.booleans(),
)
def test_any_chunking_gives_the_same_page_as_one_chunk(pieces, cuts, last):
    page = b"".join(pieces)
    chunks, start = [], 0
    for cut in sorted(set(cuts)):
        chunks.append(page[start:cut])
        start = max(start, cut)
    chunks.append(page[start:])
    whole, _ = splice([page])
    body, parts = splice(chunks, last=last)
    assert body == whole
    assert whole == reference(page)
    assert all(parts)


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
@pytest.mark.parametrize("cut", [1, 2, 5])
def test_a_body_that_starts_with_a_utf16_byte_order_mark_is_left_alone(bom, cut):
    # Browsers read such a page as UTF-16, whatever its Content-Type says.
    page = bom + "<html><body>hi</body></html>".encode(
        "utf-16-le" if bom[0] == 0xFF else "utf-16-be"
    )
    splicer = Splicer(FRAG)
    body = b"".join([*splicer.feed(page[:cut]), *splicer.feed(page[cut:]), *splicer.finish()])
    assert body == page
    assert splicer.declined


def test_a_utf8_byte_order_mark_is_no_reason_to_leave_a_page_alone():
    body, _ = splice([b"\xef\xbb\xbf<html><body>hi</body></html>"])
    assert body == b"\xef\xbb\xbf<html><body>hi<NOTICE></body></html>"
