"""Records and JSON Schemas agree; the schemas ship inside the package; deploy files are wired."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from streams.aggregates.models import Aggregate
from streams.articles.models import Article
from streams.deadletter.models import DeadLetter
from streams.events.models import Event
from streams.incidents.models import Incident
from streams.schemas import NAMES, schema

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_draft_2020_12(name):
    Draft202012Validator.check_schema(schema(name))
    assert (ROOT / "schemas" / f"{name}.schema.json").exists()


@pytest.mark.parametrize(("record", "name"), [(Article, "article"), (Event, "event"), (Aggregate, "aggregate"),
                                              (Incident, "incident"), (DeadLetter, "deadletter")])
def test_record_fields_match_schema(record, name):
    properties = set(schema(name)["properties"])
    assert set(record._options.fields) == properties
    required = set(schema(name)["required"])
    assert required <= set(record._options.fields)


def test_compose_wires_kafka_and_workers():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert services["kafka"]["image"].startswith("apache/kafka")
    for name in ("topics", "worker", "worker2"):
        assert services[name]["environment"]["KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
        assert (ROOT / services[name]["build"]["context"] / services[name]["build"]["dockerfile"]).exists()
    assert services["worker"]["ports"] == ["127.0.0.1:6066:6066"]
    for name in ("worker", "worker2"):  # they bind 0.0.0.0 in their container: a token is required
        assert "STRIKEWATCH_API_TOKEN" in services[name]["environment"]


def test_kubernetes_manifests_parse_and_scale_workers():
    docs = [d for d in yaml.safe_load_all((ROOT / "deploy" / "k8s" / "strikewatch.yaml").read_text()) if d]
    kinds = {d["kind"]: d for d in docs}
    assert {"ConfigMap", "Job", "StatefulSet", "Service"} <= set(kinds)
    partitions = int(kinds["ConfigMap"]["data"]["STRIKEWATCH_PARTITIONS"])
    assert 1 <= kinds["StatefulSet"]["spec"]["replicas"] <= partitions
    [worker] = kinds["StatefulSet"]["spec"]["template"]["spec"]["containers"]
    assert "STRIKEWATCH_API_TOKEN" in [variable["name"] for variable in worker["env"]]  # it binds 0.0.0.0
