"""Letterboxd's review HTML turned into plain paragraphs."""

from __future__ import annotations

import pytest

from journal.letterboxd.review_html import review_to_text


@pytest.mark.parametrize(
    ("review", "text"),
    [
        ("", ""),
        ("   ", ""),
        ("Just words.", "Just words."),
        ("One\r\nTwo\r\n\r\n\r\n\r\nThree  ", "One\nTwo\n\nThree"),
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("<p>One<br>two<br />three</p>", "One\ntwo\nthree"),
        ("<p>Wrapped\nsource   line</p>\n\n<p>Next</p>", "Wrapped source line\n\nNext"),
        ("<i>Leans</i> <b>in</b>, <em>slowly</em> <strong>now</strong>", "Leans in, slowly now"),
        ("<i>Italic only</i>\nsecond line", "Italic only\nsecond line"),
        (
            "Tom &amp; Jerry &lt;3 &quot;q&quot; &#8217; &#x2014; &hellip;",
            'Tom & Jerry <3 "q" ’ — …',
        ),
        ('<a href="https://boxd.it/x">an essay</a>', "an essay (https://boxd.it/x)"),
        ('<a href="https://boxd.it/x">https://boxd.it/x</a>', "https://boxd.it/x"),
        ("<blockquote>Quoted line</blockquote>After", "Quoted line\n\nAfter"),
        ("<p>Before</p><script>alert(1)</script><p>After</p>", "Before\n\nAfter"),
        ("I love it <3 and 2 < 3", "I love it <3 and 2 < 3"),
    ],
)
def test_review_html_becomes_plain_paragraphs(review: str, text: str) -> None:
    assert review_to_text(review) == text
