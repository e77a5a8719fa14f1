"""Every mistake of issue #25, through the installed command: one line (three at most with a hint), the table's code."""

from __future__ import annotations

import pytest

from tests.zilliz_import.cli.installed import closed_port, one_line, zilliz_import
from zilliz_import.mock import DEFAULT_API_KEY, DEFAULT_CLUSTER, DEFAULT_TOKEN, MockServer

CLUSTER_TOKEN = {"TOKEN": DEFAULT_TOKEN}
CLOUD = {"TOKEN": DEFAULT_API_KEY, "CLUSTER_ID": DEFAULT_CLUSTER}


def bare(server: MockServer) -> str:
    """The server's address without a scheme, as a user may type it."""
    return server.url.removeprefix("http://")


def test_an_endpoint_without_a_scheme_says_https_was_assumed_and_shows_http(mock_server: MockServer) -> None:
    done = zilliz_import("--endpoint", bare(mock_server), "progress", "1", env=CLUSTER_TOKEN)
    expected = (
        f"error: get_progress: https:// was assumed for {bare(mock_server)} and the server does not speak TLS; "
        f"for plain http pass http://{bare(mock_server)}"
    )
    one_line(done, 5)
    assert done.lines == [expected], "no retry either: a TLS mismatch stays one"


def test_the_cloud_group_says_the_same_of_its_endpoint(cloud_server: MockServer) -> None:
    done = zilliz_import("cloud", "--endpoint", bare(cloud_server), "list", env=CLOUD)
    one_line(done, 5, f"https:// was assumed for {bare(cloud_server)}", f"pass http://{bare(cloud_server)}")


def test_an_endpoint_with_its_scheme_is_reached(mock_server: MockServer) -> None:
    """Control: the same server, spelled with http://, answers."""
    done = zilliz_import("--endpoint", mock_server.url, "list", env=CLUSTER_TOKEN)
    assert done.status == 0 and done.err == "", done.err


def test_an_unreachable_endpoint_is_exit_5_with_a_hint_naming_the_variable() -> None:
    done = zilliz_import("list", env={**CLUSTER_TOKEN, "CLUSTER_ENDPOINT": f"http://127.0.0.1:{closed_port()}"})
    one_line(done, 5, "list: ConnectError", "hint: check CLUSTER_ENDPOINT")
    assert done.lines[0].startswith("note: list failed, trying again"), "the CLI shows the retry itself"


@pytest.mark.parametrize(("flag", "env"), [(("--token", "root:nope"), {}), ((), {"TOKEN": "root:nope"})])
def test_refused_credentials_are_exit_5_naming_what_was_typed(
    mock_server: MockServer, flag: tuple[str, ...], env: dict[str, str]
) -> None:
    done = zilliz_import("--endpoint", mock_server.url, *flag, "list", env=env)
    one_line(
        done, 5, "HTTP 401 code 1800", f"hint: the server refused the credentials: check {flag[0] if flag else 'TOKEN'}"
    )
    assert "nope" not in done.err


def test_a_cluster_endpoint_given_to_cloud_says_so(mock_server: MockServer) -> None:
    for args in (["list"], ["progress", "job-aaaaaaaaaaaaaaaaaaaaa"], ["create", "c", "s3://b/a.parquet"]):
        done = zilliz_import("cloud", "--endpoint", mock_server.url, *args, env=CLOUD)
        one_line(done, 5, "this looks like a cluster endpoint, use `zilliz-import --endpoint URL ...`")


def test_the_control_plane_given_to_a_cluster_command_says_so(cloud_server: MockServer) -> None:
    for args in (["list"], ["progress", "5"], ["create", "c", "a.parquet"]):
        done = zilliz_import("--endpoint", cloud_server.url, *args, env={"TOKEN": DEFAULT_API_KEY})
        one_line(done, 5, "this looks like a Zilliz Cloud control-plane endpoint, use `zilliz-import cloud ...`")


def test_a_page_size_the_server_refuses_is_its_refusal_naming_the_flag(cloud_server: MockServer) -> None:
    done = zilliz_import("cloud", "--endpoint", cloud_server.url, "list", "--page-size", "1000", env=CLOUD)
    one_line(done, 1, "code 1100: invalid parameter[expected=pageSize<=100]", "hint: lower --page-size")
    assert done.lines[0].startswith("error: list: HTTP 200 code 1100")


def test_too_many_files_is_the_servers_refusal_naming_files(mock_server: MockServer) -> None:
    files = [f"f{i}.parquet" for i in range(1025)]
    done = zilliz_import("--endpoint", mock_server.url, "create", "c", *files, env=CLUSTER_TOKEN)
    one_line(done, 1, "The max number of import files should not exceed 1024", "hint: split FILES over several jobs")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["progress", "-5"], "job id must be a decimal integer, got '-5'"),
        (["watch", "1", "-5"], "got '-5'"),
        (["progress", "99999999999999999999"], "job id 99999999999999999999 is out of range: job IDs are int64"),
        (["progress", "--jsn", "1"], "No such option '--jsn'"),
        (["list", "--colection", "c"], "No such option '--colection'"),
    ],
)
def test_job_ids_and_options_are_bad_input(mock_server: MockServer, args: list[str], words: str) -> None:
    done = zilliz_import("--endpoint", mock_server.url, *args, env=CLUSTER_TOKEN)
    one_line(done, 2, words)


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        (["list"], {"CLUSTER_ENDPOINT": "http://exa mple"}, "error: CLUSTER_ENDPOINT: malformed endpoint"),
        (["--endpoint", "http://exa mple", "list"], {}, "error: --endpoint: malformed endpoint"),
        (["--endpoint", "http://example.com", "list"], {}, "(or --allow-insecure-http if you really mean it)"),
        (["--endpoint", "http://127.0.0.1:1", "--token", "", "list"], {}, "no token: pass --token or set TOKEN"),
        (["list"], {"TOKEN": "x"}, "no endpoint: pass --endpoint or set CLUSTER_ENDPOINT"),
        (["cloud", "--token", "k", "list"], {}, "no cluster: pass --cluster-id or set CLUSTER_ID"),
        (["cloud", "--cluster-id", "in01-x", "list"], {}, "no API key: pass --token or set TOKEN or API_KEY"),
    ],
)
def test_settings_are_named_as_they_were_given(args: list[str], env: dict[str, str], words: str) -> None:
    done = zilliz_import(*args, env=env)
    one_line(done, 2, words)
    assert "cluster_id" not in done.err and "allow_insecure_http" not in done.err


def test_an_empty_listing_says_there_is_nothing_to_list(mock_server: MockServer) -> None:
    done = zilliz_import("--endpoint", mock_server.url, "list", "--collection", "empty", env=CLUSTER_TOKEN)
    assert (done.status, done.out, done.err) == (0, "no import jobs in collection empty\n", "")
    done = zilliz_import("--endpoint", mock_server.url, "list", "--collection", "empty", "--json", env=CLUSTER_TOKEN)
    assert (done.status, done.out.strip()) == (0, "[]")


def test_commit_and_abort_use_the_table(mock_server: MockServer) -> None:
    done = zilliz_import("--endpoint", mock_server.url, "commit", "12345", env=CLUSTER_TOKEN)
    assert done.status == 1 and all(line.startswith("job 12345: commit: ") for line in done.lines)
    done = zilliz_import("--endpoint", mock_server.url, "--token", "root:nope", "abort", "1", "2")
    one_line(done, 5, "HTTP 401", "hint: the server refused the credentials: check --token")


def test_the_mock_names_the_flags_typed() -> None:
    done = zilliz_import("mock", "--release", "2.5", "--standard-error-status")
    one_line(done, 2, "error: --standard-error-status is a newest-only setting, not available with --release 2.5")
