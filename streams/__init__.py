"""strikewatch: war news in, per-region strike and casualty counts out."""

__version__ = "0.1.0"
