"""The importer's scans written for speed find exactly what the patterns they replace find.

Each faster form (a literal first so the regex engine skips ahead, a few `in` tests instead of a
character class, a substitution skipped when its pattern cannot match) is compared with the form
it stands for, kept here as the reference, on generated text built from the characters that matter.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from report_copilot.inputs.published import normalize, sections
from report_copilot.inputs.published.textlines import has_wide_digit, narrow_figures

_REFERENCE_OPEN_NOTE = re.compile(r"(?<=.)\((?![^()]*\d[.、]\D)[^()]{4,}$")
_REFERENCE_WIDE_DIGIT = re.compile("[０-９]")

_NOTE_TEXT = st.text(alphabet="()（）\n 1２.、，予以公开部分#*_|一三", max_size=40)


@settings(max_examples=3000, deadline=None)
@given(_NOTE_TEXT)
def test_open_note_removes_what_the_reference_removes(text: str) -> None:
    assert normalize._OPEN_NOTE.sub("", text) == _REFERENCE_OPEN_NOTE.sub("", text)
    assert normalize.norm_label(text) == _reference_norm_label(text)


def _reference_norm_label(text: str) -> str:
    text = "".join(normalize.nfkc(text).split())
    text = normalize._QUOTES.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, normalize._NOTE.sub("", text)
    return _REFERENCE_OPEN_NOTE.sub("", text)


def test_open_note_on_labels_as_printed() -> None:
    for label in (
        "部分公开(区分处理的，只计这一情形",
        "(一)予以公开(区分处理的",
        "\n(区分处理的，",
        "a(1.属于国家秘密",
    ):
        assert normalize._OPEN_NOTE.sub("", label) == _REFERENCE_OPEN_NOTE.sub("", label)
    assert normalize._OPEN_NOTE.sub("", "部分公开(区分处理的，只计这一情形") == "部分公开"


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="0１９０９５ａ中．.\n", max_size=30))
def test_wide_digit_test_is_the_class(text: str) -> None:
    assert has_wide_digit(text) == (_REFERENCE_WIDE_DIGIT.search(text) is not None)
    lines = text.split("\n")
    wide = _REFERENCE_WIDE_DIGIT.search("\n".join(lines)) is not None
    assert (narrow_figures(lines) is lines) == (not wide)
    assert normalize.prose_spacing_lines(lines) == [normalize.prose_spacing(line) for line in lines]


def test_every_wide_digit_is_found() -> None:
    for code in range(0xFF00, 0xFF20):
        assert has_wide_digit(f"第{chr(code)}项") == (_REFERENCE_WIDE_DIGIT.search(chr(code)) is not None)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="一三六、.． #*_|总体情况主动公开", max_size=24), st.sampled_from(["", "\n四、其他"]))
def test_headings_read_as_with_markup_always_removed(line: str, more: str) -> None:
    lines = [line, *more.split("\n")[1:]]
    found = [(i, m.groups()) for i, m in sections._headings(lines)]
    reference = []
    for i, text in enumerate(lines):
        if sections._MAYBE_HEADING.search(normalize.nfkc(text)):
            m = sections._HEADING.match(sections._MARKUP.sub("", "".join(normalize.nfkc(text).split())))
            if m:
                reference.append((i, m.groups()))
    assert found == reference
