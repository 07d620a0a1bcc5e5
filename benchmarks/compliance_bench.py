"""Benchmark: how many cases per second the compliance and privacy gate checks.

Builds 1,000 synthetic cases in memory (about 1,800 characters each, with quoted scam pitches,
blockquotes, hotlines, amounts, dates, masked and unmasked personal data, and some own-voice
violations), then times ``check_cases`` over them, and ``scan_channel_text`` over their bodies.
Then scores the gate on the labelled corpus in tests/compliance: precision and recall per rule,
recall and false alarms per tag, for the tuning slices and the held-out slice separately.

    .venv/bin/python benchmarks/compliance_bench.py [--cases 1000] [--rounds 3] [--no-corpus]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path
from types import MappingProxyType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casecast.compliance import check_cases, load_rule_set, read_compliance_settings, scan_channel_text  # noqa: E402
from casecast.compliance.ruleset import _compile_cached  # noqa: E402
from casecast.compliance.segment import clear_caches, tagged_words  # noqa: E402
from casecast.config import load_config  # noqa: E402
from casecast.model import Allowance, Case, Section  # noqa: E402

STORY = [
    "{month}月{day}日，{who}接到自称“客服”的电话，对方说：“您的订单出了问题，我们给您退款{amount}元。”",
    "> 骗子说：“我们平台保本保息，年化收益高达{rate}%，稳赚不赔，还有国资背景。”",
    "{who}按对方要求下载了一个软件，屏幕共享后，银行卡（尾号{tail}）里的{amount}元被转走。",
    "事后{who}拨打95574和110求助，民警介绍，这类骗局以“高额回报”为诱饵，专挑老年人下手。",
    "交易记录显示，订单号{order}，转账时间为{date}，金额{amount}元。",
    "对方留下的联系电话是138****{tail}，身份证号也只显示310***********{tail}。",
]
ANALYSIS = [
    "所谓“零风险、高收益”都是骗局。正规金融机构不会承诺保本，也不存在稳赚不赔的理财。",
    "高收益必然伴随高风险。骗子号称“央行认证”“政府背书”，其实都是编造的。",
    "第一步，挂断电话；第一时间拨打官方客服热线核实。最好先和家人商量。",
    "| 项目 | 说法 |\n|---|---|\n| 收益 | “每月返利3%” |\n| 风险 | 本金可能全部损失 |",
]
PLAIN = [
    "{who}今年{age}岁，平时喜欢在小区里和邻居聊天，对手机上的新鲜事物很好奇，也常在网上看理财视频。",
    "银行工作人员提醒，任何以“安全账户”“资金监管”为名要求转账的，都是诈骗。正规机构不会通过电话索要验证码。",
    "遇到自称公检法、客服或领导的陌生来电，要先挂断，再通过官方渠道核实。大额转账前，多问一句，多等一天。",
    "非法集资往往先给小甜头，再骗大钱。早期的“返利”其实来自后加入者的本金，资金链一断，参与者血本无归。",
    "据统计，2023年全国公安机关共破获电信网络诈骗案件43.7万起，其中老年人受骗占比较高。",
    "个人信息要保护好：身份证、银行卡、验证码都不要交给他人，也不要出租、出借、出售自己的银行账户。",
]
TIPS = [
    "投资有风险，理财需谨慎。遇到可疑情况，请拨打96110或12378。",
    "- 不轻信\n  - 不转账\n    - 不透露验证码",
]
VIOLATIONS = [
    "我行理财产品收益最高，绝对安全。",
    "联系客户经理：13912345678。",
    "身份证号11010519491231002X已登记。",
    "卡号6222021234567890128。",
    "本产品保本保息，零风险。",
]


def synthetic_body(rng: random.Random) -> str:
    values = {
        "who": rng.choice(["王阿姨", "李先生", "张大爷", "小陈"]),
        "month": rng.randint(1, 12), "day": rng.randint(1, 28), "amount": f"{rng.randint(1, 99)},{rng.randint(100, 999)}",
        "rate": rng.randint(8, 30), "tail": f"{rng.randint(0, 9999):04d}", "date": f"2024{rng.randint(1, 12):02d}15",
        "order": f"2024{rng.randint(1, 12):02d}15{rng.randint(10**9, 10**10 - 1)}",
    }
    values["age"] = rng.randint(20, 80)
    paragraphs = rng.sample(STORY, len(STORY)) + rng.choices(PLAIN, k=22)
    rng.shuffle(paragraphs)
    story = "\n\n".join(line.format(**values) for line in paragraphs)
    analysis = "\n\n".join(rng.sample(ANALYSIS, len(ANALYSIS)))
    tips = "\n\n".join(TIPS)
    if rng.random() < 0.2:
        tips += "\n\n" + rng.choice(VIOLATIONS)
    return f"## 案例经过\n\n{story}\n\n## 风险分析\n\n{analysis}\n\n## 消保提示\n\n{tips}\n"


def synthetic_case(index: int, rng: random.Random) -> Case:
    body = synthetic_body(rng)
    heads = (("story", "案例经过"), ("analysis", "风险分析"), ("tips", "消保提示"))
    return Case(
        slug=f"case-{index:04d}", path=ROOT / "content" / "cases" / f"case-{index:04d}.md",
        display_path=f"content/cases/case-{index:04d}.md", title=f"警惕“保本高息”骗局（{index}）",
        date=dt.date(2024, 1, 1) + dt.timedelta(days=index % 365), category="investment", audiences=("elderly",),
        tags=("防骗", "非法集资"), summary="骗子以“保本保息”为诱饵，王阿姨差点上当。", status="published", episode=index + 1,
        author="示例银行消费者权益保护部", voice=None, cover=None, sources=(),
        allow=(Allowance("保本保息", "引用骗子话术"),) if index % 10 == 0 else (),
        body=body, body_line=14, sections=tuple(Section(k, h, h, body, 14, 15) for k, h in heads), images=(),
        field_lines=MappingProxyType({"title": 2, "date": 3, "summary": 7, "tags": 6, "allow": 12}),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-corpus", action="store_true", help="skip scoring the labelled corpus")
    args = parser.parse_args()
    config = load_config(ROOT / "mkdocs.yml")
    rng = random.Random(20240315)
    cases = [synthetic_case(i, rng) for i in range(args.cases)]
    chars = sum(len(c.body) for c in cases) / len(cases)

    _compile_cached.cache_clear()
    start = time.perf_counter()
    load_rule_set(read_compliance_settings(config))
    cold = time.perf_counter() - start

    start = time.perf_counter()
    tagged_words("客户张建国")  # jieba loads its dictionary once per process
    jieba_load = time.perf_counter() - start

    timings, found = [], []
    for _ in range(args.rounds):
        clear_caches()  # every round segments from scratch: no round profits from an earlier one
        start = time.perf_counter()
        found = check_cases(cases, config)
        timings.append(time.perf_counter() - start)
    best = min(timings)

    start = time.perf_counter()  # after check_cases, as in a build: channel text repeats the body's clauses
    for case in cases:
        scan_channel_text(case, "site", case.body, config)
    channel = time.perf_counter() - start

    severities = {s: sum(1 for d in found if d.severity.value == s) for s in ("error", "warning", "info")}
    print(f"compliance gate: {args.cases} synthetic cases, {chars:.0f} characters of body each")
    print(f"  rule packs read and compiled (cold): {cold * 1000:.1f} ms; jieba dictionary loaded: {jieba_load * 1000:.0f} ms")
    print(f"  check_cases, best of {args.rounds} (segmentation caches cleared each round): {best:.3f} s = {args.cases / best:,.0f} cases/s")
    print(f"  scan_channel_text over every body: {channel:.3f} s = {args.cases / channel:,.0f} texts/s")
    print(f"  findings: {severities['error']} errors, {severities['warning']} warnings, {severities['info']} info")
    if not args.no_corpus:
        print_corpus_scores()
    return 0


def print_corpus_scores() -> None:
    """Precision and recall per rule and per tag, tuning and held-out slices apart."""
    sys.path.insert(0, str(ROOT / "tests" / "compliance"))
    from compliance_corpus import HELD_OUT, evaluate_corpus, format_score

    print("\n== labelled corpus, tuning slices (tests/compliance/corpus.yml, corpus/*.yml)")
    print(format_score(evaluate_corpus(("classic", "tune"))))
    print(f"\n== labelled corpus, held-out slice (corpus/{HELD_OUT}.yml, never tuned on)")
    print(format_score(evaluate_corpus((HELD_OUT,))))


if __name__ == "__main__":
    sys.exit(main())
