"""`zilliz-import cloud ...`: the control-plane commands against the control-plane mock over HTTP."""

from __future__ import annotations

import json
import re

import pytest

from tests.zilliz_import.cli.test_cluster import run
from tests.zilliz_import.cloud_sources import ACCESS_KEY, SECRET_KEY
from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER, ControlPlaneApp, MockConfig, MockServer

JOB_ID = re.compile(r"job-[a-z0-9]{21}")


def test_create_watch_progress_and_list(cloud_env: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    keys = ["--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY]
    status, out, _ = run(["cloud", "create", "medium_articles", "s3://b/1.parquet", *keys], capsys)
    first = out.strip()
    assert status == 0 and JOB_ID.fullmatch(first)
    status, out, _ = run(["cloud", "create", "medium_articles", "--volume", "vol", "a.npy,b.npy", "c.parquet"], capsys)
    second = out.strip()
    assert status == 0 and JOB_ID.fullmatch(second)
    status, out, _ = run(["cloud", "watch", first, second], capsys)
    assert status == 0 and "2 of 2 jobs completed" in out
    assert re.search(rf"job {first}: Completed 100% [\d,]+ rows, 1/1 files", out), out
    status, out, _ = run(["cloud", "progress", second, "--json"], capsys)
    assert status == 0 and [d["fileName"] for d in json.loads(out)["details"]] == ["a.npy b.npy", "c.parquet"]
    status, out, _ = run(["cloud", "progress", first], capsys)
    assert status == 0 and f"import job {first}" in out and "s3://b/1.parquet" in out
    status, out, _ = run(["cloud", "list", "--page-size", "1", "--json"], capsys)
    assert status == 0 and [r["jobId"] for r in json.loads(out)] == [first, second]
    status, out, _ = run(["cloud", "list"], capsys)
    assert status == 0 and first in out and second in out


def test_watch_times_out_with_exit_3(cloud_server: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    with MockServer(ControlPlaneApp(MockConfig(job_seconds=600))) as slow:
        base = ["cloud", "--endpoint", slow.url, "--token", DEFAULT_API_KEY, "--cluster-id", DEFAULT_CLUSTER]
        job_id = run([*base, "create", "c", "s3://b/1"], capsys)[1].strip()
        status, _, err = run([*base, "watch", job_id, "--wait", "0.3"], capsys)
    assert status == 3 and job_id in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["cloud", "progress", "123"], "control-plane job id"),
        (["cloud", "watch", "job-ok12", "42"], "control-plane job id"),
        (["cloud", "create", "c", "s3://b/1", "--access-key", "only-half"], "together"),
        (["progress", "job-01a2b3c4d5e6f7g8h9i0j"], "control plane"),
    ],
)
def test_bad_input_is_a_one_line_usage_error(
    cloud_env: MockServer, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    status, _, err = run(args, capsys)
    assert status == 2 and expected in err and len(err.strip().splitlines()) == 1, err


def test_no_cluster_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("CLUSTER_ID", raising=False)
    status, _, err = run(["cloud", "--token", "k", "list"], capsys)
    assert status == 2 and "cluster" in err


def test_refusals_exit_1_and_refused_keys_5_without_secrets(
    cloud_env: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(["cloud", "--token", "a-wrong-api-key", "list"], capsys)
    assert status == 5 and "21119" in err and "a-wrong-api-key" not in err and "check --token" in err
    status, _, err = run(["cloud", "progress", "job-aaaaaaaaaaaaaaaaaaaaa"], capsys)
    assert status == 1 and "does not exist" in err
