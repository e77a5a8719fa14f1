"""Schemas for the contract suite: the spec bound to the mock in-process, over HTTP, or to a live endpoint."""

from __future__ import annotations

import json
import os
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import settings
from schemathesis.specs.openapi.schemas import OpenApiSchema

import tests.contract.checks  # registers the envelope-aware checks
from zilliz_import.mock import DEFAULT_TOKEN, MockApp, MockConfig, MockServer

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi" / "openapi.yaml"
CONFIG = ROOT / "schemathesis.toml"
MOCK_CONFIG = MockConfig(seed=7, job_seconds=0.05)
STATEFUL_SETTINGS = settings(max_examples=15, stateful_step_count=6, deadline=None, database=None, derandomize=True)


CASES: Counter[str] = Counter()  # generated cases sent, per operation


def config_data(*, token: str, base_url: str | None = None) -> dict[str, Any]:
    """schemathesis.toml as a dict, with the token to send; CONTRACT_MAX_EXAMPLES raises the example count."""
    data = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    data.pop("hooks")  # imported above; `schemathesis run` imports it by name
    data["headers"] = {"Authorization": f"Bearer {token}"}
    if base_url is not None:
        data["base-url"] = base_url
    if os.environ.get("CONTRACT_MAX_EXAMPLES"):
        data["generation"]["max-examples"] = int(os.environ["CONTRACT_MAX_EXAMPLES"])
    return data


def load_schema(*, app: Any = None, base_url: str | None = None, token: str = DEFAULT_TOKEN) -> OpenApiSchema:
    """The spec, configured from schemathesis.toml, calling `app` in-process or `base_url` over HTTP."""
    config = schemathesis.Config.from_dict(config_data(token=token, base_url=base_url))
    schema = schemathesis.openapi.from_path(str(SPEC), config=config)
    if app is not None:
        schema.app = app
    tests.contract.checks.forget_probes()
    return schema


@pytest.fixture(scope="session")
def inprocess_schema() -> OpenApiSchema:
    """The spec against the mock as an ASGI app: no socket."""
    return load_schema(app=MockApp(MOCK_CONFIG))


@pytest.fixture(scope="session")
def http_schema() -> Iterator[OpenApiSchema]:
    """The spec against the mock served by uvicorn on a free loopback port."""
    with MockServer(MockApp(MOCK_CONFIG)) as server:
        yield load_schema(base_url=server.url)


def live_endpoint() -> str:
    """CLUSTER_ENDPOINT as a base URL; https:// when it names no scheme, as in the seed's example."""
    endpoint = os.environ["CLUSTER_ENDPOINT"].strip().rstrip("/")
    return endpoint if "://" in endpoint else f"https://{endpoint}"


def live_creates_jobs() -> bool:
    """Whether the live run may call `create`, which starts real import jobs."""
    return os.environ.get("CONTRACT_LIVE_CREATE") == "1"


@pytest.fixture(scope="session")
def live_schema() -> OpenApiSchema:
    """The spec against CLUSTER_ENDPOINT with TOKEN; read-only unless CONTRACT_LIVE_CREATE=1."""
    missing = [name for name in ("CLUSTER_ENDPOINT", "TOKEN") if not os.environ.get(name)]
    if missing:
        pytest.skip(f"live contract tests need {' and '.join(missing)}; set CLUSTER_ENDPOINT and TOKEN")
    schema = load_schema(base_url=live_endpoint(), token=os.environ["TOKEN"])
    return schema if live_creates_jobs() else schema.exclude(operation_id="createImportJob")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Report how many generated cases the contract tests sent, and keep the number for `make contract`."""
    if not CASES:
        return
    total = sum(CASES.values())
    terminalreporter.write_line(
        f"contract cases sent: {total} ({', '.join(f'{k}: {v}' for k, v in sorted(CASES.items()))})"
    )
    report = os.environ.get("CONTRACT_SUMMARY")
    if report:
        Path(report).write_text(json.dumps({"total": total, "by_operation": dict(CASES)}, indent=2) + "\n")
