"""Emerging terms: G² worked out by hand on small corpora, Chinese segmentation with a stop words file, and
the service over two months of complaints on both engines."""

from collections import Counter
from datetime import date

import pytest

from aftersales.domain.errors import DeskError
from aftersales.domain.quality.terms import (
    BUILTIN_STOP_WORDS,
    TermRise,
    clauses,
    g2,
    period_days,
    rising_terms,
    stop_words_from,
    tokens,
    words_and_phrases,
)
from aftersales.services.quality.segment import CACHE_FILE, chinese_cut, segmenter_in
from aftersales.services.quality.terms import emerging_terms, stop_words
from aftersales.store.models import Complaint

from .factories import seed_shops, seed_staff
from .report_factories import local, put_complaint


def test_g2_of_a_two_by_two_table_worked_by_hand():
    # Term 6 of 20 tokens now, 1 of 30 before. Expected counts from the margins (N = 50, term 7, rest 43):
    # 2.8, 4.2, 17.2, 25.8; G² = 2 (6 ln(6/2.8) + 1 ln(1/4.2) + 14 ln(14/17.2) + 29 ln(29/25.8))
    #    = 2 (4.572841 − 1.435085 − 2.881934 + 3.390713) = 7.29307.
    assert g2(6, 1, 20, 30) == pytest.approx(7.29307, abs=1e-4)
    # A term absent before: its empty cell adds nothing. 12 of 66 now, 0 of 60 before (N = 126):
    # expected 6.285714, 5.714286, 59.714286, 54.285714;
    # G² = 2 (12 ln 1.909091 + 54 ln 0.904306 + 60 ln 1.105263) = 2 (7.759527 − 5.431644 + 6.004980) = 16.6657.
    assert g2(12, 0, 66, 60) == pytest.approx(16.6657, abs=1e-3)
    assert g2(3, 0, 10, 0) == 0.0


def test_rising_terms_keep_significant_rises_only():
    now = Counter({"漏水": 12, "沙发": 30, "门锁": 24, "少见": 4})
    before = Counter({"沙发": 40, "门锁": 20})
    # Totals: now 70, before 60 (N = 130). 漏水 12/70 against 0/60: expected 6.461538, 5.538462, 63.538462,
    # 54.461538; G² = 2 (12 ln 1.857143 + 58 ln 0.912833 + 60 ln 1.101695) = 2 (7.428470 − 5.289490 + 5.810990)
    #    = 15.8999.
    # 沙发 fell (30/70 < 40/60); 门锁 rose a little (24/70 against 20/60): G² ≈ 0.03, under 10.83;
    # 少见 is under the minimum of 5; with a minimum of 3 its G² is
    # 2 (4 ln 1.857143 + 66 ln 0.972789 + 60 ln 1.031746) = 2 (2.476157 − 1.820808 + 1.875180) = 5.0611.
    assert rising_terms(now, before) == [TermRise("漏水", 12, 0, pytest.approx(15.8999, abs=1e-3))]
    assert [rise.term for rise in rising_terms(now, before, threshold=0.0)] == ["漏水", "门锁"]
    assert [rise.term for rise in rising_terms(now, before, minimum=3, threshold=4.0)] == ["漏水", "少见"]


def test_totals_may_be_given_when_the_counters_hold_only_some_tokens():
    # 6 of 20 against 1 of 30, as in the first table: 7.29 is under the threshold, over 5.
    now, before = Counter({"x": 6}), Counter({"x": 1})
    assert rising_terms(now, before, now_total=20, before_total=30) == []
    assert rising_terms(now, before, threshold=5.0, now_total=20, before_total=30)[0].g2 == pytest.approx(7.29307,
                                                                                                          abs=1e-4)


def test_chinese_is_segmented_and_stop_words_punctuation_and_numbers_dropped():
    found = tokens("沙发的扶手开裂了，3天没人管! Door hinge broken", chinese_cut)
    assert found[:5] == ["沙发", "的", "扶手", "开裂", "了"]
    assert found[-3:] == ["door", "hinge", "broken"]
    words, phrases = words_and_phrases(found, BUILTIN_STOP_WORDS)
    assert "的" not in words and "3" not in words and "，" not in words
    assert {"扶手", "开裂", "door", "hinge", "broken"} <= set(words)
    # Phrases are adjacent kept words: 的 and the comma break them, Latin words join with a space.
    assert {"扶手开裂", "door hinge", "hinge broken"} <= set(phrases)
    assert "沙发扶手" not in phrases


def test_a_stop_words_file_adds_to_the_built_in_list(tmp_path):
    path = tmp_path / "stop.txt"
    path.write_text("# words the desk does not want\n扶手 开裂  # both\nHinge\n", encoding="utf-8")
    chosen = stop_words(path)
    assert {"扶手", "开裂", "hinge", "的"} <= chosen
    words, phrases = words_and_phrases(tokens("沙发的扶手开裂了，door hinge broken", chinese_cut), chosen)
    assert words == ["沙发", "door", "broken"]
    assert phrases == []
    assert stop_words_from("a b\n\n  c # d\n") == frozenset({"a", "b", "c"})


def test_an_unreadable_stop_words_file_is_refused(tmp_path):
    with pytest.raises(DeskError) as refused:
        stop_words(tmp_path / "missing.txt")
    assert refused.value.key == "quality_terms.error.stop_words"


def test_clauses_cut_at_punctuation_only():
    assert clauses("沙发开裂，要求换货。 It's late!") == ["沙发开裂", "要求换货", " It's late"]


def test_the_dictionary_cache_goes_to_the_folder_given(tmp_path):
    cut = segmenter_in(tmp_path / "cache")
    assert cut("沙发开裂") == ["沙发", "开裂"]
    assert (tmp_path / "cache" / CACHE_FILE).is_file()


def test_periods_and_the_one_before():
    assert period_days("2026-01") == (date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1))
    assert period_days("2026-W10", "week") == (date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 9))
    for period, grain in (("2026-13", "month"), ("2026-W54", "week"), ("2026-10", "day"), ("oct", "month")):
        with pytest.raises(DeskError) as refused:
            period_days(period, grain)
        assert refused.value.key == "quality_terms.error.bad_period"


def _said(created, text: str, product: str) -> int:
    complaint = put_complaint(created, product=product)
    Complaint.update(description=text).where(Complaint.id == complaint).execute()
    return complaint


@pytest.fixture
def two_months(db_target: str) -> list[int]:
    """September: 20 × "Sofa arrived late." on a 布艺沙发. October: 10 of those, and 12 × "Door hinge broken!"
    on a 木门 (their ids returned)."""
    seed_staff()
    seed_shops()
    for day in range(1, 21):
        _said(local(date(2026, 9, day)), "Sofa arrived late.", "布艺沙发")
    for day in range(1, 11):
        _said(local(date(2026, 10, day)), "Sofa arrived late.", "布艺沙发")
    return [_said(local(date(2026, 10, 10 + day)), "Door hinge broken!", "木门") for day in range(1, 13)]


def test_words_phrases_and_products_that_rose(two_months):
    found = emerging_terms("2026-10")
    # Words: now 30 + 36 = 66 tokens, before 60; door, hinge and broken are each 12 against 0: G² 16.6657 (above).
    # Phrases: now 20 + 24 = 44, before 40; "door hinge" and "hinge broken" 12 against 0, expected 6.285714,
    # 5.714286, 37.714286, 34.285714: G² = 2 (12 ln 1.909091 + 32 ln 0.848485 + 40 ln 1.166667)
    #   = 2 (7.759527 − 5.256651 + 6.166044) = 17.3358.
    # Products: now 22, before 20; 木门 12 against 0, expected 6.285714, 5.714286, 15.714286, 14.285714:
    # G² = 2 (12 ln 1.909091 + 10 ln 0.636364 + 20 ln 1.4) = 2 (7.759527 − 4.519851 + 6.729445) = 19.9382.
    assert [(view.term, view.kind, view.now, view.before) for view in found] == [
        ("broken", "word", 12, 0), ("door", "word", 12, 0), ("hinge", "word", 12, 0),
        ("door hinge", "phrase", 12, 0), ("hinge broken", "phrase", 12, 0), ("木门", "product", 12, 0)]
    assert [round(view.g2, 3) for view in found] == [pytest.approx(value, abs=2e-3) for value in
                                                     (16.666, 16.666, 16.666, 17.336, 17.336, 19.938)]
    newest_first = sorted(two_months, reverse=True)
    assert all(view.complaint_ids == newest_first and view.complaints == 12 for view in found)


def test_stop_words_of_the_settings_file_are_never_terms(two_months, tmp_path):
    path = tmp_path / "stop.txt"
    path.write_text("hinge\n", encoding="utf-8")
    found = emerging_terms("2026-10", stop_words_file=path)
    # hinge gone, and with it both phrases (a dropped word breaks a phrase); door now 12 of 54 against 0 of 60
    # (N = 114): expected 5.684211, 6.315789, 48.315789, 53.684211;
    # G² = 2 (12 ln 2.111111 + 42 ln 0.869281 + 60 ln 1.117647) = 2 (8.966568 − 5.883738 + 6.673560) = 19.5128.
    assert [(view.term, view.kind) for view in found] == [("broken", "word"), ("door", "word"), ("木门", "product")]
    assert found[0].g2 == pytest.approx(19.5128, abs=1e-3)


def test_a_month_with_nothing_before_reports_nothing(two_months):
    assert emerging_terms("2026-09") == []
    assert emerging_terms("2027-01") == []


def test_weeks_against_the_week_before(two_months):
    found = emerging_terms("2026-W42", "week")
    # Week 42 is 12–18 October: 7 door complaints; week 41 (5–11 October): 6 sofa ones and 1 door one.
    # door: 7 of 21 words against 1 of 21; expected 4, 4, 17, 17:
    # G² = 2 (7 ln 1.75 + ln 0.25 + 14 ln(14/17) + 20 ln(20/17)) = 2 (3.917311 − 1.386294 − 2.718185 + 3.250378)
    #    = 6.1264, under 10.83 (and the phrases, 7 of 14 against 1 of 14, 6.89).
    # 木门: 7 of 7 products against 1 of 7; expected 4, 4, 3, 3: G² = 2 (7 ln 1.75 + ln 0.25 + 6 ln 2)
    #    = 2 (3.917311 − 1.386294 + 4.158883) = 13.3798.
    assert [(view.term, view.kind, view.now, view.before) for view in found] == [("木门", "product", 7, 1)]
    assert found[0].g2 == pytest.approx(13.3798, abs=1e-3)
    assert found[0].complaint_ids == sorted(two_months[1:8], reverse=True)
