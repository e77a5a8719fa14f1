"""The cluster routes' bodies decoded and checked like the real server: 1801, 1802, 2100, 1100 and 100 rows."""

from __future__ import annotations

import httpx
import pytest

from tests.zilliz_import.mock.conftest import CREATE, PROGRESS_ROUTES, Connect, call, created, envelope, progress, until

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("route", PROGRESS_ROUTES)
async def test_empty_body_is_1801(client: httpx.AsyncClient, route: str) -> None:
    status, code, message = envelope(await call(client, route, content=b""))
    assert (status, code) == (200, 1801)
    assert message.startswith("can only accept json format request")


@pytest.mark.parametrize("route", [*PROGRESS_ROUTES, "create", "list"])
@pytest.mark.parametrize("raw", [b"{", b"not json", b"[1,2]", b'"text"', b"\xff\xfe"])
async def test_malformed_json_is_1801(client: httpx.AsyncClient, route: str, raw: bytes) -> None:
    status, code, message = envelope(await call(client, route, content=raw))
    assert (status, code) == (200, 1801)
    assert message.startswith("can only accept json format request, error: ")


@pytest.mark.parametrize("route", PROGRESS_ROUTES)
async def test_job_id_as_a_number_like_the_seed_example_is_1801(client: httpx.AsyncClient, route: str) -> None:
    status, code, message = envelope(await call(client, route, {"jobId": 44870776388440916}))
    assert (status, code) == (200, 1801)
    assert "cannot unmarshal number" in message


@pytest.mark.parametrize("route", PROGRESS_ROUTES)
@pytest.mark.parametrize("body", [{}, {"jobId": ""}, {"jobId": None}, None, {"jobid_typo": "1"}])
async def test_missing_job_id_is_1802(client: httpx.AsyncClient, route: str, body: object) -> None:
    content = b"null" if body is None else None
    status, code, message = envelope(await call(client, route, body, content=content))
    assert (status, code) == (200, 1802)
    assert message.startswith("missing required parameters")


@pytest.mark.parametrize("route", PROGRESS_ROUTES)
@pytest.mark.parametrize("job_id", ["abc", "12x", "1.5", " 1", "0x10", "9223372036854775808", "٣"])
async def test_job_id_not_a_decimal_int64_is_2100_parse_failed(
    client: httpx.AsyncClient, route: str, job_id: str
) -> None:
    status, code, message = envelope(await call(client, route, {"jobId": job_id}))
    assert (status, code) == (200, 2100)
    assert message.startswith("parse job id failed")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"files": [["a.parquet"]]}, 1802),
        ({"collectionName": "", "files": [["a.parquet"]]}, 1802),
        ({"collectionName": "c"}, 1802),
        ({"collectionName": "c", "files": None}, 1802),
        ({"collectionName": "c", "files": []}, 1100),
        ({"collectionName": "c", "files": [[]]}, 1100),
        ({"collectionName": "c", "files": [[""]]}, 1100),
        ({"collectionName": "c", "files": [["a"]] * 1025}, 2100),
        ({"collectionName": "c", "files": "a.parquet"}, 1801),
        ({"collectionName": "c", "files": ["a.parquet"]}, 1801),
        ({"collectionName": "c", "files": [[1]]}, 1801),
        ({"collectionName": 5, "files": [["a"]]}, 1801),
        ({"collectionName": "c", "files": [["a"]], "options": {"timeout": 300}}, 1801),
        ({"collectionName": "c", "files": [["a"]], "dbName": 1}, 1801),
        ({"collectionName": "1bad", "files": [["a"]]}, 100),
        ({"collectionName": "x" * 256, "files": [["a"]]}, 100),
    ],
)
async def test_create_refuses_bad_requests_like_the_server(client: httpx.AsyncClient, body: object, code: int) -> None:
    assert envelope(await call(client, "create", body))[:2] == (200, code)


async def test_unknown_request_fields_are_ignored(client: httpx.AsyncClient) -> None:
    extra = {"clusterId": "", "projectId": "", "regionId": "", "objectUrls": None, "dataPaths": None}
    created = (await call(client, "create", CREATE | extra)).json()
    assert created["code"] == 0
    progress = (await call(client, "describe", {"jobId": created["data"]["jobId"]} | extra)).json()
    assert progress["code"] == 0 and progress["data"]["jobId"] == created["data"]["jobId"]


async def test_requests_exactly_as_the_node_sdk_sends_them(connect: Connect) -> None:
    """`HttpClient` of @zilliz/milvus2-sdk-node: a `ContentType` header, so fetch labels the body text/plain."""
    node = {"ContentType": "application/json", "Accept-Type-Allow-Int64": "true"}
    as_text = node | {"Content-Type": "text/plain;charset=UTF-8"}
    async with connect() as (client, _):
        raw = b'{"collectionName":"quick_setup","files":[["a.parquet"]],"dbName":"default"}'
        job = (await call(client, "create", content=raw, headers=as_text)).json()["data"]["jobId"]
        listed = await call(client, "list", content=b'{"dbName":"default"}', headers=node)  # no Content-Type at all
        asked = await call(
            client, "get_progress", content=f'{{"jobId":"{job}","dbName":"default"}}'.encode(), headers=as_text
        )
    assert listed.request.headers.get("content-type") is None
    assert [r["jobId"] for r in listed.json()["data"]["records"]] == [job]
    assert asked.json()["data"]["jobId"] == job


async def test_too_many_file_units_is_2100(connect: Connect) -> None:
    async with connect(max_files=3) as (client, _):
        status, code, message = envelope(await call(client, "create", CREATE | {"files": [["a"]] * 4}))
    assert (status, code) == (200, 2100)
    assert message == "The max number of import files should not exceed 3, but got 4: importing data failed"


async def test_empty_units_are_dropped_before_counting(connect: Connect) -> None:
    async with connect(max_files=1) as (client, _):
        job = await created(client, CREATE | {"files": [[], ["dir/a.parquet"], []]})
        data = await until(client, job, "Completed")
    assert [d["fileName"] for d in data["details"]] == ["[dir/a.parquet]"]


@pytest.mark.parametrize("files", [[], [[]], [[], []]])
async def test_nothing_left_to_import_is_1100(connect: Connect, files: list[list[str]]) -> None:
    async with connect() as (client, _):
        status, code, message = envelope(await call(client, "create", CREATE | {"files": files}))
    assert (status, code, message) == (200, 1100, "import request is empty: invalid parameter")


async def test_collection_missing_is_100_and_backup_without_partition_is_1100(connect: Connect) -> None:
    async with connect() as (client, _):
        missing = envelope(await call(client, "create", CREATE | {"collectionName": "9bad"}, headers={"DB-Name": "d"}))
        backup = envelope(await call(client, "create", CREATE | {"options": {"backup": "true"}}))
    assert missing == (200, 100, "collection not found[database=d][collection=9bad]")
    assert backup[:2] == (200, 1100) and backup[2].startswith("partition not specified")


async def test_a_bad_timeout_option_is_2100(connect: Connect) -> None:
    async with connect() as (client, _):
        bad = envelope(await call(client, "create", CREATE | {"options": {"timeout": "soon"}}))
        await created(client, CREATE | {"options": {"timeout": "1h30m"}})
    assert bad[:2] == (200, 2100) and bad[2].startswith("parse timeout failed")


# Sheet, third edition, section 4: keys match as Go's encoding/json matches them, on every route.
@pytest.mark.parametrize("route", [*PROGRESS_ROUTES, "commit", "abort"])
@pytest.mark.parametrize(
    "raw",
    [
        '{{"jobID": "{job}"}}',  # Milvus's own REST test client
        '{{"JobId": "{job}"}}',
        '{{"jobId": "1", "JOBID": "{job}"}}',  # a later key overwrites an earlier one
        '{{"jobId": "1", "jobId": "{job}"}}',  # exact duplicates too
        '{{"jobid": "{job}", "JobID": null}}',  # null leaves it
    ],
)
async def test_job_routes_match_keys_like_go(connect: Connect, route: str, raw: str) -> None:
    async with connect() as (client, _):
        job = await created(client, CREATE | {"options": {"auto_commit": "false"}})
        answer = (await call(client, route, content=raw.format(job=job).encode())).json()
    if route in PROGRESS_ROUTES:
        assert answer["code"] == 0 and answer["data"]["jobId"] == job, answer
    elif route == "commit":  # found, and refused for its state (Pending), not as missing (1802) or unknown
        assert answer["code"] == 2100 and "is in state Pending, expected Uncommitted" in answer["message"], answer
    else:
        assert answer == {"code": 0, "data": {}}


async def test_create_and_list_match_keys_like_go(connect: Connect) -> None:
    async with connect() as (client, _):
        raw = (
            b'{"COLLECTIONNAME": "quick_setup", "DbName": "db2", "fileS": [["x.txt"]], "file\xc5\xbf": [["a.parquet"]],'
            b' "options": {"auto_commit": "false"}, "Options": {"timeout": "300s"}}'
        )
        job = (await call(client, "create", content=raw)).json()["data"]["jobId"]
        listed = (await call(client, "list", content=b'{"collectionname": "quick_setup", "DBNAME": "db2"}')).json()
        elsewhere = (await call(client, "list", content=b'{"CollectionName": "quick_setup"}')).json()
        await until(client, job, "Uncommitted")  # both maps' entries were kept: it waits for a commit
        data = await progress(client, job)
    assert [r["jobId"] for r in listed["data"]["records"]] == [job]
    assert elsewhere["data"]["records"] == []
    assert [d["fileName"] for d in data["details"]] == ["[a.parquet]"]  # the later `files` key won


async def test_null_after_files_unsets_them_as_go_does(client: httpx.AsyncClient) -> None:
    raw = b'{"collectionName": "c", "files": [["a.parquet"]], "FILES": null}'
    status, code, message = envelope(await call(client, "create", content=raw))
    assert (status, code) == (200, 1802) and "'ImportReq.Files'" in message
