"""`zilliz-import corpus check`: read a recording back through the client, and replay it against a server.

Exit codes: 0 nothing differs and every answer is classified; 1 differences or unclassified answers
(a readable report); 2 bad input; 5 the endpoint cannot be reached.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import NoReturn

import click

from zilliz_import._core.environment import ENV_TOKEN
from zilliz_import._core.settings import check_endpoint
from zilliz_import.errors import ConfigurationError
from zilliz_import.exit_codes import Exit

# The CLI's one exit-code table: a difference is a failed comparison (1), no server is "could not reach" (5).
EXIT_OK, EXIT_DIFFERENT, EXIT_USAGE, EXIT_UNREACHABLE = Exit.OK, Exit.FAILED, Exit.USAGE, Exit.UNREACHABLE
INSTALL_HINT = "error: reading a recording needs PyYAML: pip install 'zilliz-import[contract]'"


@click.group("corpus")
def corpus() -> None:
    """Recordings of `zilliz-import contract --record`: check them, replay them."""


@corpus.command("check")
@click.argument("recording", type=click.Path(path_type=Path))
@click.option("--endpoint", help="Replay the recorded requests against this server and compare the answers.")
@click.option("--token", envvar=ENV_TOKEN, help=f"API key or username:password for --endpoint [env {ENV_TOKEN}].")
@click.option("--allow-insecure-http", is_flag=True, help="Send the token over plain http to a remote host.")
def check(recording: Path, endpoint: str | None, token: str | None, allow_insecure_http: bool) -> None:
    """Pass every recorded answer through the client; with --endpoint, replay and compare.

    RECORDING is a cassette, or a folder of them (`*.yaml`). Exits 0 when every answer is classified
    and nothing differs, 1 with a report otherwise, 2 on bad input, 5 when the endpoint cannot be reached.
    """
    if importlib.util.find_spec("yaml") is None:
        _exit(INSTALL_HINT, EXIT_USAGE)
    from zilliz_import import cassette  # noqa: PLC0415 - needs the optional PyYAML
    from zilliz_import.corpus.classify import classify, plane_of  # noqa: PLC0415
    from zilliz_import.corpus.replay import Unreachable, replay  # noqa: PLC0415

    files = sorted(recording.glob("*.yaml")) if recording.is_dir() else [recording]
    if not recording.exists() or not files:
        _exit(f"error: no recording at {recording} (a cassette, or a folder of *.yaml cassettes)", EXIT_USAGE)
    if endpoint is not None:
        if not token:
            _exit("error: no token: pass --token (or set TOKEN) with --endpoint", EXIT_USAGE)
        try:
            check_endpoint(endpoint, allow_insecure_http=allow_insecure_http)
        except ConfigurationError as error:
            _exit(f"error: {error}", EXIT_USAGE)
    try:
        recordings = {path: cassette.read(path) for path in files}
    except ValueError as error:
        _exit(f"error: {error}", EXIT_USAGE)
    problems = 0
    for path, exchanges in recordings.items():
        plane = plane_of(exchanges)
        click.echo(f"==> {path}: {len(exchanges)} exchanges with the {plane}")
        for number, exchange in enumerate(exchanges, 1):
            verdict = classify(exchange, plane)
            if not verdict.readable:
                problems += 1
                click.echo(f"  #{number} {exchange.method} {exchange.uri}: not classified ({verdict.detail})")
        if endpoint is None:
            continue
        try:
            found = replay(exchanges, endpoint, token or "")
        except Unreachable as error:
            _exit(f"error: cannot reach the endpoint: {error}", EXIT_UNREACHABLE)
        for difference in found:
            click.echo(f"  #{difference.number} {difference.request}: " + "; ".join(difference.found))
        problems += len(found)
        click.echo(f"    replayed against {endpoint}: {len(found) or 'no'} exchanges differ")
    click.echo(f"{problems} problems" if problems else "nothing differs; every answer classified")
    sys.exit(EXIT_DIFFERENT if problems else EXIT_OK)


def _exit(message: str, status: int) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(status)
