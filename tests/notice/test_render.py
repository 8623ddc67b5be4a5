from __future__ import annotations

import re

import pytest

from jreject.notice import Notice

from .conftest import IE11_WIN7


def test_modal_is_a_labelled_modal_dialog(notice, make_request):
    html = notice.fragment(make_request()).decode()
    assert re.search(r'<div id="jreject" class="jreject jreject-modal" role="dialog"', html)
    assert 'aria-modal="true"' in html
    assert 'aria-labelledby="jreject-title"' in html
    assert '<h2 class="jreject-title" id="jreject-title">' in html


def test_modal_names_the_visitors_browser_and_version(notice, make_request):
    html = notice.fragment(make_request()).decode()
    assert "You are using Safari 12.1." in html


def test_close_link_points_at_close_url(notice, make_request):
    html = notice.fragment(make_request(close_url="/app/_jreject/close?next=%2Fapp")).decode()
    assert '<a class="jreject-close" href="/app/_jreject/close?next=%2Fapp">' in html


def test_block_page_is_a_complete_document(notice, make_request):
    html = notice.block_page(make_request(IE11_WIN7, "block")).decode()
    assert html.startswith('<!DOCTYPE html>\n<html lang="en"')
    assert html.rstrip().endswith("</html>")
    assert "You are using Internet Explorer 11.0, which this site does not support." in html


def test_fragment_refuses_block_and_log_actions(notice, make_request):
    for action in ("block", "log"):
        with pytest.raises(ValueError, match="block_page"):
            notice.fragment(make_request(action=action))


def test_static_mode_links_hashed_files_that_static_serves(make_request):
    notice = Notice(assets="static", static_url="/s/")
    html = notice.fragment(make_request()).decode()
    css = re.search(r'<link rel="stylesheet" href="/s/([^"]+)">', html)
    js = re.search(r'<script src="/s/([^"]+)"></script>', html)
    assert css
    assert js
    assert "<style" not in html
    body, content_type = notice.static(css.group(1))
    assert content_type == "text/css; charset=utf-8"
    assert b"#jreject" in body
    assert notice.static(js.group(1))[1] == "text/javascript; charset=utf-8"
    assert notice.static_names == {css.group(1), js.group(1)}
    assert notice.static("jreject.css") is None
