"""strikewatch's spaCy components. Importing this package registers their factories."""

from streams.nlp.components import casualties, dates, places, victims, weapons

__all__ = ["casualties", "dates", "places", "victims", "weapons"]
