"""The WeChat renderer's use of the shared site parser (casecast/markdown_config.py)."""

from __future__ import annotations

import markdown

from ..markdown_config import create_markdown, extension_arguments

__all__ = ["create_markdown", "extension_arguments", "markdown_to_html"]

def markdown_to_html(parser: markdown.Markdown, text: str) -> str:
    """Convert one document, resetting the parser's per-document state first."""
    parser.reset()
    return parser.convert(text)
