"""casecast: publish 以案说险 consumer-protection cases as a website, audio episodes and WeChat articles."""

__version__ = "0.1.0"
