"""The Markdown parser, configured exactly like the site's: MkDocs' built-ins plus ``markdown_extensions``."""

from __future__ import annotations

from typing import Any, Mapping

import markdown

from ..config import Config
from ..errors import ConfigError

#: Extensions MkDocs always loads, whatever ``markdown_extensions`` says.
MKDOCS_BUILTINS: tuple[str, ...] = ("toc", "tables", "fenced_code")


def site_extensions(config: Config) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """(names, options) as MkDocs reads ``markdown_extensions``: a list of names or ``{name: options}``."""
    names, options = list(MKDOCS_BUILTINS), {}
    for item in config.markdown_extensions:
        name, settings = _extension_entry(item, config)
        if name not in names:
            names.append(name)
        if settings:
            options[name] = dict(settings)
    return names, options


def _extension_entry(item: Any, config: Config) -> tuple[str, Mapping[str, Any]]:
    if isinstance(item, str):
        return item, {}
    if isinstance(item, Mapping) and len(item) == 1:
        name, settings = next(iter(item.items()))
        if settings is None or isinstance(settings, Mapping):
            return str(name), settings or {}
    raise ConfigError(f"{config.config_file}: markdown_extensions: each entry is a name or 'name: {{options}}', not {item!r}")


def create_markdown(config: Config) -> markdown.Markdown:
    """A ``markdown.Markdown`` with the site's extensions; a ConfigError names an extension that will not load."""
    names, options = site_extensions(config)
    try:
        return markdown.Markdown(extensions=names, extension_configs=options)
    except (ImportError, AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(
            f"{config.config_file}: markdown_extensions: cannot load the extensions {', '.join(names)}: {exc}; "
            "check the names and options (the site and WeChat articles share them)"
        ) from None


def markdown_to_html(parser: markdown.Markdown, text: str) -> str:
    """Convert one document, resetting the parser's per-document state first."""
    parser.reset()
    return parser.convert(text)
