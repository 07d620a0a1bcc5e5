"""Website build benchmark: a synthetic library of N cases, our build next to a plain `mkdocs build`.

    .venv/bin/python benchmarks/site_bench.py            # 500 cases, 3 runs each
    .venv/bin/python benchmarks/site_bench.py --cases 100 --runs 1

Prints the figures; it asserts nothing (speed is measured, not tested). Everything happens in a
temporary folder; the repository's site/ and build/ are not touched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from casecast.config import Config, load_config  # noqa: E402
from casecast.loader import load_library  # noqa: E402
from casecast.site import build_site, generate_docs  # noqa: E402

CATEGORIES = ["telecom-fraud", "illegal-fundraising", "lending", "investment", "insurance", "personal-info", "payments"]
AUDIENCES = ["elderly", "students", "new-citizens", "everyone"]
TAGS = ["冒充客服", "养老骗局", "校园贷", "刷单返利", "虚假投资", "征信修复", "代理退保", "砍头息", "以贷养贷", "个人信息",
        "验证码", "扫码支付", "出租银行卡", "非法集资", "高额返利", "杀猪盘", "网络贷款", "保健品", "荐股", "ETC认证"]
SENTENCES = [
    "王阿姨接到一个自称快递客服的电话，对方说她的包裹丢失了，可以给她双倍理赔。",
    "对方要求她下载一个会议软件并打开屏幕共享，说这样才能办理退款手续。",
    "在对方的指引下，她输入了银行卡号和短信验证码，随后卡里的3.8万元被转走。",
    "小李在校园附近看到“零利息分期”的广告，扫码后很快借到了一万元。",
    "到手的钱扣掉了各种服务费，实际年化利率超过了36%，他只能借新还旧。",
    "骗子往往先用小恩小惠拉近关系，再以高额回报为诱饵吸收资金。",
    "正规金融机构不会通过电话要求客户转账到所谓的安全账户。",
    "任何要求提供短信验证码的电话，都要立即挂断并拨打官方客服热线核实。",
    "投资前请通过官方网站查询机构是否持有金融牌照，不轻信熟人推荐。",
    "遇到可疑情况请拨打110报警，或拨打国家反诈专线96110咨询。",
    "不要出租、出借自己的银行卡和手机卡，否则可能承担法律责任。",
    "子女要多陪伴父母，大额支出前一起商量，帮助老人识别骗局。",
]


def synthetic_case(rng: random.Random, number: int) -> str:
    """One case of about 600 characters, in the editors' format."""
    front = {
        "title": f"第{number}号案例：{rng.choice(TAGS)}的骗局",
        "date": dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(700)),
        "category": rng.choice(CATEGORIES),
        "audiences": rng.sample(AUDIENCES, rng.randint(1, 2)),
        "tags": rng.sample(TAGS, 3),
        "summary": "".join(rng.sample(SENTENCES, 2))[:110],
    }
    sections = {name: "".join(rng.choices(SENTENCES, k=4)) for name in ("案例经过", "风险分析")}
    tips = "\n".join(f"- {s}" for s in rng.sample(SENTENCES, 4))
    body = f"## 案例经过\n\n{sections['案例经过']}\n\n## 风险分析\n\n{sections['风险分析']}\n\n## 消保提示\n\n{tips}\n"
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def make_project(folder: Path, cases: int) -> Config:
    content = folder / "content"
    (content / "cases").mkdir(parents=True)
    shutil.copyfile(REPO / "content" / "taxonomy.yml", content / "taxonomy.yml")
    rng = random.Random(20240501)
    for number in range(1, cases + 1):
        (content / "cases" / f"case-{number:04d}.md").write_text(synthetic_case(rng, number), encoding="utf-8")
    shutil.copyfile(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "templates").symlink_to(REPO / "templates")
    return load_config(folder / "mkdocs.yml", content_dir=content)


def timed(action) -> float:  # noqa: ANN001
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def plain_mkdocs_build(config: Config, out: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config.config_file), "-d", str(out)],
        cwd=config.root, check=True, stderr=subprocess.DEVNULL,
    )


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def summary(times: list[float]) -> str:
    return f"median {statistics.median(times):6.2f} s   (min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500, help="how many synthetic cases (default 500)")
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="casecast-site-bench-") as tmp:
        config = make_project(Path(tmp), args.cases)
        load_time = timed(lambda: load_library(config))
        library, _ = load_library(config)
        ours = [timed(lambda: build_site(library, config)) for _ in range(args.runs)]
        generate = [timed(lambda: generate_docs(library, config)) for _ in range(args.runs)]
        plain = [timed(lambda: plain_mkdocs_build(config, Path(tmp) / "plain-site")) for _ in range(args.runs)]
        files, size = folder_size(config.site_dir)
        pages = sum(1 for _ in config.docs_dir.rglob("*.md"))
    print(f"casecast site benchmark: {args.cases} synthetic cases (~600 characters each), {os.cpu_count()} CPU cores, Python {sys.version.split()[0]}")
    print(f"  load_library (check + model)        {load_time:6.2f} s")
    print(f"  build_site (pages + MkDocs + swap)  {summary(ours)}")
    print(f"    of which generating the pages     {summary(generate)}")
    print(f"  plain `mkdocs build`, same pages    {summary(plain)}")
    print(f"  output: {pages} generated pages → {files} files, {size / 1e6:.1f} MB in site/")


if __name__ == "__main__":
    main()
