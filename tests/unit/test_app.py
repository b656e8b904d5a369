"""The app factory: nothing is built on import, the app is built from the Settings it is given,
and a stage registers only its own agents."""

from __future__ import annotations

import subprocess
import sys

import pytest

from streams.app import STAGES, create_app
from streams.errors import ConfigError
from streams.settings import Settings
from tests.conftest import ROOT


def python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_importing_the_app_and_the_stages_builds_nothing():
    code = ("import gc, faust, importlib, streams.app\n"
            "for name in streams.app.STAGES: importlib.import_module(name)\n"
            "print(sum(isinstance(o, faust.App) for o in gc.get_objects()))")
    assert python(code) == "0"


def test_importing_the_aggregator_does_not_bring_the_nlp_agent():
    code = "import sys, streams.aggregates.agents\nprint('streams.articles.agents' in sys.modules, 'spacy' in sys.modules)"
    assert python(code) == "False False"


def test_the_app_is_built_from_the_settings_it_is_given(tmp_path):
    settings = Settings(bootstrap_servers="kafka-a:9093,kafka-b:9093", web_port=7123, app_id="sw-test",
                        topic_articles="news-in", data_dir=tmp_path)
    app = create_app(settings)
    assert app.conf.broker[0].host == "kafka-a" and app.conf.broker[0].port == 9093
    assert (app.conf.web_port, app.conf.web_bind) == (7123, "127.0.0.1")
    assert app.conf.id == "sw-test"
    assert app.roles["articles"].get_topic_name() == "news-in"
    assert {agent.split(".")[-1] for agent in app.agents} == {"extract_events", "aggregate"}
    assert {"buckets", "regions"} <= set(app.tables)


def test_one_stage_registers_its_own_agent_only(tmp_path):
    app = create_app(Settings(data_dir=tmp_path), stages=("streams.aggregates.agents",))
    assert [name.split(".")[-1] for name in app.agents] == ["aggregate"]
    assert "streams.aggregates.agents" in STAGES


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_serving_beyond_loopback_needs_a_token(host, tmp_path):
    with pytest.raises(ConfigError, match="STRIKEWATCH_API_TOKEN"):
        create_app(Settings(web_host=host, data_dir=tmp_path))
    assert create_app(Settings(web_host=host, api_token="t0ken", data_dir=tmp_path)).conf.web_bind == host


def test_a_faust_release_that_was_not_tested_is_refused_at_import():
    code = ("import importlib.metadata as m\n_real = m.version\n"
            "m.version = lambda name: '0.99.0' if name == 'faust-streaming' else _real(name)\n"
            "try:\n    import streams.transport\nexcept Exception as e:\n    print(type(e).__name__, e)")
    out = python(code)
    assert out.startswith("ConfigError faust-streaming 0.99.0 is installed") and "0.15.3" in out
