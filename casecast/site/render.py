"""Render the generated Markdown pages with the Jinja2 templates in ``templates/site/``.

Templates autoescape: every value from the content is HTML-escaped, and text that lands in
Markdown syntax goes through the ``md`` filter. Only a case's own Markdown body is inserted
as is (the check has already rejected HTML that could run code, and every page body then
passes casecast.sanitize's allow-list in casecast/site/mkdocs_hooks.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import quote

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from markupsafe import Markup, escape

from ..errors import BuildError

#: Characters that mean something in Markdown (and attr_list) when they appear in running text.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|~!])")


def escape_markdown(value: Any) -> Markup:
    """Text safe to place in Markdown: HTML-escaped, Markdown punctuation backslash-escaped."""
    return Markup(MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(value))))


def markdown_url(value: str) -> Markup:
    """A URL safe inside ``[text](url)``: spaces, brackets and quotes percent-encoded."""
    return Markup(quote(value, safe=":/?#@!$&'*+,;=%~[]"))


def chinese_date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def markdown_block(value: str) -> Markup:
    """A case's own Markdown, inserted unescaped."""
    return Markup(value.strip("\n"))


def make_environment(templates_dir: Path) -> Environment:
    if not templates_dir.is_dir():
        raise BuildError(f"{templates_dir}: the site templates are missing; restore templates/site/ from the repository")
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown uses {#id} for heading ids, so template comments are {## … ##}.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters.update(md=escape_markdown, md_url=markdown_url, cn_date=chinese_date, markdown=markdown_block)
    return env


def front_matter(meta: Mapping[str, Any]) -> str:
    """YAML front matter for a generated page (dumped, never concatenated).

    Dumping is a third of the time spent rendering the pages; the same front matter (a case's title, summary
    and tags) is dumped once per process: a build renders the pages again after the audio step, ``serve`` on
    every save.
    """
    if not meta:
        return ""
    return _dumped(json.dumps(meta, ensure_ascii=False))


@lru_cache(maxsize=8192)
def _dumped(meta_json: str) -> str:
    return "---\n" + yaml.safe_dump(json.loads(meta_json), allow_unicode=True, sort_keys=False) + "---\n\n"


def render_page(env: Environment, template: str, meta: Mapping[str, Any], context: Mapping[str, Any]) -> str:
    """One page's Markdown: front matter, then the rendered template."""
    try:
        body = env.get_template(template).render(**context)
    except TemplateNotFound as exc:
        raise BuildError(f"templates/site/{exc.name}: template missing; restore it from the repository") from None
    except TemplateError as exc:
        where = f"{getattr(exc, 'filename', None) or template}:{getattr(exc, 'lineno', None) or 0}"
        raise BuildError(f"{where}: the site template failed: {exc}") from None
    return front_matter(meta) + body
