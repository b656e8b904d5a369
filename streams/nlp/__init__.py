"""The NLP library: strike events from article text. Imports nothing from Kafka or Faust."""

from streams.nlp.extractor import ArticleInput, Extractor, build_pipeline

__all__ = ["ArticleInput", "Extractor", "build_pipeline"]
