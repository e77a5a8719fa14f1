"""Every command that prints data takes -o/--output, --no-header and -q, against the mock of each plane."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from tests.zilliz_import.cli.test_cluster import run
from zilliz_import.mock import MockServer


def create(capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    code, out, err = run(["create", "c1", "a/1.parquet", "-o", "json", *extra], capsys)
    assert code == 0, err
    return str(json.loads(out)["jobId"])


def test_create_and_progress_in_json_and_yaml_carry_the_servers_names(
    env: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    job_id = create(capsys)
    code, out, _ = run(["progress", job_id, "-o", "yaml"], capsys)
    answer = yaml.safe_load(out)
    assert code == 0 and answer["jobId"] == job_id and "collectionName" in answer and "details" in answer
    code, out, _ = run(["progress", job_id, "--json"], capsys)
    assert code == 0 and json.loads(out)["jobId"] == job_id and set(json.loads(out)) == set(answer)


def test_list_as_csv_with_and_without_header_and_as_text(env: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    ids = {create(capsys), create(capsys)}
    _, out, _ = run(["list", "-o", "csv"], capsys)
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["jobId", "collectionName", "state"] and {row[0] for row in rows[1:]} == ids
    _, out, _ = run(["list", "-o", "csv", "--no-header"], capsys)
    assert {row[0] for row in csv.reader(io.StringIO(out))} == ids
    _, out, _ = run(["list", "-o", "text", "-q", "[].[jobId, collectionName]"], capsys)
    assert sorted(out.splitlines()) == sorted(f"{job_id}\tc1" for job_id in ids)


def test_a_query_picks_fields_and_a_bad_one_is_refused_before_sending(
    env: MockServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    job_id = create(capsys)
    code, out, _ = run(["progress", job_id, "-o", "text", "-q", "collectionName"], capsys)
    assert (code, out) == (0, "c1\n")
    monkeypatch.setenv("CLUSTER_ENDPOINT", "http://127.0.0.1:9")  # a request would fail: exit 1, not 2
    code, _, err = run(["progress", job_id, "-q", "details[?"], capsys)
    assert code == 2 and "--query" in err and err.count("\n") == 1


def test_watch_without_a_terminal_prints_the_final_answers_in_the_format(
    env: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    job_id = create(capsys)
    code, out, _ = run(["watch", job_id, "-o", "json", "-q", "[].{id: jobId, state: state}"], capsys)
    assert code == 0 and json.loads(out) == [{"id": job_id, "state": "Completed"}]


def test_commit_and_abort_report_a_record_per_job(env: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    job_id = create(capsys, "--no-auto-commit")
    code, out, _ = run(["watch", job_id, "-o", "json"], capsys)
    assert code == 4 and json.loads(out)[0]["state"] == "Uncommitted"
    code, out, _ = run(["commit", job_id, "-o", "json"], capsys)
    assert code == 0 and json.loads(out) == [{"jobId": job_id, "action": "commit", "done": True, "error": None}]
    code, out, _ = run(["abort", "999999", "-o", "yaml"], capsys)
    record = yaml.safe_load(out)[0]
    assert code == 1 and record["done"] is False and record["error"]


def test_the_control_plane_commands_take_the_same_options(
    cloud_env: MockServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["cloud", "create", "c1", "s3://b/1.parquet", "--access-key", "ak-1234", "--secret-key",
                          "sk-1234", "-o", "json"], capsys)  # fmt: skip
    assert code == 0, err
    job_id = json.loads(out)["jobId"]
    assert run(["cloud", "watch", job_id, "-o", "text", "-q", "[].state"], capsys)[:2] == (0, "Completed\n")
    code, out, _ = run(["cloud", "list", "-o", "csv", "-q", "[].{job: jobId}"], capsys)
    assert code == 0 and out.splitlines()[0] == "job" and job_id in out.splitlines()
    code, out, _ = run(["cloud", "progress", job_id, "-o", "yaml", "-q", "jobId"], capsys)
    assert (code, yaml.safe_load(out)) == (0, job_id)
