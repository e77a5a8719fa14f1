"""Before the suite runs: can the endpoint be reached, does it take the token, is it the server the run tests?

One `list` request answers all three, so an unreachable endpoint, a refused token or the wrong plane
end the run with one line instead of a failure in every part. A run that may create jobs also asks
whether the server has the commit route: Milvus 2.5 and 2.6 have neither commit nor abort, so those
parts are skipped there with that reason rather than failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from zilliz_import._core.servers import CLUSTER, CONTROL_PLANE, answered_by, code_of, envelope, refuses_credentials
from zilliz_import._core.settings import assumed_https, guess_hint

LIST_PATH, COMMIT_PATH = "/v2/vectordb/jobs/import/list", "/v2/vectordb/jobs/import/commit"
HTTP_NOT_FOUND = 404
PROBE_SECONDS = 30.0
NO_SUCH_JOB = "0"  # a commit of a job that cannot exist changes nothing on a server that has the route
TEST_INSTEAD = {
    CLUSTER: "this looks like a cluster endpoint, test it with `zilliz-import contract` without --control-plane",
    CONTROL_PLANE: (
        "this looks like a Zilliz Cloud control-plane endpoint, "
        "test it with `zilliz-import contract --control-plane --cluster-id ...`"
    ),
}


@dataclass(frozen=True)
class Readiness:
    """What the probe found.

    Attributes:
        problem: Why the suite cannot test this endpoint (one line), or None.
        without_two_phase: Why commit and abort are left out (the server lacks them), or None.
    """

    problem: str | None = None
    without_two_phase: str | None = None


def probe(endpoint: str, base_url: str, token: str, cluster_id: str, *, allow_create: bool) -> Readiness:
    """Ask the endpoint one `list` (and, for a run that creates jobs on a cluster, one `commit` of no job).

    Args:
        endpoint: The endpoint as given (to say when https:// was assumed for it).
        base_url: The endpoint as a base URL.
        token: The token or API key of the run.
        cluster_id: Set for the control plane: the cluster its requests name.
        allow_create: Whether the run may create jobs (and so commit and abort them).
    """
    headers = {"Authorization": f"Bearer {token}"}
    body: dict[str, Any] = {"clusterId": cluster_id, "pageSize": 1, "currentPage": 1} if cluster_id else {}
    with httpx.Client(base_url=base_url, headers=headers, timeout=PROBE_SECONDS) as client:
        try:
            answer = client.post(LIST_PATH, json=body)
        except httpx.HTTPError as error:
            return Readiness(problem=unreachable(endpoint, base_url, error))
        problem = judged(answer, base_url, expected=CONTROL_PLANE if cluster_id else CLUSTER)
        if problem or cluster_id or not allow_create:
            return Readiness(problem=problem)
        try:
            commit = client.post(COMMIT_PATH, json={"jobId": NO_SUCH_JOB})
        except httpx.HTTPError as error:
            return Readiness(problem=unreachable(endpoint, base_url, error))
    if commit.status_code == HTTP_NOT_FOUND:
        why = f"{base_url} has no commit route (Milvus 2.5 and 2.6 have neither commit nor abort)"
        return Readiness(without_two_phase=why)
    return Readiness()


def unreachable(endpoint: str, base_url: str, error: httpx.HTTPError) -> str:
    """The one line for a request that got no answer; it says so when https:// was assumed."""
    detail = f"{type(error).__name__}: {error}"
    given = assumed_https(endpoint)
    if given and isinstance(error, httpx.ConnectError):
        return f"cannot test {base_url}: {guess_hint(given, detail)}"
    return f"cannot reach {base_url}: {detail}"


def judged(answer: httpx.Response, base_url: str, *, expected: str) -> str | None:
    """Why an answer to `list` leaves nothing to test (the other plane, refused credentials), or None."""
    other = answered_by(answer.status_code, answer.content)
    if other is not None and other != expected:
        return f"cannot test {base_url}: {TEST_INSTEAD[other]}"
    if refuses_credentials(answer.status_code, answer.content):
        said = envelope(answer.content) or {}
        code, message = code_of(said), str(said.get("message", "")).strip()
        return f"cannot test {base_url}: it refused the token (HTTP {answer.status_code}, code {code}: {message})"
    return None
