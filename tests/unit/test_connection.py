"""One Kafka client configuration: Faust, the read model and the CLI clients all get the same
security settings (and the same SSL context) from one Settings object."""

from __future__ import annotations

import ssl

import pytest
from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth

from streams.app import create_app
from streams.connection import connection
from streams.errors import ConfigError
from streams.settings import Settings
from streams.web.readmodel import ReadModel

SASL_SSL = {"bootstrap_servers": "kafka-1:9094,kafka-2:9094", "security_protocol": "SASL_SSL",
            "sasl_mechanism": "SCRAM-SHA-512", "sasl_username": "sw", "sasl_password": "pa55"}


def test_sasl_ssl_reaches_faust_the_read_model_and_the_cli_alike(tmp_path):
    settings = Settings(**SASL_SSL, data_dir=tmp_path)
    faust_auth = credentials_to_aiokafka_auth(create_app(settings).conf.broker_credentials)
    read_model = ReadModel(settings).consumer_options()
    cli = connection(settings).kafka_python()

    expected = {"security_protocol": "SASL_SSL", "sasl_mechanism": "SCRAM-SHA-512", "sasl_plain_username": "sw",
                "sasl_plain_password": "pa55"}
    for client in (faust_auth, read_model, cli):
        assert {key: client[key] for key in expected} == expected
        assert isinstance(client["ssl_context"], ssl.SSLContext)
    assert faust_auth["ssl_context"] is read_model["ssl_context"] is cli["ssl_context"]
    assert read_model["bootstrap_servers"] == "kafka-1:9094,kafka-2:9094"
    assert cli["bootstrap_servers"] == ["kafka-1:9094", "kafka-2:9094"]


def test_the_clients_really_take_those_settings(tmp_path):
    """aiokafka and kafka-python accept the options as given (no broker is contacted)."""
    import asyncio

    from aiokafka import AIOKafkaConsumer

    settings = Settings(**SASL_SSL, data_dir=tmp_path)

    async def build():
        return AIOKafkaConsumer(**ReadModel(settings).consumer_options())

    consumer = asyncio.run(build())
    assert consumer._client._security_protocol == "SASL_SSL"
    assert consumer._client._sasl_plain_username == "sw"


def test_plaintext_passes_no_credentials(tmp_path):
    settings = Settings(bootstrap_servers="k:9092", data_dir=tmp_path)
    assert create_app(settings).conf.broker_credentials is None
    assert connection(settings).kafka_python() == {"bootstrap_servers": ["k:9092"], "security_protocol": "PLAINTEXT"}


@pytest.mark.parametrize(("options", "message"), [
    ({"security_protocol": "SASL_SSL"}, "SASL_MECHANISM"),
    ({"security_protocol": "TLS"}, "must be one of"),
    ({"security_protocol": "SSL", "ssl_cafile": "/no/such/ca.pem"}, "SSL_CAFILE"),
])
def test_a_configuration_that_cannot_work_is_one_clear_error(options, message):
    with pytest.raises(ConfigError, match=message):
        connection(Settings(**options))
