"""Markdown → tree → WeChat article: one case in, one inline-styled, sanitised HTML fragment out."""

from __future__ import annotations

from dataclasses import dataclass

import css_inline
import jinja2
from lxml.html import HtmlElement
from markupsafe import Markup

from ..config import Config
from ..errors import BuildError, ConfigError
from ..model import SECTION_HEADINGS, Case, QuizItem
from ..urls import case_page_url
from .blocks import divs_to_sections, drop_title, preserve_code_spacing, wrap_tables
from .footnotes import Reference, convert_links
from .images import ArticleImage, DroppedImage, convert_images, output_src
from .lists import flatten_deep_lists
from .parser import create_markdown, markdown_to_html
from .sanitize import clean_article_html, clean_markdown_html
from .theme import WechatTheme, load_theme
from .tree import parse_fragment, serialize_children, visible_text


@dataclass(frozen=True)
class Article:
    """A rendered article, in memory: checked (and scanned by compliance) before anything is written."""

    case: Case
    html: str  #: the paste-ready fragment: inline styles only, no class or id
    text: str  #: what a reader sees, one line per block
    images: tuple[ArticleImage, ...]  #: local images to upload to WeChat, in order of appearance
    dropped_images: tuple[DroppedImage, ...]  #: images the article could not show
    cover: ArticleImage | None
    references: tuple[Reference, ...]  #: the 参考资料 list: footnoted links, then the case's sources
    page_url: str  #: the case's page on the site (阅读原文, ``content_source_url``)

    @property
    def slug(self) -> str:
        return self.case.slug

    @property
    def html_bytes(self) -> int:
        return len(self.html.encode("utf-8"))

    @property
    def text_chars(self) -> int:
        """Characters a reader sees (whitespace not counted): what WeChat's 20,000 limit counts."""
        return sum(1 for ch in self.text if not ch.isspace())


@dataclass(frozen=True)
class SectionParts:
    heading: str
    body: Markup
    callout: bool


@dataclass(frozen=True)
class ArticleParts:
    """What ``templates/wechat/article.html`` fills in."""

    draft: bool
    status: str
    header: str
    intro: Markup
    sections: tuple[SectionParts, ...]
    references: tuple[Reference, ...]
    organisation: str
    series: str
    hotline: str
    page_url: str
    quiz: tuple[QuizItem, ...] = ()  # questions after the tips, answers at the very end (#14)


def template_environment(config: Config) -> jinja2.Environment:
    """Jinja2 over ``templates/`` with HTML autoescaping (CSS templates are not escaped)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(config.templates_dir),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
    )


def load_template(env: jinja2.Environment, name: str) -> jinja2.Template:
    try:
        return env.get_template(name)
    except jinja2.TemplateNotFound:
        raise ConfigError(f"template '{name}' not found in {env.loader.searchpath[0]}; restore templates/wechat/") from None  # type: ignore[union-attr]
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(f"{exc.filename}:{exc.lineno}: template error: {exc.message}") from None


class ArticleRenderer:
    """Holds the parser, templates and theme, so rendering many cases sets them up once."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.theme: WechatTheme = load_theme(config)
        self.parser = create_markdown(config)
        env = template_environment(config)
        self.template = load_template(env, "wechat/article.html")
        self.css = load_template(env, "wechat/theme.css").render(theme=self.theme)
        self.inliner = css_inline.CSSInliner(load_remote_stylesheets=False)

    def render(self, case: Case) -> Article:
        root = parse_fragment(clean_markdown_html(markdown_to_html(self.parser, case.body)))
        drop_title(root, case.title)
        references = convert_links(root, case.sources, self.config)
        images, dropped = convert_images(root, case, self.config.content_dir)
        flatten_deep_lists(root)
        wrap_tables(root)
        preserve_code_spacing(root)
        divs_to_sections(root)
        parts = self._parts(case, root, tuple(references))
        html = clean_article_html(self._inline(self.template.render(article=parts), case))
        return Article(
            case=case,
            html=html,
            text=visible_text(parse_fragment(html)),
            images=tuple(images),
            dropped_images=tuple(dropped),
            cover=self._cover(case),
            references=tuple(references),
            page_url=parts.page_url,
        )

    def _inline(self, html: str, case: Case) -> str:
        try:
            return self.inliner.inline_fragment(html, self.css)
        except css_inline.InlineError as exc:
            raise BuildError(f"{case.display_path}: could not inline the WeChat theme: {exc}; check templates/wechat/theme.css") from None

    def _parts(self, case: Case, root: HtmlElement, references: tuple[Reference, ...]) -> ArticleParts:
        intro, sections = split_html_sections(root, self.config)
        config = self.config
        return ArticleParts(
            draft=not case.published,
            status=case.status,
            header=header_line(case, config) if self.theme.header_line else "",
            intro=intro,
            sections=sections,
            references=references,
            organisation=config.organisation,
            series=config.series,
            hotline=config.hotline,
            page_url=case_page_url(config, case.slug),
            quiz=case.quiz,
        )

    def _cover(self, case: Case) -> ArticleImage | None:
        if case.cover is None or not case.cover.is_file():
            return None
        line = case.field_lines.get("cover", 0)
        return ArticleImage(output_src(case.cover, self.config.content_dir), case.cover, case.title, line)


def header_line(case: Case, config: Config) -> str:
    """``以案说险 · 第12期`` (just the series when the case has no episode number)."""
    return f"{config.series} · 第{case.episode}期" if case.episode else config.series


def split_html_sections(root: HtmlElement, config: Config) -> tuple[Markup, tuple[SectionParts, ...]]:
    """Split the body at its ``<h2>`` headings: (anything before the first, then each section)."""
    groups: list[tuple[str, list[HtmlElement]]] = [("", [])]
    for child in root:
        if child.tag == "h2":
            groups.append((" ".join(child.text_content().split()), []))
        else:
            groups[-1][1].append(child)
    intro_holder = parse_fragment("")
    intro_holder.text = root.text
    intro_holder.extend(groups[0][1])
    tips = SECTION_HEADINGS["tips"]
    sections = tuple(
        SectionParts(heading, _markup(children), config.section_aliases.get(heading, heading) == tips)
        for heading, children in groups[1:]
    )
    return _markup_of(intro_holder), sections


def _markup(children: list[HtmlElement]) -> Markup:
    holder = parse_fragment("")
    holder.extend(children)
    return _markup_of(holder)


def _markup_of(holder: HtmlElement) -> Markup:
    return Markup(serialize_children(holder))  # noqa: S704 - serialised from the sanitised tree


_cached: tuple[Config, ArticleRenderer] | None = None


def render_article(case: Case, config: Config) -> Article:
    """Render one case into a WeChat article in memory (nothing is written)."""
    global _cached
    if _cached is None or _cached[0] is not config:
        _cached = (config, ArticleRenderer(config))
    return _cached[1].render(case)
