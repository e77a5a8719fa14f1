"""File types checked at create (sheet, third edition, section 1): 2100 and no job, over both transports."""

from __future__ import annotations

import httpx
import pytest

from tests.zilliz_import.mock.conftest import CREATE, Connect, call, created, envelope

pytestmark = pytest.mark.anyio
FAILED = ": importing data failed"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([["a.txt"]], "unexpected file type, files=[a.txt]"),
        ([["a.txt", "b.txt"]], "unexpected file type, files=[a.txt b.txt]"),
        ([["dir/1.PARQUET"]], "unexpected file type, files=[dir/1.PARQUET]"),  # the extension as written
        ([["dir.v1/data"]], "unexpected file type, files=[dir.v1/data]"),  # Go's filepath.Ext: the last element
        ([["a.json", "b.parquet"]], "inconsistency in file types, (a.json) vs (b.parquet)"),
        ([["id.npy", "vec.npy", "x.csv"]], "inconsistency in file types, (id.npy) vs (x.csv)"),
        ([["a.parquet", "b.parquet"]], "for Parquet import, accepts only one file"),
        ([["a.json", "b.json"]], "for JSON import, accepts only one file"),
        ([["a.csv", "b.csv"]], "for CSV import, accepts only one file"),
        ([["ok.parquet"], ["bad.txt"]], "unexpected file type, files=[bad.txt]"),
    ],
)
async def test_files_the_server_cannot_read_are_2100_and_start_no_job(
    client: httpx.AsyncClient, files: list[list[str]], message: str
) -> None:
    refused = envelope(await call(client, "create", CREATE | {"files": files}))
    listed = (await call(client, "list", {})).json()["data"]["records"]
    assert refused == (200, 2100, message + FAILED)
    assert listed == []


@pytest.mark.parametrize(
    "files",
    [[["a.json"]], [["a.parquet"]], [["a.csv"]], [["id.npy", "vector.npy"]], [["a.jsonl"]], [["a.ndjson"]]],
)
async def test_readable_units_start_a_job(client: httpx.AsyncClient, files: list[list[str]]) -> None:
    assert await created(client, CREATE | {"files": files})


@pytest.mark.parametrize("release", ["2.5", "2.6"])
async def test_json_lines_is_newest_only(connect: Connect, release: str) -> None:
    async with connect(release=release) as (client, _):
        refused = envelope(await call(client, "create", CREATE | {"files": [["a.jsonl"]]}))
    assert refused == (200, 2100, "unexpected file type, files=[a.jsonl]" + FAILED)


@pytest.mark.parametrize(("option", "value"), [("backup", "true"), ("l0_import", "true"), ("backup", "TRUE")])
async def test_backup_and_l0_units_are_folder_prefixes_and_not_checked(
    client: httpx.AsyncClient, option: str, value: str
) -> None:
    body = CREATE | {"files": [["backup/2024/", "backup/2024/segments"]], "partitionName": "_default"}
    checked = envelope(await call(client, "create", body | {"options": {option: "false"}}))
    answer = (await call(client, "create", body | {"options": {option: value}})).json()
    assert checked[:2] == (200, 2100)
    assert answer["code"] == 0, answer
