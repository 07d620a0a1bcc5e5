"""The Markdown parser configured exactly like the site's: MkDocs' built-ins plus ``markdown_extensions``.

Every channel that turns a case's Markdown into something (WeChat HTML, the spoken script) builds its
parser here, so all of them read the same text the website shows.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import markdown

from .config import Config
from .errors import ConfigError

#: Extensions MkDocs always loads, whatever ``markdown_extensions`` says.
MKDOCS_BUILTINS: tuple[str, ...] = ("toc", "tables", "fenced_code")


def extension_arguments(extensions: Sequence[Any], where: str = "mkdocs.yml") -> tuple[list[str], dict[str, dict[str, Any]]]:
    """(names, options) as MkDocs reads ``markdown_extensions``: a list of names or ``{name: options}``."""
    names, options = list(MKDOCS_BUILTINS), {}
    for item in extensions:
        name, settings = _extension_entry(item, where)
        if name not in names:
            names.append(name)
        if settings:
            options[name] = dict(settings)
    return names, options


def _extension_entry(item: Any, where: str) -> tuple[str, Mapping[str, Any]]:
    if isinstance(item, str):
        return item, {}
    if isinstance(item, Mapping) and len(item) == 1:
        name, settings = next(iter(item.items()))
        if settings is None or isinstance(settings, Mapping):
            return str(name), settings or {}
    raise ConfigError(f"{where}: markdown_extensions: each entry is a name or 'name: {{options}}', not {item!r}")


def create_markdown_from(extensions: Sequence[Any], where: str = "mkdocs.yml") -> markdown.Markdown:
    """A ``markdown.Markdown`` with these extensions; a ConfigError names an extension that will not load."""
    names, options = extension_arguments(extensions, where)
    try:
        return markdown.Markdown(extensions=names, extension_configs=options)
    except (ImportError, AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(
            f"{where}: markdown_extensions: cannot load the extensions {', '.join(names)}: {exc}; "
            "check the names and options (the site, WeChat articles and spoken scripts share them)"
        ) from None


def create_markdown(config: Config) -> markdown.Markdown:
    """The site's parser for this project."""
    return create_markdown_from(config.markdown_extensions, str(config.config_file))
