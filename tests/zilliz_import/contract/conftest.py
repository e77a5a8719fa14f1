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

import zilliz_import.contract.checks  # noqa: F401 - registers the checks
from tests.zilliz_import.contract.clock import SteppedClock, Ticking
from zilliz_import.contract import session
from zilliz_import.contract.endpoint import Target
from zilliz_import.contract.spec import SPEC_PATH, pinned_control_plane
from zilliz_import.mock import (
    DEFAULT_API_KEY,
    DEFAULT_CLUSTER,
    DEFAULT_TOKEN,
    ControlPlaneApp,
    MockApp,
    MockConfig,
    MockServer,
)
from zilliz_import.mock.asgi import ASGIApp

ROOT = Path(__file__).resolve().parents[3]
CONFIG = ROOT / "schemathesis.toml"
STATEFUL_SETTINGS = settings(max_examples=15, stateful_step_count=6, deadline=None, database=None, derandomize=True)
# A job lives about JOB_SECONDS / CLOCK_STEP answers (~50): long enough to be seen Pending, Importing
# and finished by the follow-up polls, short enough to keep a run fast. No wall time involved.
JOB_SECONDS, CLOCK_STEP = 1.0, 0.02
# The mock's 1 MiB body limit (its own safety net; the sheet names none, the spec documents no 413) would
# stop generated creates of more than 1,024 units before they reach the server's answer, code 2100.
BODY_LIMIT = 16 << 20


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


def stepped_mock(**fields: Any) -> ASGIApp:
    """The mock, its clock moved one step per request; `fields` are further MockConfig settings."""
    clock = SteppedClock(CLOCK_STEP)
    config = MockConfig(seed=7, job_seconds=JOB_SECONDS, clock=clock, max_body_bytes=BODY_LIMIT, **fields)
    return Ticking(MockApp(config), clock)


# The control plane's mock knows a second cluster, so that a list can show a job of the wrong one.
CLUSTERS = [DEFAULT_CLUSTER, "in01-mock-second"]


def stepped_control_plane(**fields: Any) -> ASGIApp:
    """The control-plane mock with both CLUSTERS, its clock moved one step per request."""
    clock = SteppedClock(CLOCK_STEP)
    config = MockConfig(seed=7, job_seconds=JOB_SECONDS, clock=clock, clusters=frozenset(CLUSTERS), **fields)
    return Ticking(ControlPlaneApp(config), clock)


def load_control_plane_schema(
    *, app: Any = None, base_url: str | None = None, token: str = DEFAULT_API_KEY, clusters: list[str] = CLUSTERS
) -> OpenApiSchema:
    """The control-plane spec, `clusterId` pinned to `clusters`, configured as `load_schema` does."""
    config = schemathesis.Config.from_dict(config_data(token=token, base_url=base_url))
    schema = schemathesis.openapi.from_dict(pinned_control_plane(clusters), config=config)
    if app is not None:
        schema.app = app
    session.reset()
    return schema


# Release profiles of the mock (MockConfig fields) the bounded suite runs against in `make test`.
PROFILES: dict[str, dict[str, Any]] = {
    "newest": {},
    "2.6": {"release": "2.6"},
    "2.5": {"release": "2.5"},
    "newest --import-v3": {"import_v3": True},
    "newest --standard-error-status": {"standard_error_status": True},
}
NEWEST_ONLY = ("commitImportJob", "abortImportJob")  # sheet section 1: these routes exist on newest only


def profile_schema(profile: str) -> OpenApiSchema:
    """The spec against the mock of one release profile, without operations that release does not serve.

    Two-phase commit is newest only: on 2.5 and 2.6 the `commit` and `abort` routes do not exist (the
    mock answers them with a 404 text page), so the spec's commit/abort operations are left out there.
    """
    fields = PROFILES[profile]
    schema = load_schema(app=stepped_mock(**fields))
    if fields.get("release", "newest") != "newest":
        present = [op for op in NEWEST_ONLY if op in operation_ids(schema)]
        schema = schema.exclude(operation_id=present) if present else schema
    return schema


def operation_ids(schema: OpenApiSchema) -> set[str]:
    """The operationIds of the spec."""
    return {op.ok().definition.raw["operationId"] for op in schema.get_all_operations()}


def load_schema(*, app: Any = None, base_url: str | None = None, token: str = DEFAULT_TOKEN) -> OpenApiSchema:
    """The spec, configured from schemathesis.toml, calling `app` in-process or `base_url` over HTTP."""
    config = schemathesis.Config.from_dict(config_data(token=token, base_url=base_url))
    schema = schemathesis.openapi.from_path(str(SPEC_PATH), config=config)
    if app is not None:
        schema.app = app
    session.reset()
    return schema


@pytest.fixture(scope="session")
def inprocess_schema() -> OpenApiSchema:
    """The spec against the mock as an ASGI app: no socket."""
    return load_schema(app=stepped_mock())


@pytest.fixture(scope="session")
def http_schema() -> Iterator[OpenApiSchema]:
    """The spec against the mock served by uvicorn on a free loopback port."""
    with MockServer(stepped_mock()) as server:
        yield load_schema(base_url=server.url)


def live_endpoint() -> str:
    """CLUSTER_ENDPOINT as a base URL, as `zilliz-import contract` reads it (https:// when it names no scheme)."""
    return Target(os.environ["CLUSTER_ENDPOINT"], token="").base_url


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
