"""A faithful, stateful mock of the Milvus / Zilliz Cloud import-job API.

It models the server from its documented behaviour, independently of the OpenAPI spec and the
generated client, so that contract tests compare two separate descriptions of one server: it imports
nothing else from `zilliz_import`.

Two servers share one core. `cluster/` is what only a Milvus cluster endpoint has (`MockApp`),
`cloud/` what only Zilliz Cloud's control plane has (`ControlPlaneApp`); neither imports the other.

Shared by both servers:
    app: `BaseApp`, the ASGI request loop: routing, admin, faults, Request-Timeout, the body limit.
    asgi: the few ASGI types, header and bounded body reading, the lifespan loop.
    replies: the envelopes, codes and raw replies sent back.
    go_json: request bodies bound as Go's encoding/json binds them (1801, 1802).
    faults: the faults one can inject (`Fault`) and those pending (`FaultPlan`).
    fault_replies: what a fault sends instead of the answer: envelopes, gateway pages, broken connections.
    admin: the control routes under /__mock__/: faults, reset, health, jobs' end times, requests served.
    config: `MockConfig` and the well-known tokens.
    releases: what differs between server releases, as data, and the release's back-pressure answer.
    store: the job table: created from a seed, found by ID, bounded, committed or aborted.
    lifecycle: how one job evolves: its plan and its phase at any moment.
    snapshots: a job's progress answer at a moment, as the cluster renders it.

Entry points (they assemble the planes):
    server: `MockServer`, serving an app with uvicorn in a background thread (default: `MockApp`).
    launcher: the command line of `python -m zilliz_import.mock` (`__main__`).
    pytest_plugin: fixtures `mock_config`, `mock_app` and `mock_server`.
"""

from zilliz_import.mock.cloud import ControlPlaneApp
from zilliz_import.mock.cluster import MockApp
from zilliz_import.mock.config import DEFAULT_API_KEY, DEFAULT_CLUSTER, DEFAULT_TOKEN, READ_ONLY_TOKEN, MockConfig
from zilliz_import.mock.faults import Fault
from zilliz_import.mock.server import MockServer

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_CLUSTER",
    "DEFAULT_TOKEN",
    "READ_ONLY_TOKEN",
    "ControlPlaneApp",
    "Fault",
    "MockApp",
    "MockConfig",
    "MockServer",
]
