"""Record the corpus: the contract suite against the mock in each release profile and the control plane.

    .venv/bin/python -m tests.corpus.record

Each run is what `zilliz-import contract --allow-create --record` does (the same suite, recorder and
cassette writer), against the mock with its clock stepped per request (the contract tests' mocks), so
replaying a cassette against a fresh mock of the same profile gives the same answers. On 2.5 and 2.6
`commit` and `abort` are left out, as in the contract tests: those releases do not serve them.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from tests.zilliz_import.contract.conftest import NEWEST_ONLY, stepped_control_plane, stepped_mock
from zilliz_import.contract.endpoint import Target, endpoint_schema, existing_jobs
from zilliz_import.contract.recording import recording
from zilliz_import.contract.runner import Budget, run_suite
from zilliz_import.contract.workflow import FollowPolicy
from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER, DEFAULT_TOKEN, MockServer
from zilliz_import.mock.asgi import ASGIApp

HERE = Path(__file__).resolve().parent
EXAMPLES = 3
PROFILES = ("newest", "2.6", "2.5")


def app_of(profile: str) -> ASGIApp:
    """A fresh mock of a corpus profile: a cluster release, or `control-plane`."""
    if profile == "control-plane":
        return stepped_control_plane()
    return stepped_mock(**({} if profile == "newest" else {"release": profile}))


def target_of(profile: str, url: str) -> Target:
    """What the contract command would run for `profile` with --allow-create and QUICK's settings."""
    if profile == "control-plane":
        return Target(url, DEFAULT_API_KEY, True, EXAMPLES, 5.0, (), 0.02, DEFAULT_CLUSTER)
    return Target(url, DEFAULT_TOKEN, True, EXAMPLES, 5.0, (), 0.02)


def record(profile: str, folder: Path) -> list[str]:
    """Record one profile into `folder`; the labels of the parts of the suite that failed."""
    folder.mkdir(parents=True, exist_ok=True)
    with MockServer(app_of(profile)) as server:
        target = target_of(profile, server.url)
        schema = endpoint_schema(target)
        if profile in ("2.6", "2.5"):
            schema = schema.exclude(operation_id=list(NEWEST_ONLY))
        follow = FollowPolicy(polls=250, jobs=3)
        with recording(target.token) as kept:
            outcomes = run_suite(schema, Budget(examples=EXAMPLES, follow=follow))
            outcomes.append(existing_jobs(schema, target.cluster_id))
        kept.save(folder / ("control-plane.yaml" if profile == "control-plane" else "cluster.yaml"))
    return [o.label for o in outcomes if o.failure]


def main_() -> int:
    """Re-record every profile under tests/corpus/."""
    for profile in (*PROFILES, "control-plane"):
        folder = HERE / profile
        shutil.rmtree(folder, ignore_errors=True)
        print(f"{profile}: failed parts {record(profile, folder)}")
    return 0


if __name__ == "__main__":
    sys.exit(main_())
