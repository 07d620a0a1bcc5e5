"""The words of each finding: category, what was found, why it matters, and the legal basis.

Personal data is masked in messages too, so a CI log never republishes what the gate caught.
"""

from __future__ import annotations

import re

from ..diagnostics import Severity
from .hits import Finding


def describe(finding: Finding) -> str:
    """The message of one finding (without position, severity or code)."""
    hit, rule = finding.hit, finding.hit.rule
    if rule.category == "P":
        head = f"{rule.label}：“{mask(hit.matched)}”（此处已遮盖显示）"
    else:
        head = f"{rule.label}：“{hit.matched}”"
    basis = f"依据：{rule.basis}"
    if finding.allowance is not None:
        return f"{head} 已在 front matter 的 allow 中放行（理由：{finding.allowance.reason}）。{basis}"
    if finding.note:
        return f"{head}{finding.note}——{rule.message}。{basis}"
    if hit.context and finding.severity is Severity.INFO:
        return f"{head}{hit.context}，按转述处理，不视为本行的宣传用语。{basis}"
    return f"{head}——{rule.message}。{basis}"


def describe_in_channel(finding: Finding, channel: str) -> str:
    """A channel finding names the channel and where in its text the finding is."""
    from .units import text_position

    line, col = text_position(finding.unit.text, finding.hit.start)
    return f"[{channel}] {describe(finding)}（见该渠道文本第{line + 1}行第{col}列）"


def mask(value: str) -> str:
    """138****5678 for numbers, zh***@… for e-mail, 张** for names, 京A***** for plates and IDs,
    the first characters of an address: a message never repeats the datum in full."""
    if "@" in value or "＠" in value:
        local, domain = re.split("[@＠]", value, maxsplit=1)
        return f"{local[:2]}***@{domain}"
    compact = re.sub(r"[\s\-()（）\u200b-\u200d\u2060\ufeff]", "", value)
    if compact[:1].isdigit() and len(compact) >= 8:
        return compact[:3] + "*" * (len(compact) - 7) + compact[-4:]
    if len(value) <= 4:
        return value[0] + "*" * (len(value) - 1)
    if re.search("[A-Za-z0-9]", value) and len(value) <= 20:
        return compact[:2] + "*" * (len(compact) - 2)
    return value[:4] + "…"


def unused_allowance(term: str, reason: str) -> str:
    return (
        f"allow 中的“{term}”（理由：{reason}）在本案中没有对应的合规发现；"
        "若已不再需要，请删除这一条，以免日后放行新的问题"
    )
