"""Fuzzing the facade with arbitrary answers: only the documented exceptions may escape.

`make test` runs a short pass; `make fuzz` sets FUZZ_EXAMPLES=10000 (or more).
"""

from __future__ import annotations

import json
import os
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from zilliz_import_client.models import CreateImportJobSuccessData, ImportJobProgress, ImportJobSummary

from tests.generated.cluster.server_bodies import SEED_EXAMPLE, job_progress
from zilliz_import import ImportJobs, RetryPolicy, ZillizImportError

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=20,
)
KNOWN_KEYS = ["code", "message", "data", "jobId", "records", "details", "state", "progress", "importedRows",
              "totalRows", "fileSize", "completeTime", "collectionName", "fileName", "reason"]  # fmt: skip


@st.composite
def near_valid_bodies(draw: st.DrawFn) -> Any:
    """A real answer with one value somewhere replaced: reaches deeper than random JSON."""
    body: Any = json.loads(json.dumps(draw(st.sampled_from([SEED_EXAMPLE, job_progress("Importing", 50, [])]))))
    target = body
    path = draw(st.lists(st.sampled_from([*KNOWN_KEYS, 0]), min_size=1, max_size=4))
    for key in path[:-1]:
        child = (
            target.get(key)
            if isinstance(target, dict)
            else (target[0] if isinstance(target, list) and target else None)
        )
        if not isinstance(child, dict | list):
            break
        target = child
    if isinstance(target, dict):
        target[path[-1] if isinstance(path[-1], str) else "code"] = draw(json_values)
    return body


bodies = st.one_of(
    st.binary(max_size=200),
    json_values.map(lambda v: json.dumps(v).encode()),
    near_valid_bodies().map(lambda v: json.dumps(v).encode()),
    st.dictionaries(st.sampled_from(KNOWN_KEYS), json_values, max_size=4).map(lambda v: json.dumps(v).encode()),
)
statuses = st.sampled_from([200, 200, 200, 401, 403, 404, 408, 429, 500, 502, 503]) | st.integers(200, 599)
retry_after = st.none() | st.sampled_from(["0", "2", "abc", "Wed, 21 Oct 2015 07:28:00 GMT", "-5", "1e400"])


def facade_answering(status: int, body: bytes, after: str | None) -> ImportJobs:
    headers = {"Retry-After": after} if after is not None else {}
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=body, headers=headers))
    return ImportJobs("http://127.0.0.1:1", "root:Milvus", retry=RetryPolicy.disabled(), transport=transport)


OPERATIONS = ["create", "list", "progress", "commit"]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(status=statuses, body=bodies, after=retry_after, operation=st.sampled_from(OPERATIONS))
def test_only_documented_exceptions_escape(status: int, body: bytes, after: str | None, operation: str) -> None:
    with facade_answering(status, body, after) as jobs:
        try:
            if operation == "create":
                assert isinstance(jobs.create("c", ["a.parquet"]), CreateImportJobSuccessData)
            elif operation == "commit":
                assert jobs.commit(1) is None
            elif operation == "list":
                assert all(isinstance(r, ImportJobSummary) for r in jobs.list())
            else:
                assert isinstance(jobs.get_progress(1), ImportJobProgress)
        except ZillizImportError as error:
            assert str(error), "a documented error always says what went wrong"
