"""`zilliz-import contract` probes the endpoint first: one line and exit 5 when there is nothing to test."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest

from tests.zilliz_import.cli.installed import closed_port, one_line, zilliz_import
from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER, DEFAULT_TOKEN, MockApp, MockConfig, MockServer

QUICK = ["--examples", "3", "--follow-seconds", "2", "--poll-interval", "0.05"]


def contract(*args: str) -> tuple[int, list[str], str]:
    done = zilliz_import("contract", *args, timeout=300)
    return done.status, done.lines, done.out


def test_an_unreachable_endpoint_is_one_line_and_exit_5() -> None:
    done = zilliz_import("contract", "--endpoint", f"http://127.0.0.1:{closed_port()}", "--token", DEFAULT_TOKEN)
    one_line(done, 5, "error: cannot reach http://127.0.0.1:", "Connection refused")
    assert done.out == "" and "parts failed" not in done.out


def test_an_endpoint_without_a_scheme_says_https_was_assumed(mock_server: MockServer) -> None:
    bare = mock_server.url.removeprefix("http://")
    done = zilliz_import("contract", "--endpoint", bare, "--token", DEFAULT_TOKEN)
    one_line(
        done, 5, f"https:// was assumed for {bare} and the server does not speak TLS; for plain http pass http://{bare}"
    )


def test_a_refused_token_is_one_line_and_exit_5(mock_server: MockServer, cloud_server: MockServer) -> None:
    done = zilliz_import("contract", "--endpoint", mock_server.url, "--token", "root:nope")
    one_line(done, 5, "it refused the token (HTTP 401, code 1800: user hasn't authenticated)")
    args = ["--endpoint", cloud_server.url, "--token", "not-the-key", "--cluster-id", DEFAULT_CLUSTER]
    done = zilliz_import("contract", "--control-plane", *args)
    one_line(done, 5, "it refused the token (HTTP 200, code 21119")


def test_the_wrong_plane_is_named_both_ways(mock_server: MockServer, cloud_server: MockServer) -> None:
    done = zilliz_import("contract", "--endpoint", cloud_server.url, "--token", DEFAULT_API_KEY)
    one_line(done, 5, "this looks like a Zilliz Cloud control-plane endpoint", "--control-plane")
    args = ["--endpoint", mock_server.url, "--token", DEFAULT_API_KEY, "--cluster-id", DEFAULT_CLUSTER]
    done = zilliz_import("contract", "--control-plane", *args)
    one_line(
        done, 5, "this looks like a cluster endpoint, test it with `zilliz-import contract` without --control-plane"
    )


def test_an_unknown_check_name_is_refused_listing_the_valid_ones(mock_server: MockServer, tmp_path: Path) -> None:
    config = tmp_path / "schemathesis.toml"
    config.write_text("[checks.completed_job_is_whole]\nenabled = false\n[checks.no_such_check]\nenabled = false\n")
    done = zilliz_import("contract", "--endpoint", mock_server.url, "--token", DEFAULT_TOKEN, "--config", str(config))
    one_line(done, 2, "no check named [checks.no_such_check]", "completed_job_is_whole", "envelope_refuses_bad_tokens")
    assert "[checks.completed_job_is_whole]" not in done.err, "a valid name is not called unknown"


def served(server: MockServer) -> dict[str, int]:
    with urllib.request.urlopen(f"{server.url}/__mock__/requests") as answer:  # loopback only
        counts: dict[str, int] = json.load(answer)["requests"]
    return counts


@pytest.mark.parametrize("release", ["2.5", "2.6"])
def test_allow_create_against_a_release_without_commit_skips_it_with_the_reason(release: str) -> None:
    with MockServer(MockApp(MockConfig(seed=0, job_seconds=0.05, release=release))) as server:
        status, err, out = contract("--endpoint", server.url, "--token", DEFAULT_TOKEN, "--allow-create", *QUICK)
        counts = served(server)
    assert status == 0, out + "\n".join(err)
    assert re.search(r"^skip  commit and abort$", out, re.MULTILINE), out
    assert "has no commit route (Milvus 2.5 and 2.6 have neither commit nor abort)" in out
    assert counts.get("create", 0) > 0 and counts.get("commit", 0) <= 1 and counts.get("abort", 0) == 0, counts


def test_the_newest_release_keeps_commit_and_abort(mock_server: MockServer) -> None:
    """Control: a server with the commit route is not skipped."""
    status, err, out = contract("--endpoint", mock_server.url, "--token", DEFAULT_TOKEN, "--allow-create", *QUICK)
    assert status == 0 and "skip" not in out, out + "\n".join(err)
    assert "commit" in out
