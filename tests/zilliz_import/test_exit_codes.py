"""One exit-code table: in `--help` of the installed command, in docs/cli.md, the same everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.zilliz_import.cli.installed import zilliz_import
from zilliz_import.exit_codes import MEANINGS, Exit

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


@pytest.mark.parametrize("group", [[], ["cloud"], ["contract"]])
def test_help_shows_the_table(group: list[str]) -> None:
    done = zilliz_import(*group, "--help")
    assert done.status == 0 and "Exit codes:" in done.out
    shown = " ".join(done.out.split())
    for code, meaning in MEANINGS.items():
        assert f"{int(code)} {meaning}" in shown, (code, done.out)


def test_the_docs_hold_the_same_table() -> None:
    rows = re.findall(r"^\| (\d) \| (.+?) \|$", DOCS.read_text(encoding="utf-8"), re.MULTILINE)
    assert {Exit(int(code)): meaning for code, meaning in rows} == MEANINGS


def test_the_codes_are_those_of_the_issue() -> None:
    assert [int(code) for code in Exit] == [0, 1, 2, 3, 4, 5]
    assert "unreachable endpoint, refused credentials, wrong kind of server, TLS mismatch" in MEANINGS[Exit.UNREACHABLE]
