"""Parallax: compare how news outlets cover the same event."""

from compare.model import Article, Evidence, Indicator, Passage, Quote, Story

__all__ = ["Article", "Evidence", "Indicator", "Passage", "Quote", "Story"]
__version__ = "0.1.0"
