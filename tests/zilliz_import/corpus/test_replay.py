"""Replaying the corpus: the same profile differs nowhere, 2.5 against newest differs as documented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.corpus.record import app_of
from tests.zilliz_import.contract.broken_mocks import RewritingApp
from zilliz_import import cassette
from zilliz_import.corpus import replay as replaying
from zilliz_import.corpus.replay import Difference, JobIds, replay
from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_TOKEN, MockServer

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
PROFILES = ("newest", "2.6", "2.5", "control-plane")


def token_of(profile: str) -> str:
    return DEFAULT_API_KEY if profile == "control-plane" else DEFAULT_TOKEN


def replayed(recorded: str, app: Any, token: str = DEFAULT_TOKEN) -> list[Difference]:
    exchanges = cassette.read(next((CORPUS / recorded).glob("*.yaml")))
    with MockServer(app) as server:
        return replay(exchanges, server.url, token)


def flat(found: list[Difference]) -> list[str]:
    return [f"{d.request}: {item}" for d in found for item in d.found]


@pytest.mark.parametrize("profile", PROFILES)
def test_replaying_against_the_same_profile_differs_nowhere(profile: str) -> None:
    assert flat(replayed(profile, app_of(profile), token_of(profile))) == []


def test_a_2_5_recording_against_the_newest_mock_reports_the_documented_differences() -> None:
    differences = replayed("2.5", app_of("newest"))
    found = flat(differences)
    # docs/errata.md and the release notes: newest servers add `createTime` to a job's progress...
    assert any(line.endswith("/get_progress: fields added: data.createTime") for line in found)
    assert any(line.endswith("/describe: fields added: data.createTime") for line in found)
    # ...and refuse a Request-Timeout that is not integer seconds (code 1100), which 2.5 ignores
    refused = [" ".join(d.found) for d in differences if any(item.endswith("-> 1100") for item in d.found)]
    assert refused and all("Request-Timeout parse failed" in line for line in refused), refused


def test_a_planted_difference_is_reported_and_the_untouched_wrapper_is_the_control() -> None:
    def progress_as_text(body: dict[str, Any], route: str) -> dict[str, Any]:
        data = body.get("data")
        if route == "get_progress" and isinstance(data, dict) and "progress" in data:
            return {**body, "data": {**data, "progress": str(data["progress"])}}
        return body

    assert flat(replayed("newest", RewritingApp(app=app_of("newest")))) == []
    found = flat(replayed("newest", RewritingApp(progress_as_text, app=app_of("newest"))))
    assert found and all(line.endswith("/get_progress: type of data.progress: integer -> string") for line in found)


def test_job_ids_the_server_created_are_mapped_to_the_new_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    def after_one_more_job() -> list[Difference]:
        with MockServer(app_of("newest")) as server:  # one job created first: every ID of the replay moves on
            created = httpx.post(
                f"{server.url}/v2/vectordb/jobs/import/create",
                json={"collectionName": "quick_setup", "files": [["a.parquet"]]},
                headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"},
            )
            assert created.json()["code"] == 0
            return replay(cassette.read(CORPUS / "newest" / "cluster.yaml"), server.url, DEFAULT_TOKEN)

    found = after_one_more_job()
    assert {d.request for d in found} == {"POST /v2/vectordb/jobs/import/list"}  # the extra job is listed, no more
    monkeypatch.setattr(replaying.JobIds, "apply", lambda self, body: body)  # control: without the mapping
    assert {d.request for d in after_one_more_job()} > {"POST /v2/vectordb/jobs/import/list"}


def test_job_ids_are_swapped_as_strings_and_as_numbers() -> None:
    ids = JobIds({"448761313698322011": "9", "job-old": "job-new"})
    body = b'{"jobId": "448761313698322011", "n": 448761313698322011, "c": "job-old", "k": [true, "x"]}'
    assert ids.apply(body) == b'{"jobId": "9", "n": 9, "c": "job-new", "k": [true, "x"]}'
    assert ids.apply(b"not json") == b"not json"
