"""The published page as a witness: every disagreement with the spec is in the errata table, and only those.

The page is read from `../shared/seed/` next to the checkout (as in CI); without it the check is
skipped with a message naming the missing file.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.openapi.seed_page import ERRATA, SEED, audit, disagreements, errata_rows, load_spec

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason=f"the published page is missing: {SEED}")


@pytest.fixture(scope="module")
def page() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return load_spec()


@pytest.fixture(scope="module")
def errata() -> str:
    return ERRATA.read_text(encoding="utf-8")


def test_every_disagreement_of_the_page_is_in_the_errata_table_and_no_more(
    page: str, spec: dict[str, Any], errata: str
) -> None:
    assert audit(page, spec, errata) == []


def test_the_reader_sees_every_part_of_the_page(page: str, spec: dict[str, Any]) -> None:
    """Control: each part of the page was read (a reader that found nothing would pass the audit vacuously)."""
    places = {where for where, _ in disagreements(page, spec)}
    assert places == {
        "example URL", "request example", "response body", "response body table", "error response table",
        "header table",
    }  # fmt: skip


def test_an_unlisted_disagreement_fails(page: str, spec: dict[str, Any], errata: str) -> None:
    planted = page.replace('"fileSize": 3279917,\n                "importedRows"', '"fileSize": "3279917",\n'
                           '                "importedRows"', 1)  # fmt: skip
    assert planted != page
    assert audit(planted, spec, errata) == [
        "not in the errata: response example `data.details[].fileSize` (the page says see the example)"
    ]


def test_a_planted_table_type_and_header_are_reported(page: str, spec: dict[str, Any], errata: str) -> None:
    planted = page.replace("| __data.collectionName__ | __string__", "| __data.collectionName__ | __integer__")
    planted = planted.replace("| __Authorization__  |", "| __X-Auth__  |")
    assert set(audit(planted, spec, errata)) == {
        "not in the errata: response body table `data.collectionName` (the page says integer)",
        "not in the errata: header table `X-Auth` (the page says a header the spec does not have)",
    }


def test_a_listed_disagreement_that_no_longer_occurs_fails(page: str, spec: dict[str, Any], errata: str) -> None:
    fixed = page.replace('"jobId": 44870776388440916', '"jobId": "44870776388440916"')
    assert fixed != page
    assert audit(fixed, spec, errata) == ["listed but the page no longer says it: request example `jobId`"]


def test_a_row_without_its_source_fails(page: str, spec: dict[str, Any], errata: str) -> None:
    row = next(line for line in errata.splitlines() if line.startswith("| `request example` | `jobId`"))
    cut = row.rsplit("|", 2)[0] + "|  |"
    assert audit(page, spec, errata.replace(row, cut)) == [
        "errata row without a reason or a source: request example `jobId`"
    ]


def test_the_table_keeps_every_erratum_the_readme_listed(errata: str) -> None:
    rows = errata_rows(errata)
    assert len({(r["where"], r["field"]) for r in rows}) == len(rows)  # each row once
    text = " ".join(" ".join(r.values()) for r in rows)
    errata_of_the_readme = (
        "1801", "`code` 0", "data.details", "InProgress", "Uncommitted", "createTime", "Request-Timeout", "1807",
        "2101", "standardErrorStatus", "scheme", "not scoped by database", "index build",
    )  # fmt: skip
    assert [erratum for erratum in errata_of_the_readme if erratum not in text] == []
