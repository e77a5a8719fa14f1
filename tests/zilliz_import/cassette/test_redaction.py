"""Cassettes: every planted secret redacted (headers, bodies, URLs, echoes), a failed redaction writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from zilliz_import import cassette
from zilliz_import.cassette import SECRET_MARK, TOKEN_MARK, Exchange, RedactionError, Redactor

TOKEN = "root:planted-Passw0rd"
ACCESS, SECRET_KEY, WRONG, URL_PASSWORD, QUERY_KEY = (
    "AKIAPLANTEDACCESS01", "planted/secret+key=99", "wrong-token-planted", "planted-url-pw", "planted-query-key",
)  # fmt: skip
PLANTED = (TOKEN, ACCESS, SECRET_KEY, WRONG, URL_PASSWORD, QUERY_KEY)


def planted() -> Exchange:
    """An exchange with a secret in every place one can hide."""
    request = {
        "collectionName": "quick_setup",
        "options": {"accessKey": ACCESS, "secretKey": SECRET_KEY},
        "nested": [{"token": WRONG}],
        "numbers": {"apiKey": 12345678901},
    }
    answer = {"code": 1800, "message": f"token {TOKEN} and key {ACCESS} refused"}
    return Exchange(
        "POST",
        f"http://user:{URL_PASSWORD}@127.0.0.1:1/v2/vectordb/jobs/import/create?api_key={QUERY_KEY}&page=1",
        {"Authorization": f"Bearer {TOKEN}", "X-Api-Key": WRONG, "Content-Type": "application/json"},
        json.dumps(request).encode(),
        401,
        "Unauthorized",
        {"content-type": "application/json", "set-cookie": f"session={WRONG}"},
        json.dumps(answer).encode(),
    )


def test_no_planted_secret_reaches_the_file(tmp_path: Path) -> None:
    redactor = Redactor(TOKEN)
    path = tmp_path / "cassette.yaml"
    cassette.write(path, [redactor.exchange(planted())], redactor)
    text = path.read_text()
    assert [secret for secret in PLANTED if secret in text] == []
    assert TOKEN_MARK in text and SECRET_MARK in text  # control: the marks stand where the secrets were


def test_redaction_keeps_what_is_not_secret_and_the_json_types() -> None:
    clean = Redactor(TOKEN).exchange(planted())
    body = json.loads(clean.request_body)
    assert body["collectionName"] == "quick_setup"
    assert body["options"] == {"accessKey": SECRET_MARK, "secretKey": SECRET_MARK}
    assert body["nested"] == [{"token": SECRET_MARK}]
    assert body["numbers"] == {"apiKey": 0}  # a number stays a number, so a replay sends the same type
    assert clean.request_headers["Authorization"] == f"Bearer {TOKEN_MARK}"
    assert clean.request_headers["Content-Type"] == "application/json"
    assert clean.uri == f"http://{SECRET_MARK}@127.0.0.1:1/v2/vectordb/jobs/import/create?api_key={SECRET_MARK}&page=1"
    assert json.loads(clean.response_body)["message"] == f"token {TOKEN_MARK} and key {SECRET_MARK} refused"


def test_a_redaction_that_fails_stops_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Redactor, "_headers", lambda self, headers, found: dict(headers))  # planted fault
    monkeypatch.setattr(Redactor, "_scrub", lambda self, exchange, found: exchange)
    with pytest.raises(RedactionError, match="survived redaction"):
        Redactor(TOKEN).exchange(planted())


def test_write_checks_the_whole_text_once_more(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    redactor = Redactor(TOKEN)
    leaked = Exchange("POST", "http://h/x", {}, TOKEN.encode(), 200, "OK", {}, b"{}")  # never passed through it
    cassette.write(tmp_path / "scrubbed.yaml", [leaked], redactor)  # the last pass takes it out...
    assert TOKEN not in (tmp_path / "scrubbed.yaml").read_text()
    monkeypatch.setattr(Redactor, "final", lambda self, exchanges: exchanges)  # ...and without it (planted fault)
    path = tmp_path / "cassette.yaml"
    with pytest.raises(RedactionError):
        cassette.write(path, [leaked], redactor)
    assert not path.exists()


def test_a_cassette_reads_back_as_written_in_vcr_format(tmp_path: Path) -> None:
    redactor = Redactor(TOKEN)
    clean = redactor.exchange(planted())
    binary = Exchange("GET", "http://h/y", {}, b"", 500, "Internal Server Error", {}, b"\xff\xfe not text")
    path = tmp_path / "cassette.yaml"
    cassette.write(path, [clean, binary], redactor)
    document = yaml.safe_load(path.read_text())
    assert document["version"] == 1 and set(document["interactions"][0]) == {"request", "response"}
    assert cassette.read(path) == [clean, binary]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("a: [b", "not a readable YAML cassette"),
        ("interactions: 3\n", "no `interactions` list"),
        ("interactions:\n- request: {method: GET}\n", "interaction 1 is malformed"),
    ],
)
def test_bad_cassettes_are_refused_in_one_line(tmp_path: Path, text: str, why: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(ValueError, match=why) as caught:
        cassette.read(path)
    assert "\n" not in str(caught.value)


def test_a_secret_sent_once_is_redacted_where_it_comes_back_later() -> None:
    redactor = Redactor(TOKEN)
    redactor.exchange(planted())
    later = Exchange("POST", "http://h/list", {}, b'{"collectionName": "x"}', 200, "OK", {}, ACCESS.encode())
    assert redactor.exchange(later).response_body == SECRET_MARK.encode()


def test_the_check_sees_a_secret_deep_in_a_long_line() -> None:
    long_body = ("x" * 500 + " " + TOKEN + " " + "y" * 500).encode()  # YAML would fold a line this long
    with pytest.raises(RedactionError):
        Redactor(TOKEN).check(cassette.dump([Exchange("POST", "http://h/x", {}, long_body, 200, "OK", {}, b"")]))


def test_a_value_seen_before_it_was_known_as_a_secret_is_removed_at_write(tmp_path: Path) -> None:
    redactor = Redactor(TOKEN)
    earlier = redactor.exchange(Exchange("POST", "http://h/list", {}, f'{{"collectionName": "{ACCESS}"}}'.encode(),
                                         200, "OK", {}, b"{}"))  # fmt: skip
    assert ACCESS.encode() in earlier.request_body  # not yet known as a secret
    redactor.exchange(planted())  # now it is: an accessKey
    path = tmp_path / "cassette.yaml"
    cassette.write(path, [earlier], redactor)
    assert ACCESS not in path.read_text()


def test_a_secret_escaped_by_json_is_found_and_removed() -> None:
    quoted = 'planted"key\\é'
    redactor = Redactor(TOKEN)
    body = json.dumps({"secretKey": quoted, "note": f"again {quoted}"}).encode()  # the note holds it escaped
    clean = redactor.exchange(Exchange("POST", "http://h/x", {}, body, 200, "OK", {}, body))
    assert json.loads(clean.request_body) == {"secretKey": SECRET_MARK, "note": f"again {SECRET_MARK}"}
    assert json.loads(clean.response_body)["note"] == f"again {SECRET_MARK}"
