"""casecast.stopwatch: each stage's seconds and peak memory, as ``build -v`` prints them."""

from __future__ import annotations

from rich.cells import cell_len

from casecast.stopwatch import Stopwatch


def test_stages_are_timed_in_order_and_the_table_lines_up_chinese_names():
    clock = Stopwatch()
    with clock.stage("载入与检查"):
        sum(range(10_000))
    with clock.stage("MkDocs"):
        pass
    assert [s.name for s in clock.stages] == ["载入与检查", "MkDocs"]
    assert all(s.seconds >= 0 and s.peak_mb > 0 for s in clock.stages)
    head, *rows, total = clock.lines()
    assert head == "各阶段用时：" and total.strip().startswith("合计")
    assert len({cell_len(line.split(" 秒")[0]) for line in [*rows, total]}) == 1  # the seconds end in one column


def test_a_stage_that_fails_is_still_timed():
    clock = Stopwatch()
    try:
        with clock.stage("有声节目"):
            raise RuntimeError("engine stopped")
    except RuntimeError:
        pass
    assert [s.name for s in clock.stages] == ["有声节目"]
