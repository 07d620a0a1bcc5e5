"""The labelled corpus: every rule has true positives, no personal data is missed, severities hold."""

from __future__ import annotations

import pytest
from compliance_report import record_corpus_report
from compliance_corpus import HELD_OUT, Label, evaluate_corpus, format_score, is_trap, load_corpus

from casecast.compliance import load_rule_set, read_compliance_settings
from compliance_helpers import repo_config


PERSONAL_TAGS = {"name", "landline", "address", "id15", "passport", "plate", "qq", "wechat", "email", "mobile"}
MARKETING_TAGS = {"speaker", "authority", "segmentation", "risk-warning", "return-figure", "guaranteed", "endorsement"}


@pytest.fixture(scope="module")
def score():
    result = evaluate_corpus()
    tuned, held = evaluate_corpus(("classic", "tune")), evaluate_corpus((HELD_OUT,))
    report = f"tuning slices:\n{format_score(tuned)}\n\nheld-out slice (never tuned on):\n{format_score(held)}"
    print("\n" + report)  # shown with pytest -s
    record_corpus_report(report)  # shown in the terminal summary
    return result


@pytest.fixture(scope="module")
def held_out():
    return evaluate_corpus((HELD_OUT,))


def test_corpus_has_four_hundred_new_snippets_half_violations_half_traps():
    tagged = [e for e in load_corpus() if e.get("tag")]
    traps = [e for e in tagged if is_trap(e)]
    assert len(tagged) >= 400
    assert 0.4 <= len(traps) / len(tagged) <= 0.6


def test_corpus_has_every_tag_on_both_sides_in_tuning_and_held_out_slices():
    for part in ("tune", HELD_OUT):
        entries = [e for e in load_corpus() if e["slice"] == part]
        for tag in PERSONAL_TAGS | MARKETING_TAGS:
            kinds = {is_trap(e) for e in entries if e.get("tag") == tag}
            assert kinds == {True, False}, (part, tag)


def test_corpus_false_alarm_rate_on_traps_is_at_most_one_percent(score):
    assert len(score.false_alarm_traps() - score.known) <= 0.01 * len(score.traps)


def test_corpus_recall_is_complete_on_personal_tags_and_high_on_marketing_tags(score):
    for tag, found, missed, _, _ in score.tag_rows():
        recall = found / max(found + missed, 1)
        assert recall >= (1.0 if tag in PERSONAL_TAGS else 0.98), (tag, found, missed)


def test_held_out_slice_misses_no_personal_datum_and_raises_no_false_alarm(held_out):
    assert [(i, str(l)) for i, l in held_out.false_neg if l.code.startswith("P")] == []
    assert sorted(held_out.false_alarm_traps()) == []


def test_corpus_has_at_least_forty_snippets_with_unique_ids():
    ids = [entry["id"] for entry in load_corpus()]
    assert len(ids) >= 40
    assert len(ids) == len(set(ids))


def test_corpus_has_a_true_positive_in_the_banks_voice_for_every_rule():  # noqa: D103
    rules = load_rule_set(read_compliance_settings(repo_config())).rules
    labelled = {
        Label.parse(e).code
        for entry in load_corpus() if not entry.get("known_limitation")
        for e in entry.get("expect") or [] if Label.parse(e).severity != "info"
    }
    assert set(rules) - labelled == set()


def test_corpus_covers_every_context_and_non_personal_number():
    ids = {entry["id"] for entry in load_corpus()}
    for needed in ("b-blockquote-pitch", "b-so-called-ascii-quotes", "b-corner-brackets", "b-curly-single-quotes",
                   "b-ascii-double-quotes", "b-negations", "b-bait", "b-scammer-said", "ctx-claimed",
                   "p-mobile-masked", "p-id-number-masked", "p-hotlines", "p-dates-and-amounts", "p-order-and-serial-numbers"):
        assert needed in ids


def test_corpus_misses_no_personal_data_item(score):
    missed = [(i, str(l)) for i, l in score.false_neg if l.code.startswith("P")]
    assert missed == []


def test_corpus_reports_no_personal_data_where_there_is_none(score):
    assert [(i, str(l)) for i, l in score.false_pos if l.code.startswith("P")] == []


def test_corpus_severities_match_outside_known_limitations(score):
    assert [(i, str(l), s) for i, l, s in score.mandatory(score.severity_mismatches)] == []


def test_corpus_marketing_findings_all_found_outside_known_limitations(score):
    assert [(i, str(l)) for i, l in score.mandatory(score.false_neg)] == []
    assert [(i, str(l)) for i, l in score.mandatory(score.false_pos)] == []


def test_corpus_overall_precision_and_recall_stay_high_with_known_limitations(score):
    tp = sum(score.true_pos.values())
    assert tp / (tp + len(score.false_pos)) >= 0.95
    assert tp / (tp + len(score.false_neg)) >= 0.9
