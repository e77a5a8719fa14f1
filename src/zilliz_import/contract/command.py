"""`zilliz-import contract`: the contract suite against your own endpoint.

Importing this module needs only click; schemathesis (the `contract` extra) is imported when the
command runs, so the client stays light for those who do not test contracts.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

import click

from zilliz_import._core.environment import ENV_ENDPOINT, ENV_TOKEN
from zilliz_import._core.settings import check_endpoint
from zilliz_import.errors import ConfigurationError
from zilliz_import.exit_codes import Exit, exit_code_table

ENV_CLOUD_ENDPOINT, ENV_CLUSTER_ID = "CLOUD_PLATFORM_ENDPOINT", "CLUSTER_ID"  # the names Zilliz's guides use
CLOUD_DEFAULT = "https://api.cloud.zilliz.com"

INSTALL_HINT = "error: the contract command needs schemathesis: pip install 'zilliz-import[contract]'"
EXIT_FAILED, EXIT_USAGE, EXIT_UNREACHABLE = Exit.FAILED, Exit.USAGE, Exit.UNREACHABLE


@click.command("contract", epilog=exit_code_table())
@click.option("--endpoint", envvar=ENV_ENDPOINT, help=f"Cluster endpoint URL [env {ENV_ENDPOINT}].")
@click.option("--token", envvar=ENV_TOKEN, help=f"API key or username:password [env {ENV_TOKEN}].")
@click.option("--control-plane", is_flag=True,
    help=f"Test the control plane (--endpoint, else ${ENV_CLOUD_ENDPOINT}, else {CLOUD_DEFAULT})")  # fmt: skip
@click.option("--cluster-id", envvar=ENV_CLUSTER_ID, help=f"Control plane: the cluster to test [env {ENV_CLUSTER_ID}].")
@click.option("--allow-create", is_flag=True, help="Also create import jobs (create and the stateful workflow).")
@click.option("--junit", type=click.Path(dir_okay=False, path_type=Path), help="Write a JUnit XML report here.")
@click.option(
    "--examples", type=click.IntRange(min=1), default=20, show_default=True, help="Examples per operation and mode."
)
@click.option("--follow-seconds", type=click.FloatRange(min=0), default=120, show_default=True,
              help="How long to follow each created job.")  # fmt: skip
@click.option("--poll-interval", type=click.FloatRange(min=0.01), default=2.0, show_default=True,
              help="Seconds between two polls of a followed job.")  # fmt: skip
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A schemathesis.toml whose [checks.NAME] enabled = false switches checks off.")  # fmt: skip
@click.option("--record", type=click.Path(file_okay=False, path_type=Path),
              help="Write every exchange, secrets redacted, to a cassette in this folder (VCR.py format).")  # fmt: skip
@click.pass_context
def contract(ctx: click.Context, /, **options: Any) -> None:
    """Run the contract suite against an endpoint; read-only unless --allow-create.

    One request first checks that the endpoint answers, takes the token and is the kind of server
    tested (exit 5 otherwise). Exits 0 when every check passes, 1 with a report naming the failed
    checks, 2 on bad input.
    """
    shared: dict[str, Any] = ctx.obj if isinstance(ctx.obj, dict) else {}
    cloud = options["control_plane"]
    endpoint: str = options["endpoint"] or shared.get("endpoint") or ""
    if cloud:  # the cluster's CLUSTER_ENDPOINT is not the control plane: --endpoint, its own variable, or Zilliz's
        given = ctx.get_parameter_source("endpoint") == click.core.ParameterSource.COMMANDLINE
        endpoint = (options["endpoint"] if given else "") or os.environ.get(ENV_CLOUD_ENDPOINT) or CLOUD_DEFAULT
    token: str = options["token"] or shared.get("token") or ""
    if not endpoint or not token:
        missing = f"--endpoint or set {ENV_ENDPOINT}" if not endpoint else f"--token or set {ENV_TOKEN}"
        _exit(f"error: no {'endpoint' if not endpoint else 'token'}: pass {missing}", EXIT_USAGE)
    try:  # the same rules as the client: a well-formed endpoint, and no token in clear to a remote host
        check_endpoint(
            endpoint,
            allow_insecure_http=bool(shared.get("allow_insecure_http")),
            insecure_option="--allow-insecure-http",
        )
    except ConfigurationError as error:
        _exit(f"error: {error}", EXIT_USAGE)
    if cloud and not options["cluster_id"]:
        _exit(f"error: no cluster: pass --cluster-id (or set {ENV_CLUSTER_ID}) with --control-plane", EXIT_USAGE)
    if importlib.util.find_spec("schemathesis") is None:
        _exit(INSTALL_HINT, EXIT_USAGE)
    from zilliz_import.contract import endpoint as suite  # noqa: PLC0415 - needs the optional schemathesis
    from zilliz_import.contract.preflight import probe  # noqa: PLC0415 - after the input is known to be good

    try:
        disabled = suite.disabled_in(options["config_file"]) if options["config_file"] else ()
    except ValueError as error:
        _exit(f"error: {error}", EXIT_USAGE)
    junit, record = _output_places(options["junit"], options["record"])
    target = suite.Target(
        endpoint, token, options["allow_create"], options["examples"], options["follow_seconds"], disabled,
        options["poll_interval"], options["cluster_id"] if cloud else "",
    )  # fmt: skip
    ready = probe(endpoint, target.base_url, token, target.cluster_id, allow_create=target.allow_create)
    if ready.problem:
        _exit(f"error: {ready.problem}", EXIT_UNREACHABLE)
    target = replace(target, without=ready.without_two_phase or "")
    mode = "creates jobs" if target.allow_create else "read-only"
    where = f"the control plane {target.base_url}, cluster {target.cluster_id}" if cloud else target.base_url
    click.echo(f"==> contract suite against {where} ({mode})")
    if record is None:
        outcomes = suite.run_against(target)
    else:
        outcomes = _recorded(suite, target, record / ("control-plane.yaml" if cloud else "cluster.yaml"))
    click.echo(suite.report(outcomes))
    if junit is not None:
        suite.write_junit(outcomes, junit)
    sys.exit(EXIT_FAILED if any(o.failure for o in outcomes) else 0)


def _output_places(junit: Path | None, record: Path | None) -> tuple[Path | None, Path | None]:
    """The JUnit report's file and the recording's folder, checked (and the folder made) before the run."""
    if junit is not None and not junit.parent.is_dir():
        _exit(f"error: cannot write the JUnit report: no folder {junit.parent}", EXIT_USAGE)
    if record is not None:
        try:
            record.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            _exit(f"error: cannot record into {record}: {error.strerror or error}", EXIT_USAGE)
    return junit, record


def _recorded(suite: Any, target: Any, cassette: Path) -> Any:
    """Run the suite while recording; a redaction that fails stops the run and nothing is written."""
    from zilliz_import.cassette import RedactionError  # noqa: PLC0415 - needs the optional PyYAML
    from zilliz_import.contract.recording import recording  # noqa: PLC0415

    with recording(target.token) as kept:
        outcomes = suite.run_against(target)
    try:
        kept.save(cassette)
    except RedactionError as error:
        _exit(f"error: recording stopped: {error}", EXIT_FAILED)
    click.echo(f"==> recorded {len(kept.exchanges)} exchanges to {cassette} (secrets redacted)")
    return outcomes


def _exit(message: str, status: int) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(status)
