"""The compliance and privacy gate: every rule over every text of a case, as diagnostics.

Severity: a marketing term in the bank's own voice takes its rule's severity; the same term in
context (quoted, in a blockquote, framed as a scam, negated) or allowed in front matter is info.
Personal data is never softened by context, only by an explicit allowance.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from ..config import Config
from ..diagnostics import Diagnostic, Severity, warning
from ..model import Allowance, Case
from .context import CLAUSE_BREAKS, TextContext
from .hits import Finding, Hit
from .marketing import find_marketing_wording
from .messages import describe, describe_in_channel, unused_allowance
from .privacy import find_personal_data
from .packs import Rule
from .ruleset import RuleSet, load_rule_set
from .settings import ComplianceSettings, read_compliance_settings
from .units import TextUnit, case_units, channel_unit, locate, locate_in_front_matter

UNUSED_ALLOWANCE = "M900"
MARKUP = re.compile(r"[\s*_`>#|~\[\]()]+")


def check_case(case: Case, config: Config) -> list[Diagnostic]:
    """Every compliance and privacy finding for one case, at its file line and column."""
    settings = read_compliance_settings(config)
    return _check_case(case, load_rule_set(settings), public_numbers(settings, config))


def check_cases(cases: Sequence[Case], config: Config) -> list[Diagnostic]:
    """``check_case`` for many cases, reading the settings and the rule packs once."""
    settings = read_compliance_settings(config)
    rules, public = load_rule_set(settings), public_numbers(settings, config)
    return [d for case in cases for d in _check_case(case, rules, public)]


def scan_channel_text(case: Case, channel: str, text: str, config: Config) -> list[Diagnostic]:
    """Findings in the text a channel publishes (page text, spoken script, WeChat text, feed description).

    Diagnostics carry the case's path and the line where the words are written (see source_position); the message names the channel and the line and
    column within ``text``. Wording that sits in a blockquote of the case's Markdown keeps that
    context even when the channel's text no longer shows the blockquote.
    """
    settings = read_compliance_settings(config)
    rules = load_rule_set(settings)
    unit = channel_unit(channel, text)
    findings = collect_findings(case, [unit], rules, public_numbers(settings, config))
    return [
        Diagnostic(case.display_path, *source_position(case, f.hit.matched), f.severity, f.hit.rule.code, describe_in_channel(f, channel))
        for f in findings
    ]


def source_position(case: Case, matched: str) -> tuple[int, int]:
    """Where ``matched`` (found in a channel's text) is written in the case: 1-based line and column.

    Its first occurrence in the body, else the front-matter field that holds it, else the title
    line (words the template added or changed, e.g. numbers read out), so a report never says ``:0:0``.
    """
    index = case.body.find(matched) if matched else -1
    if index >= 0:
        return case.body_line + case.body.count("\n", 0, index), index - (case.body.rfind("\n", 0, index) + 1) + 1
    fields = {"title": case.title, "summary": case.summary, "tags": " ".join(case.tags), "author": case.author or ""}
    for name, value in fields.items():
        if matched and matched in value:
            return case.field_lines.get(name, 1) or 1, 1
    return case.field_lines.get("title", 1) or 1, 1


def public_numbers(settings: ComplianceSettings, config: Config) -> frozenset[str]:
    """Digits of every number the project declares public (hotline, 110, 96110 …), and public e-mails."""
    numbers = settings.public_numbers + ((config.hotline,) if config.hotline else ())
    digits = {re.sub(r"\D", "", n) for n in numbers}
    return frozenset(digits - {""}) | frozenset(settings.public_emails)


def _check_case(case: Case, rules: RuleSet, public: frozenset[str]) -> list[Diagnostic]:
    findings = collect_findings(case, case_units(case), rules, public)
    diagnostics = [to_diagnostic(case, f) for f in findings]
    if UNUSED_ALLOWANCE not in rules.disabled:
        diagnostics += unused_allowances(case, findings)
    return sorted(diagnostics, key=lambda d: (d.line, d.col, d.code))


def collect_findings(case: Case, units: Iterable[TextUnit], rules: RuleSet, public: frozenset[str]) -> list[Finding]:
    """Findings of packs A–D and P in each unit, then pack E over all of them together."""
    units = list(units)
    findings: list[Finding] = []
    for unit in units:
        context = TextContext(unit.text, rules.context, markdown=unit.markdown)
        hits = find_marketing_wording(unit.text, rules, context) + find_personal_data(unit.text, rules, public)
        judged = [judge(hit, unit, case.allow) for hit in hits]
        findings += inherit_blockquotes(judged, case) if unit.derived else judged
    findings = pass_disclaimed_history(findings, units, rules)
    return findings + missing_risk_warnings(findings, units, rules)


def judge(hit: Hit, unit: TextUnit, allow: Sequence[Allowance]) -> Finding:
    allowance = find_allowance(allow, unit.text, hit)
    if allowance is not None:
        return Finding(hit, unit, Severity.INFO, allowance)
    if hit.context and hit.rule.category != "P":
        return Finding(hit, unit, Severity.INFO)
    return Finding(hit, unit, hit.rule.severity)


def find_allowance(allow: Sequence[Allowance], text: str, hit: Hit) -> Allowance | None:
    """The allowance whose term covers the finding where it stands (保本 or 大额存单保本 for 保本),
    or, for a pattern's longer match (年化收益率高达8%), a term of two or more characters inside it."""
    for allowance in allow:
        term = allowance.term
        if not term:
            continue
        if len(term) >= 2 and term in hit.matched:
            return allowance
        pos = text.find(term, max(0, hit.end - len(term)), hit.start + len(term))
        if pos != -1 and pos <= hit.start and pos + len(term) >= hit.end:
            return allowance
    return None


def missing_risk_warnings(findings: list[Finding], units: list[TextUnit], rules: RuleSet) -> list[Finding]:
    """Pack E: own-voice wording of the trigger categories with no risk warning in any unit."""
    result = []
    for rule in rules.risk_rules:
        own = [f for f in findings if f.hit.rule.category in rule.triggers and f.severity is not Severity.INFO]
        if not own or any(has_risk_warning(unit.text, rule, rules) for unit in units):
            continue
        first = own[0]
        words = "、".join(dict.fromkeys(f"“{f.hit.matched}”" for f in own))
        note = f"等用语以本行口吻出现（共{len(own)}处：{words}），而全文没有风险提示"
        hit = Hit(rule, first.hit.start, first.hit.end, first.hit.matched)
        result.append(Finding(hit, first.unit, rule.severity, note=note))
    return result


def has_risk_warning(text: str, rule: Rule, rules: RuleSet) -> bool:
    """A listed warning phrase, or a general warning in other words (a "re:" pattern)."""
    if any(w in text for w in rule.warnings if not w.startswith("re:")):
        return True
    return any(p.search(text) for p in rules.warning_patterns.get(rule.code, ()))


def pass_disclaimed_history(findings: list[Finding], units: list[TextUnit], rules: RuleSet) -> list[Finding]:
    """A return figure worded as a benchmark or past performance (业绩比较基准为3%, 2023年平均年化2.8%)
    is info when the case also says it is no promise (不代表未来表现)."""
    result = []
    for finding in findings:
        rule = finding.hit.rule
        patterns = rules.historical.get(rule.code)
        if patterns and finding.severity is not Severity.INFO and _is_historical(finding, patterns) \
                and any(d in unit.text for unit in units for d in rule.disclaimers):
            hit = finding.hit
            hit = Hit(rule, hit.start, hit.end, hit.matched, "是业绩比较基准或历史业绩的表述，且文中提示其不代表未来表现")
            finding = Finding(hit, finding.unit, Severity.INFO)
        result.append(finding)
    return result


def _is_historical(finding: Finding, patterns: tuple[re.Pattern[str], ...]) -> bool:
    text, hit = finding.unit.text, finding.hit
    lo = max(0, hit.start - 20, text.rfind("。", 0, hit.start) + 1)
    stretch = text[lo:hit.end]
    return any(p.search(stretch) for p in patterns)


def to_diagnostic(case: Case, finding: Finding) -> Diagnostic:
    line, col = locate(case, finding.unit, finding.hit.start, finding.hit.matched)
    return Diagnostic(case.display_path, line, col, finding.severity, finding.hit.rule.code, describe(finding))


def unused_allowances(case: Case, findings: list[Finding]) -> list[Diagnostic]:
    used = {id(f.allowance) for f in findings if f.allowance is not None}
    result = []
    for allowance in case.allow:
        if id(allowance) not in used:
            line, col = locate_in_front_matter(case, "allow", allowance.term)
            message = unused_allowance(allowance.term, allowance.reason)
            result.append(warning(case.display_path, line, col, UNUSED_ALLOWANCE, message))
    return result


def inherit_blockquotes(findings: list[Finding], case: Case) -> list[Finding]:
    """A channel finding whose surroundings are quoted in a blockquote of the case body is info."""
    quoted = blockquote_text(case.body)
    if not quoted:
        return findings
    result = []
    for finding in findings:
        if finding.severity is not Severity.INFO and finding.hit.rule.category not in ("P", "E"):
            snippet = _snippet(finding)
            if snippet and snippet in quoted:
                hit = finding.hit
                hit = Hit(hit.rule, hit.start, hit.end, hit.matched, "在原文中位于引用块内")
                finding = Finding(hit, finding.unit, Severity.INFO)
        result.append(finding)
    return result


def blockquote_text(body: str) -> str:
    lines = [line for line in body.splitlines() if line.lstrip(" \t").startswith(">")]
    return MARKUP.sub("", "\n".join(lines))


def _snippet(finding: Finding) -> str | None:
    """The finding with up to 4 characters either side, within its clause; None if too little context."""
    text, hit = finding.unit.text, finding.hit
    lo = hit.start
    while lo > max(0, hit.start - 4) and text[lo - 1] not in CLAUSE_BREAKS:
        lo -= 1
    hi = hit.end
    while hi < min(len(text), hit.end + 4) and text[hi] not in CLAUSE_BREAKS:
        hi += 1
    snippet = MARKUP.sub("", text[lo:hi])
    return snippet if len(snippet) >= len(hit.matched) + 2 else None
