"""The `strikewatch` command line. Each stage adds its own commands (see */commands.py)."""

from __future__ import annotations

import logging
import signal
import sys
import time
from importlib.util import find_spec
from pathlib import Path
from typing import Annotated

import typer

from streams.errors import ConfigError, ModelMissing, StreamsError

cli = typer.Typer(
    name="strikewatch",
    help="War news in, per-region strike and casualty counts out (Kafka + Faust + spaCy).\n\n"
    "Start with `strikewatch up --demo`, then open http://127.0.0.1:6066/.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

Bootstrap = Annotated[
    str | None,
    typer.Option("--bootstrap", help="Kafka bootstrap servers (host:port,...). Default: $KAFKA_BOOTSTRAP_SERVERS, "
                 "else the embedded broker on 127.0.0.1.", show_default=False),
]


def configure(bootstrap: str | None = None, **overrides: object):
    """The settings: the environment, with the command line's options (those given) on top."""
    from pydantic import ValidationError

    from streams.settings import Settings

    given = {name: value for name, value in overrides.items() if value is not None}
    if bootstrap:
        given["bootstrap_servers"] = bootstrap
    try:
        return Settings(**given)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ConfigError(f"setting {'.'.join(map(str, first['loc']))}: {first['msg']}") from None


def ensure_data_dir(settings) -> Path:
    """The data folder (parents too), or one line saying why it cannot be made."""
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the data folder {settings.data_dir} "
                          f"(STRIKEWATCH_DATA_DIR): {exc.strerror or exc}") from None
    return settings.data_dir


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"strikewatch: error: {message}", err=True)
    return typer.Exit(code)


@cli.command()
def broker(port: Annotated[int, typer.Option(help="Port to listen on (127.0.0.1).")] = 9092) -> None:
    """Run the embedded Kafka-wire broker (Tansu, in-memory) in the foreground until Ctrl-C."""
    from streams.kafka import EmbeddedBroker

    _interrupt_on_signals()
    embedded = EmbeddedBroker(port, quiet=True)
    try:
        embedded.start()
        typer.echo(f"embedded broker listening on {embedded.address} (memory only: data is gone when it stops)")
        typer.echo(f"  export KAFKA_BOOTSTRAP_SERVERS={embedded.address}")
        _wait_until_signal(lambda: embedded.process.poll() is None)
    finally:
        embedded.stop()


@cli.command()
def topics(bootstrap: Bootstrap = None) -> None:
    """Create the topics (one partition count for all) or verify the ones that exist."""
    from streams.kafka import ensure_topics

    settings = configure(bootstrap)
    for name, status in ensure_topics(settings).items():
        typer.echo(f"{status:8} {name} ({settings.partitions} partitions)")


@cli.command()
def worker(
    bootstrap: Bootstrap = None,
    web_port: Annotated[int | None, typer.Option("--web-port", help="HTTP port (default 6066).")] = None,
    loglevel: Annotated[str, typer.Option(help="Log level: debug, info, warning.")] = "info",
    wait: Annotated[float, typer.Option(help="Seconds to keep retrying an unreachable broker.",
                                        envvar="STRIKEWATCH_WORKER_WAIT")] = 30.0,
) -> None:
    """Run the stream processor (NLP agent + aggregator) and its HTTP server."""
    from streams.app import check_web_binding
    from streams.kafka import wait_reachable

    settings = configure(bootstrap, web_port=web_port)
    check_web_binding(settings)
    _check_model(settings.spacy_model)
    ensure_data_dir(settings)
    _wait_for_broker(settings, wait, wait_reachable)
    from faust.worker import Worker

    from streams.app import create_app

    worker = Worker(create_app(settings), loglevel=loglevel)
    # Faust's progress spinner sets the root logger to DEBUG to spin on every record, so each
    # debug line of aiokafka and Faust (several per message) was formatted and handled: a fifth
    # of the event loop's busy samples in a py-spy profile (BENCHMARKS.md).
    worker.spinner = None
    worker.execute_from_commandline()


def _check_model(model: str) -> None:
    """A missing spaCy model as one line now, not as a worker's exit status once it loads the model.
    The same names as spacy.load: an installed package, a folder, or 'blank:<lang>'."""
    try:
        found = model.startswith("blank:") or Path(model).is_dir() or find_spec(model) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise ModelMissing(model)


def _wait_for_broker(settings, wait: float, wait_reachable) -> None:
    deadline, delay = time.monotonic() + wait, 0.5
    while True:
        try:
            wait_reachable(settings, timeout=0.5)
            return
        except StreamsError as error:
            if time.monotonic() + delay > deadline:
                raise
            logging.getLogger("streams").warning("%s; retrying in %.1fs", error, delay)
            time.sleep(delay)
            delay = min(delay * 2, 5.0)


@cli.command()
def up(
    demo: Annotated[bool, typer.Option("--demo", help="Also publish the bundled sample articles.")] = False,
    bootstrap: Bootstrap = None,
    web_port: Annotated[int | None, typer.Option("--web-port", help="HTTP port (default 6066).")] = None,
    broker_port: Annotated[int, typer.Option(help="Port of the embedded broker.")] = 9092,
    ingest: Annotated[Path | None, typer.Option("--ingest", help="Also run `strikewatch ingest --sources FILE` "
                                                "(feeds and pages, one URL a line).", show_default=False)] = None,
) -> None:
    """Everything locally: broker (embedded unless KAFKA_BOOTSTRAP_SERVERS is set), topics, worker, HTTP."""
    from streams.app import check_web_binding
    from streams.kafka import EmbeddedBroker, ensure_topics
    from streams.kafka import bootstrap as bootstrap_address
    from streams.process import RESTARTABLE, Restarts, WorkerProcess

    settings = configure(bootstrap, web_port=web_port, embedded_port=broker_port)
    check_web_binding(settings)
    _check_model(settings.spacy_model)
    ensure_data_dir(settings)
    _interrupt_on_signals()
    embedded = None
    worker_process = None
    ingest_process = None
    if ingest:
        from streams.ingest.commands import IngestProcess

        ingest_process = IngestProcess(ingest, bootstrap_address(settings), settings.data_dir)
    try:
        # Each is named before it starts, so that a signal during its start-up still stops it.
        if not settings.bootstrap_servers:
            embedded = EmbeddedBroker(broker_port)
            embedded.start()
            typer.echo(f"embedded broker on {embedded.address} (in memory)")
        ensure_topics(settings)
        typer.echo(f"topics ready ({settings.partitions} partitions each)")
        worker_process = WorkerProcess(bootstrap_address(settings), settings.data_dir, port=settings.web_port,
                                       env={"STRIKEWATCH_EMBEDDED_PORT": str(broker_port)})
        worker_process.start()
        restarts = Restarts()
        url = f"http://{settings.web_host}:{settings.web_port}"
        typer.echo(f"worker up; dashboard {url}/  API {url}/api/aggregates?window=30d  (log: {worker_process.log})")
        if demo:
            from streams.articles.commands import publish_paths, sample_dir

            sent = publish_paths([str(sample_dir())], settings, progress=False)
            typer.echo(f"published {sent} sample articles")
        if ingest_process:
            ingest_process.start()
            typer.echo(f"ingesting the sources of {ingest} (log: {ingest_process.log})")
        typer.echo("Ctrl-C stops everything.")
        from streams.aggregates.commands import live_table

        while True:
            live_table(settings, window="30d", stop=lambda: worker_process.process.poll() is not None)
            status = worker_process.process.poll()
            if status not in RESTARTABLE:
                break
            if not restarts.again(status):
                raise StreamsError(f"the worker exited {restarts.in_a_row} times in a row within {restarts.quick:.0f}s of "
                                   f"starting, last with status {status}: {worker_process.last_error()}; giving up "
                                   f"(log: {worker_process.log})")
            typer.echo(f"worker exited with status {status} (stalled or crashed); "
                       "starting it again (see RELIABILITY.md)", err=True)
            try:
                worker_process.start()
            except StreamsError:
                if worker_process.process.poll() not in RESTARTABLE:
                    raise  # it never answered, or exited for a reason a restart cannot help
            restarts.started()  # an exit before it answered counts as a quick one too
        if worker_process.process.poll() is not None:
            raise StreamsError(f"worker exited with status {worker_process.process.returncode}; "
                               f"see {worker_process.log}")
    finally:
        if ingest_process is not None:
            ingest_process.stop()
        if worker_process is not None:
            worker_process.stop(timeout=15)
        if embedded:
            embedded.stop()


def _interrupt_on_signals() -> None:
    """SIGTERM and SIGINT raise KeyboardInterrupt, so that the `finally` blocks stop the broker and the
    worker. SIGINT too: a shell starts background jobs with SIGINT ignored, and Python keeps it so."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)


def _wait_until_signal(alive) -> None:
    """Until `alive()` turns false or a signal comes (after `_interrupt_on_signals`)."""
    try:
        while alive():
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass


def _register_stage_commands() -> None:
    from streams.aggregates import commands as aggregate_commands
    from streams.articles import commands as article_commands
    from streams.evaluation import commands as evaluation_commands
    from streams.events import commands as event_commands
    from streams.ingest import commands as ingest_commands

    for module in (article_commands, event_commands, aggregate_commands, evaluation_commands, ingest_commands):
        module.register(cli)


def run() -> None:
    """Entry point: one-line errors and a non-zero status instead of tracebacks."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("kafka").setLevel(logging.CRITICAL)  # its reconnect chatter is not for users
    _register_stage_commands()
    try:
        # Without standalone mode click returns a typer.Exit's code instead of raising it.
        status = cli(standalone_mode=False, prog_name="strikewatch")
        if isinstance(status, int):
            sys.exit(status)
    except typer.Exit as exit_:
        sys.exit(exit_.exit_code)
    except (StreamsError, OSError) as error:
        print(f"strikewatch: error: {error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # click usage errors and the like
        import click

        if isinstance(error, click.ClickException):
            error.show()
            sys.exit(error.exit_code)
        if isinstance(error, click.exceptions.Abort):
            sys.exit(130)
        print(f"strikewatch: error: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
