"""The errors strikewatch raises.

    StreamsError
    ├── ConfigError(ValueError)
    ├── BrokerError(ConnectionError)
    │   └── BrokerUnavailable
    ├── InputError(ValueError)              a file or stdin the CLI cannot read
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


class BrokerError(StreamsError, ConnectionError):
    """Talking to Kafka failed."""


class BrokerUnavailable(BrokerError):
    """No broker answers at the configured address."""


class InputError(StreamsError, ValueError):
    """A path or stream given to the CLI cannot be read."""


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
