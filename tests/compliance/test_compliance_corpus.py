"""The labelled corpus: every rule has true positives, no personal data is missed, severities hold."""

from __future__ import annotations

import pytest
from compliance_report import record_corpus_report
from compliance_corpus import Label, evaluate_corpus, format_score, load_corpus

from casecast.compliance import load_rule_set, read_compliance_settings
from compliance_helpers import repo_config


@pytest.fixture(scope="module")
def score():
    result = evaluate_corpus()
    report = format_score(result)
    print("\n" + report)  # shown with pytest -s
    record_corpus_report(report)  # shown in the terminal summary
    return result


def test_corpus_has_at_least_forty_snippets_with_unique_ids():
    ids = [entry["id"] for entry in load_corpus()]
    assert len(ids) >= 40
    assert len(ids) == len(set(ids))


def test_corpus_has_a_true_positive_in_the_banks_voice_for_every_rule():
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
