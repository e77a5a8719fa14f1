"""The suite against a user's endpoint: configuration, a read-only look at existing jobs, the report.

Needs schemathesis (the `contract` extra); `command.py` checks for it before importing this module.
"""

from __future__ import annotations

import re
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from xml.etree import ElementTree as ET

import schemathesis
from schemathesis.checks import CHECKS
from schemathesis.specs.openapi.schemas import OpenApiSchema

from zilliz_import.contract import session
from zilliz_import.contract.answer import ABORT, COMMIT, CREATE, DESCRIBE, LIST, PROGRESS, envelope_of
from zilliz_import.contract.cloud_rules import ALL_RULES
from zilliz_import.contract.history import TIME_RULES
from zilliz_import.contract.runner import Budget, Outcome, run_suite
from zilliz_import.contract.spec import SPEC_PATH, pinned_control_plane
from zilliz_import.contract.workflow import FollowPolicy

# Built-ins that count HTTP 200 as "accepted" or expect 401 for any missing header; the envelope-aware
# checks replace them. schemathesis.toml in a checkout switches off the same ones (a test keeps them equal).
REPLACED_BUILTINS = ("negative_data_rejection", "positive_data_acceptance", "ignored_auth", "missing_required_header")
SEED = 20261129
WRITES = (CREATE, COMMIT, ABORT)  # left out of a read-only run: they start or end real jobs
EXISTING_JOBS = 5  # jobs already on the server that a read-only run follows
CHECK_NAME = re.compile(r"Custom check failed: `(\w+)`|^- (?:ST\d+ )?([A-Z][\w ]+)$", re.MULTILINE)


@dataclass(frozen=True)
class Target:
    """Where and how to run: the endpoint, the token, and what the run may do."""

    endpoint: str
    token: str = field(repr=False)
    allow_create: bool = False
    examples: int = 20
    follow_seconds: float = 120.0
    disabled: tuple[str, ...] = ()
    poll_seconds: float = 2.0
    cluster_id: str = ""  # set: the endpoint is the control plane, and this is the cluster its requests name
    without: str = ""  # set: why commit and abort are left out (the server has neither)

    @property
    def base_url(self) -> str:
        """The endpoint as a base URL; https:// when it names no scheme, as in the seed's example."""
        endpoint = self.endpoint.strip().rstrip("/")
        return endpoint if "://" in endpoint else f"https://{endpoint}"


def disabled_in(config_file: Path) -> tuple[str, ...]:
    """Checks a schemathesis.toml switches off (`[checks.NAME] enabled = false`).

    Raises:
        ValueError: The file is not TOML, its `checks` is not a table, or a section names no check (a typo would
            leave the check on); the message lists the valid names.
    """
    try:
        checks = tomllib.loads(config_file.read_text(encoding="utf-8")).get("checks", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"{config_file} is not a TOML file: {error}") from None
    if not isinstance(checks, dict):
        raise ValueError(f"{config_file}: `checks` must be a table of [checks.NAME] sections")
    known = CHECKS.get_all_names()
    unknown = [name for name, table in checks.items() if isinstance(table, dict) and name not in known]
    if unknown:
        listed = ", ".join(f"[checks.{name}]" for name in unknown)
        raise ValueError(f"{config_file}: no check named {listed}; the checks are: {', '.join(sorted(known))}")
    return tuple(name for name, table in checks.items() if isinstance(table, dict) and table.get("enabled") is False)


def endpoint_schema(target: Target) -> OpenApiSchema:
    """The packaged spec bound to the endpoint; without `create`, `commit` and `abort` unless the target allows it."""
    checks = {name: {"enabled": False} for name in (*REPLACED_BUILTINS, *target.disabled)}
    config = schemathesis.Config.from_dict(
        {
            "base-url": target.base_url,
            "seed": SEED,
            "headers": {"Authorization": f"Bearer {target.token}"},
            "generation": {"mode": "all", "max-examples": target.examples},
            "checks": checks,
        }
    )
    if target.cluster_id:
        schema = schemathesis.openapi.from_dict(pinned_control_plane([target.cluster_id]), config=config)
    else:
        schema = schemathesis.openapi.from_path(str(SPEC_PATH), config=config)
    left_out = WRITES if not target.allow_create else (COMMIT, ABORT) if target.without else ()
    present = {result.ok().definition.raw["operationId"] for result in schema.get_all_operations()}  # type: ignore[union-attr]
    if not any(op in present for op in left_out):
        return schema
    return cast(OpenApiSchema, schema.exclude(operation_id=[op for op in left_out if op in present]))


def run_against(target: Target) -> list[Outcome]:
    """Every part of the suite against the endpoint, then a look at jobs already there."""
    schema = endpoint_schema(target)
    polls = max(1, int(target.follow_seconds / target.poll_seconds))
    follow = FollowPolicy(polls=polls, jobs=3, pause=lambda: time.sleep(target.poll_seconds))
    outcomes = run_suite(schema, Budget(examples=target.examples, follow=follow), stateful=target.allow_create)
    skipped = [Outcome("commit and abort", None, target.without)] if target.allow_create and target.without else []
    return [*outcomes, existing_jobs(schema, target.cluster_id), *skipped]


def existing_jobs(schema: OpenApiSchema, cluster_id: str = "") -> Outcome:
    """Read-only: the first jobs `list` shows (of `cluster_id` on a control plane), asked on both progress paths."""
    label = "jobs already on the server"
    headers = dict(schema.config.headers or {})  # cases made by hand do not get the configured token
    try:
        where: dict[str, Any] = {"clusterId": cluster_id} if cluster_id else {}
        listing = schema.find_operation_by_id(LIST).Case(body=where, headers=headers, media_type="application/json")
        response = listing.call_and_validate()
        listed = envelope_of(response.content) or {}
        if listed.get("code") != 0:
            return Outcome(label, f"list answered HTTP {response.status_code}, code {listed.get('code')}")
        base_url = (response.request.url or "").split(listing.operation.path)[0]
        for record in ((listed.get("data") or {}).get("records") or [])[:EXISTING_JOBS]:
            job_id = str(record.get("jobId"))
            collection = str(record.get("collectionName"))
            session.HISTORY.remember(base_url, job_id, collection, "default", created=False, cluster=cluster_id)
            for operation_id in (PROGRESS, DESCRIBE):
                operation = schema.find_operation_by_id(operation_id)
                operation.Case(
                    body={"jobId": job_id, **where}, headers=headers, media_type="application/json"
                ).call_and_validate()
    except (Exception, BaseExceptionGroup) as error:  # a failure is a finding to report
        return Outcome(label, str(error))
    return Outcome(label, None)


def failed_checks(outcomes: list[Outcome]) -> list[str]:
    """The names of the checks that failed, in order of first failure, and of the rules a probe found broken."""
    names: dict[str, None] = {}
    for outcome in outcomes:
        text = outcome.failure or ""
        for custom, builtin in CHECK_NAME.findall(text):
            names[custom or builtin.strip()] = None
        names.update((rule, None) for rule in (*ALL_RULES, *TIME_RULES) if f"{rule}: " in text)
    return list(names)


def report(outcomes: list[Outcome], *, lines: int = 30) -> str:
    """A readable report: one line per part, the failure text of each failed part, and a summary."""
    out = [f"{'FAIL' if o.failure else 'skip' if o.skipped else 'ok  '}  {o.label}" for o in outcomes]
    out += [f"skipped {o.label}: {o.skipped}" for o in outcomes if o.skipped]
    for outcome in (o for o in outcomes if o.failure):
        out += ["", f"== {outcome.label}", *(outcome.failure or "").strip().splitlines()[:lines]]
    failed, run = [o for o in outcomes if o.failure], [o for o in outcomes if not o.skipped]
    summary = f"{len(failed)} of {len(run)} parts failed" if failed else f"all {len(run)} parts passed"
    names = failed_checks(outcomes)
    return "\n".join([*out, "", summary + (f"; failed checks: {', '.join(names)}" if names else "")])


def write_junit(outcomes: list[Outcome], path: Path) -> None:
    """A JUnit XML report, one test case per part of the suite."""
    failed = sum(1 for o in outcomes if o.failure)
    suite = ET.Element("testsuite", name="zilliz-import contract", tests=str(len(outcomes)), failures=str(failed))
    for outcome in outcomes:
        case = ET.SubElement(suite, "testcase", classname="contract", name=outcome.label)
        if outcome.skipped:
            ET.SubElement(case, "skipped", message=outcome.skipped)
        if outcome.failure:
            first = outcome.failure.strip().splitlines()[0] if outcome.failure.strip() else "failed"
            ET.SubElement(case, "failure", message=first).text = outcome.failure
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)
