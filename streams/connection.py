"""One Kafka client configuration, built once from Settings, handed to every client.

Faust (the worker's agents and tables), aiokafka (the worker's read model) and kafka-python
(the CLI, the tests, the benchmark) each spell the same settings their own way; they all take
them from one :class:`KafkaConnection`, so that a cluster with SASL and TLS is reached the same
way by every part, with one SSL context.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from functools import cache
from typing import Any

from streams.errors import ConfigError
from streams.settings import Settings

PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")


def bootstrap(settings: Settings) -> str:
    return settings.bootstrap_servers or f"127.0.0.1:{settings.embedded_port}"


@dataclass(frozen=True)
class KafkaConnection:
    bootstrap: str
    security_protocol: str = "PLAINTEXT"
    sasl_mechanism: str | None = None
    sasl_username: str | None = None
    sasl_password: str | None = None
    ssl_context: ssl.SSLContext | None = None

    def security(self) -> dict[str, Any]:
        """The security options as kafka-python and aiokafka both name them."""
        options: dict[str, Any] = {"security_protocol": self.security_protocol}
        if self.sasl_mechanism:
            options |= {"sasl_mechanism": self.sasl_mechanism, "sasl_plain_username": self.sasl_username,
                        "sasl_plain_password": self.sasl_password}
        if self.ssl_context is not None:
            options["ssl_context"] = self.ssl_context
        return options

    def kafka_python(self) -> dict[str, Any]:
        """Keyword arguments of kafka-python's producer, consumer and admin client."""
        return {"bootstrap_servers": self.bootstrap.split(","), **self.security()}

    def aiokafka(self) -> dict[str, Any]:
        """Keyword arguments of aiokafka's clients."""
        return {"bootstrap_servers": self.bootstrap, **self.security()}

    def faust_credentials(self):
        """Faust's broker_credentials (Faust turns them back into the aiokafka options above)."""
        import faust

        if self.sasl_mechanism:
            return faust.SASLCredentials(username=self.sasl_username, password=self.sasl_password,
                                         mechanism=self.sasl_mechanism, ssl_context=self.ssl_context)
        if self.ssl_context is not None:
            return faust.SSLCredentials(self.ssl_context)
        return None


@cache
def connection(settings: Settings) -> KafkaConnection:
    """The connection of these settings (cached: one SSL context per settings object)."""
    protocol = settings.security_protocol.upper()
    if protocol not in PROTOCOLS:
        raise ConfigError(f"STRIKEWATCH_SECURITY_PROTOCOL must be one of {', '.join(PROTOCOLS)}, not {protocol!r}")
    if protocol.startswith("SASL") and not settings.sasl_mechanism:
        raise ConfigError(f"{protocol} needs STRIKEWATCH_SASL_MECHANISM (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)")
    context = None
    if protocol.endswith("SSL"):
        try:
            context = ssl.create_default_context(cafile=str(settings.ssl_cafile) if settings.ssl_cafile else None)
        except (OSError, ssl.SSLError) as exc:
            raise ConfigError(f"cannot load STRIKEWATCH_SSL_CAFILE {settings.ssl_cafile}: {exc}") from exc
    return KafkaConnection(bootstrap(settings), protocol, settings.sasl_mechanism if protocol.startswith("SASL") else None,
                           settings.sasl_username, settings.sasl_password, context)
