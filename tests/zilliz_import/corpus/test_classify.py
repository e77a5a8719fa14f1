"""Every recorded answer through the generated models and `interpret`: the corpus reads, a planted answer does not."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from zilliz_import import cassette
from zilliz_import.corpus.classify import classify, plane_of

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
CASSETTES = sorted(CORPUS.glob("*/*.yaml"))


def test_the_corpus_holds_each_profile_and_the_control_plane() -> None:
    assert {path.parent.name for path in CASSETTES} == {"newest", "2.6", "2.5", "control-plane"}


@pytest.mark.parametrize("path", CASSETTES, ids=lambda path: path.parent.name)
def test_every_answer_of_the_corpus_is_classified(path: Path) -> None:
    exchanges = cassette.read(path)
    plane = plane_of(exchanges)
    assert plane == ("control plane" if path.parent.name == "control-plane" else "cluster")
    verdicts = [classify(exchange, plane) for exchange in exchanges]
    assert [v for v in verdicts if not v.readable] == []
    outcomes = {v.outcome for v in verdicts}  # control: successes and several kinds of typed errors were seen
    assert any(o.startswith("data: ") for o in outcomes) and "AuthenticationError" in outcomes


def test_a_planted_answer_the_client_cannot_read_is_reported() -> None:
    exchanges = cassette.read(CORPUS / "newest" / "cluster.yaml")
    create = next(e for e in exchanges if e.uri.endswith("/create") and b'"jobId"' in e.response_body)
    assert classify(create, "cluster").readable  # control
    planted = replace(create, response_body=json.dumps({"code": 0, "data": {"jobId": 5}}).encode())
    verdict = classify(planted, "cluster")
    assert not verdict.readable and verdict.outcome == "UnexpectedResponseError"
    html = replace(create, status=200, response_body=b"<html>gateway</html>")
    assert not classify(html, "cluster").readable


def test_a_route_a_release_does_not_serve_is_classified_and_an_unknown_one_is_not() -> None:
    exchanges = cassette.read(CORPUS / "newest" / "cluster.yaml")
    commit = next(e for e in exchanges if e.uri.endswith("/commit"))
    missing = replace(commit, status=404, response_body=b"404 page not found")
    assert classify(missing, "cluster").readable
    assert not classify(replace(missing, uri=commit.uri.replace("/commit", "/rename")), "cluster").readable
