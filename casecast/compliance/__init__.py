"""The compliance and privacy gate: marketing-law wording (packs A–E) and personal data (pack P).

Rule packs are YAML data in ``casecast/data/compliance/``; a project adds or overrides rules with
files listed under ``extra.casecast.compliance.packs`` in mkdocs.yml.

    check_case(case, config)                      -> list[Diagnostic]
    check_cases(cases, config)                    -> list[Diagnostic]
    scan_channel_text(case, channel, text, config) -> list[Diagnostic]
"""

from __future__ import annotations

from .gate import check_case, check_cases, scan_channel_text
from .ruleset import RuleSet, load_rule_set
from .settings import ComplianceSettings, read_compliance_settings

__all__ = [
    "ComplianceSettings",
    "RuleSet",
    "check_case",
    "check_cases",
    "load_rule_set",
    "read_compliance_settings",
    "scan_channel_text",
]
