"""The pieces the comparison is built from: pairing rows across versions, the longest
run of rows that kept their order, word diffs and cutting them for display."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planner_app.exporting.compare_report import word_diff_text
from planner_app.exporting.compare_words import ELLIPSIS, elide
from planner_app.services.compare_model import word_diff
from planner_app.services.matching import Stage, normalise, pair, unmoved

WORDS = st.lists(st.sampled_from(["de", "FOD", "veilige", "samenleving", "en", "open", "\n"]))


@given(WORDS, WORDS)
@settings(max_examples=200, deadline=None)
def test_a_word_diff_gives_back_both_texts(a, b):
    before, after = " ".join(a), " ".join(b)
    segments = word_diff(before, after)
    assert "".join(t for op, t in segments if op != "+") == before
    assert "".join(t for op, t in segments if op != "-") == after
    assert all(op in "=-+" and text for op, text in segments)


def test_a_word_diff_marks_words_not_letters():
    assert word_diff("een veilige samenleving", "een veilige en open samenleving") == (
        ("=", "een veilige "),
        ("+", "en open "),
        ("=", "samenleving"),
    )
    assert word_diff_text(list(word_diff("a b c", "a x c"))) == "a [-b-] {+x+} c"


def test_elide_keeps_the_words_around_each_change():
    before = " ".join(f"w{n}" for n in range(200))
    after = before.replace("w100 ", "w100 nieuw ")
    cut = elide(word_diff(before, after), context=3)
    text = "".join(t for _op, t in cut)
    assert text.startswith(ELLIPSIS) and text.rstrip().endswith(ELLIPSIS)
    assert "w98 w99 w100 nieuw w101 w102 w103" in text.replace("  ", " ")
    assert len(text.split()) < 20
    long = elide((("-", " ".join(["x"] * 1000)),), limit=50)
    assert len(long[0][1].split()) == 51  # fifty words and the ellipsis


@given(st.lists(st.integers(0, 30), unique=True, max_size=40))
@settings(max_examples=300, deadline=None)
def test_unmoved_is_a_longest_increasing_run(order):
    kept = unmoved(order)
    values = [order[k] for k in sorted(kept)]
    assert values == sorted(values)
    best = [1] * len(order)  # O(n^2): the longest increasing subsequence ending at i
    for i in range(len(order)):
        for j in range(i):
            if order[j] < order[i]:
                best[i] = max(best[i], best[j] + 1)
    assert len(kept) == max(best, default=0)


def test_pair_stages_similarity_and_late_stages():
    before = [("1", "Kaderen: een rechtskader"), ("2", "Migratie"), ("3", "Oud")]
    after = [("1", "Kaderen: een nieuw rechtskader"), ("2", "Nieuw"), ("9", "Migratie")]
    result = pair(
        before,
        after,
        [Stage("title", lambda r: normalise(r[1]))],
        similar=lambda r: normalise(r[1]),
        late=[Stage("code", lambda r: r[0])],
    )
    assert [(b[0], a[0], how) for b, a, how in result.pairs] == [
        ("1", "1", "similar title"),
        ("2", "9", "title"),
    ]
    assert result.removed == (("3", "Oud"),)
    assert result.added == (("2", "Nieuw"),)


def test_normalise_ignores_case_accents_and_punctuation():
    assert normalise("  Coördinatie:  ÉÉN aanpak! ") == "coordinatie een aanpak"
