from __future__ import annotations

import re
import sys

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
    body, _ = splice([b"<p>no end tag", b" here</bo"])
    assert body == b"<p>no end tag here</bo<NOTICE>"


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
    assert parts == [b"<p>no end tag</b<NOTICE>"]
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


@given(
    st.lists(
        st.sampled_from(
            [b"a", b"<", b"/", b"b", b"o", b"d", b"y", b">", b"B", b"</body>", *PLACEHOLDER_PIECES]
        )
    ),
    st.lists(st.integers(min_value=0, max_value=120)),
)
def test_any_chunking_gives_the_same_page_as_splicing_the_whole(pieces, cuts):
    page = b"".join(pieces)
    index = page.lower().rfind(b"</body")  # pages this small end within END_WINDOW
    expected = page + FRAG if index < 0 else page[:index] + FRAG + page[index:]
    if SPOT in page:
        expected = page.replace(SPOT, FRAG, 1)
    chunks, start = [], 0
    for cut in sorted(set(cuts)):
        chunks.append(page[start:cut])
        start = max(start, cut)
    chunks.append(page[start:])
    body, parts = splice(chunks)
    assert body == expected
    assert all(parts)


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


_ORACLE = re.compile(rb"</body", re.IGNORECASE)


@given(
    st.lists(
        st.sampled_from([b"</body", b"</BoDy", b"</bod", b"<", b"x" * 700, b"\xff", b"</b>"]),
        max_size=30,
    ),
    st.integers(min_value=0, max_value=5000),
)
def test_last_marker_finds_the_last_end_tag_in_any_case_at_any_size(pieces, pad):
    chunk = b"a" * pad + b"".join(pieces)
    found = [match.start() for match in _ORACLE.finditer(chunk)]
    assert inject.last_marker(chunk) == (found[-1] if found else -1)


def test_last_marker_is_linear_on_a_body_of_end_tags_only():
    # Every '</' is a candidate that fails on its next byte: no backtracking.
    assert inject.last_marker(b"</" * 100_000 + b"</BODY>") == 200_000
