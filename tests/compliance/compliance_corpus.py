"""Score the gate against the labelled corpus: precision and recall per rule, severity mismatches.

Run directly to print the table:  .venv/bin/python tests/compliance/compliance_corpus.py
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from compliance_helpers import make_case, repo_config  # noqa: E402

from casecast.compliance.gate import collect_findings, public_numbers  # noqa: E402
from casecast.compliance.ruleset import load_rule_set  # noqa: E402
from casecast.compliance.settings import read_compliance_settings  # noqa: E402
from casecast.compliance.units import case_units  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpus.yml"
CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
HELD_OUT = "held-out"


@dataclass(frozen=True)
class Label:
    code: str
    severity: str
    matched: str | None = None

    @classmethod
    def parse(cls, text: str) -> "Label":
        code, severity, *rest = text.split(" ", 2)
        return cls(code, severity, rest[0] if rest else None)

    def __str__(self) -> str:
        return " ".join(x for x in (self.code, self.severity, self.matched) if x)


@dataclass
class Score:
    snippets: int = 0
    true_pos: Counter = field(default_factory=Counter)
    false_pos: list[tuple[str, Label]] = field(default_factory=list)
    false_neg: list[tuple[str, Label]] = field(default_factory=list)
    severity_mismatches: list[tuple[str, Label, str]] = field(default_factory=list)
    known: set[str] = field(default_factory=set)  # ids of known-limitation snippets
    found_in: Counter = field(default_factory=Counter)  # snippet id → labelled findings found
    traps: set[str] = field(default_factory=set)  # ids of snippets where nothing may be an error or warning
    tags: dict[str, str] = field(default_factory=dict)  # snippet id → the tag it tests (corpus/*.yml)

    def mandatory(self, items: list) -> list:
        """The items that do not come from a known-limitation snippet."""
        return [item for item in items if item[0] not in self.known]

    def precision(self, code: str) -> float:
        tp, fp = self.true_pos[code], sum(1 for _, l in self.false_pos if l.code == code)
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, code: str) -> float:
        tp, fn = self.true_pos[code], sum(1 for _, l in self.false_neg if l.code == code)
        return tp / (tp + fn) if tp + fn else 1.0

    def false_alarm_traps(self) -> set[str]:
        """Traps in which the gate reported an error or a warning."""
        return {i for i, label in self.false_pos if i in self.traps and label.severity in ("error", "warning")}

    def tag_rows(self) -> list[tuple[str, int, int, int, int]]:
        """(tag, labelled findings found, missed, traps, traps with a false alarm) per tag."""
        alarms = self.false_alarm_traps()
        rows = []
        for tag in sorted(set(self.tags.values())):
            ids = {i for i, t in self.tags.items() if t == tag}
            missed = sum(1 for i, _ in self.false_neg if i in ids)
            found = sum(self.found_in.get(i, 0) for i in ids)
            traps = ids & self.traps
            rows.append((tag, found, missed, len(traps), len(traps & alarms)))
        return rows

    def codes(self) -> list[str]:
        seen = set(self.true_pos) | {l.code for _, l in self.false_pos + self.false_neg}
        return sorted(seen)


def load_corpus() -> list[dict]:
    """corpus.yml (every finding labelled, info included) and corpus/*.yml (errors and warnings
    labelled; info is not scored). Each entry gets ``slice``: classic, tune or held-out."""
    entries = [dict(e, slice="classic") for e in yaml.safe_load(CORPUS.read_text(encoding="utf-8"))]
    for path in sorted(CORPUS_DIR.glob("*.yml")):
        part = HELD_OUT if path.stem == HELD_OUT else "tune"
        entries += [dict(e, slice=part, ignore_info=True) for e in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return entries


TRAP_ID = re.compile(r"-t\d+$")


def is_trap(entry: dict) -> bool:
    """A snippet that tempts the gate: any error or warning beyond its labels is a false alarm.
    In corpus/*.yml ids end in -tNN (traps) or -vNN (violations); in corpus.yml a trap is a
    snippet with no error or warning labelled."""
    if entry.get("tag"):
        return bool(TRAP_ID.search(entry["id"]))
    return not any(Label.parse(e).severity in ("error", "warning") for e in entry.get("expect") or [])


def findings_for(entry: dict, config) -> list[Label]:  # noqa: ANN001
    """What the gate reports for one snippet, as labels."""
    where = entry.get("field", "body")
    fields = {"title": "示例案例", "summary": "一个用于测试的示例案例。"}
    body = entry["text"] if where == "body" else ""
    if where != "body":
        fields[where] = entry["text"]
    allow = tuple((a["term"], a["reason"]) for a in entry.get("allow", ()))
    case = make_case(body, allow=allow, **fields)
    settings = read_compliance_settings(config)
    rules = load_rule_set(settings)
    found = collect_findings(case, case_units(case), rules, public_numbers(settings, config))
    return [Label(f.hit.rule.code, f.severity.value, f.hit.matched) for f in found]


def score_entry(entry: dict, found: list[Label], score: Score) -> None:
    expected = [Label.parse(e) for e in entry.get("expect") or []]
    if entry.get("ignore_info"):
        found = [f for f in found if f.severity != "info"]
    left = list(found)
    pairs = []
    for exact in (True, False):
        for label in [e for e in expected if (e.matched is not None) == exact]:
            match = _take(left, label, exact)
            if match is None:
                score.false_neg.append((entry["id"], label))
            else:
                pairs.append((label, match))
    for label, match in pairs:
        score.true_pos[label.code] += 1
        score.found_in[entry["id"]] += 1
        if label.severity != match.severity:
            score.severity_mismatches.append((entry["id"], label, match.severity))
    score.false_pos += [(entry["id"], label) for label in left]


def _take(found: list[Label], label: Label, exact: bool) -> Label | None:
    candidates = [f for f in found if f.code == label.code and (not exact or f.matched == label.matched)]
    candidates.sort(key=lambda f: f.severity != label.severity)
    if not candidates:
        return None
    found.remove(candidates[0])
    return candidates[0]


def evaluate_corpus(slices: tuple[str, ...] = ("classic", "tune", HELD_OUT)) -> Score:
    config = repo_config()
    score = Score()
    for entry in load_corpus():
        if entry["slice"] not in slices:
            continue
        score.snippets += 1
        if is_trap(entry):
            score.traps.add(entry["id"])
        if entry.get("tag"):
            score.tags[entry["id"]] = entry["tag"]
        if entry.get("known_limitation"):
            score.known.add(entry["id"])
        score_entry(entry, findings_for(entry, config), score)
    return score


def format_score(score: Score) -> str:
    alarms = len(score.false_alarm_traps())
    lines = [f"compliance corpus: {score.snippets} snippets, {len(score.traps)} traps, "
             f"false alarms on {alarms} traps ({alarms / max(len(score.traps), 1):.1%})", f"{'rule':<6} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}"]
    for code in score.codes():
        fp = sum(1 for _, l in score.false_pos if l.code == code)
        fn = sum(1 for _, l in score.false_neg if l.code == code)
        lines.append(f"{code:<6} {score.true_pos[code]:>4} {fp:>4} {fn:>4} {score.precision(code):>10.2f} {score.recall(code):>8.2f}")
    tp = sum(score.true_pos.values())
    fp, fn = len(score.false_pos), len(score.false_neg)
    lines.append(f"{'all':<6} {tp:>4} {fp:>4} {fn:>4} {tp / max(tp + fp, 1):>10.2f} {tp / max(tp + fn, 1):>8.2f}")
    if score.tags:
        lines.append(f"{'tag':<14} {'found':>5} {'missed':>6} {'recall':>7} {'traps':>6} {'alarms':>6}")
        for tag, found, missed, traps, alarms in score.tag_rows():
            lines.append(f"{tag:<14} {found:>5} {missed:>6} {found / max(found + missed, 1):>7.2f} {traps:>6} {alarms:>6}")
    agreed = tp - len(score.severity_mismatches)
    lines.append(f"severity agrees on {agreed} of {tp} detected findings")
    mark = lambda i: " (known limitation)" if i in score.known else ""  # noqa: E731
    lines += [f"  false positive in {i}{mark(i)}: {l}" for i, l in score.false_pos]
    lines += [f"  missed in {i}{mark(i)}: {l}" for i, l in score.false_neg]
    lines += [f"  severity in {i}{mark(i)}: expected {l}, got {s}" for i, l, s in score.severity_mismatches]
    return "\n".join(lines)


if __name__ == "__main__":
    print("== tuning slices (corpus.yml and corpus/*.yml except held-out.yml)")
    print(format_score(evaluate_corpus(("classic", "tune"))))
    print("\n== held-out slice (corpus/held-out.yml, never tuned on)")
    print(format_score(evaluate_corpus((HELD_OUT,))))
