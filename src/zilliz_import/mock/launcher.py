"""The launcher behind `python -m zilliz_import.mock`: options, the start-up banner, serving in the foreground."""

from __future__ import annotations

import argparse
import ssl
import sys
from typing import NoReturn

from zilliz_import.mock.cloud import ControlPlaneApp
from zilliz_import.mock.cluster import MockApp
from zilliz_import.mock.config import (
    DEFAULT_API_KEY,
    DEFAULT_CLUSTER,
    DEFAULT_TOKEN,
    READ_ONLY_TOKEN,
    SERVER_LIMIT,
    MockConfig,
)
from zilliz_import.mock.releases import DEFAULT_RELEASE, RELEASES
from zilliz_import.mock.server import bind_socket, uvicorn_server

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DESCRIPTION = "`python -m zilliz_import.mock`: serve the mock in the foreground until interrupted."


class OneLineParser(argparse.ArgumentParser):
    """argparse, with a usage error in one line as the `zilliz-import` command words it (not its usage block)."""

    def error(self, message: str) -> NoReturn:
        """Print `error: ...` and where to read the options, then exit 2 (bad input)."""
        print(f"error: {message} (options: {self.prog} --help)", file=sys.stderr)
        sys.exit(2)


def parse_args(argv: list[str] | None, prog: str = "python -m zilliz_import.mock") -> argparse.Namespace:
    """Command-line options; a one-line error and exit 2 on bad input."""
    parser = OneLineParser(prog=prog, description=DESCRIPTION)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=19530, help="port; 0 picks a free one (default 19530)")
    parser.add_argument("--seed", type=int, default=0, help="decides every job's history (default 0)")
    parser.add_argument("--job-seconds", type=float, default=3.0, help="typical job length (default 3)")
    parser.add_argument("--max-jobs", type=int, default=10_000, help="jobs remembered (default 10000)")
    parser.add_argument(
        "--release", choices=list(RELEASES), default=DEFAULT_RELEASE, help="server release line (default newest)"
    )
    parser.add_argument(
        "--standard-error-status", action="store_true", help="errors with real HTTP statuses (newest only)"
    )
    parser.add_argument("--import-v3", action="store_true", help="V3 imports: other progress bands (newest only)")
    parser.add_argument(
        "--max-import-jobs", type=int, default=SERVER_LIMIT, help="unfinished jobs before back-pressure (default 1024)"
    )
    parser.add_argument("--max-files", type=int, default=SERVER_LIMIT, help="file units per job (default 1024)")
    parser.add_argument(
        "--control-plane", action="store_true", help="serve Zilliz Cloud's control plane instead of a cluster endpoint"
    )
    parser.add_argument(
        "--cluster",
        action="append",
        default=[],
        help=f"a cluster ID the control plane knows (default {DEFAULT_CLUSTER})",
    )
    parser.add_argument("--certfile", help="PEM certificate chain: serve https instead of http")
    parser.add_argument("--keyfile", help="PEM private key of --certfile")
    args = parser.parse_args(argv)
    if bool(args.certfile) != bool(args.keyfile):
        parser.error("--certfile and --keyfile go together")
    for flag, given in (("--standard-error-status", args.standard_error_status), ("--import-v3", args.import_v3)):
        if given and args.release != DEFAULT_RELEASE:  # named as typed; MockConfig words it for Python callers
            parser.error(f"{flag} is a newest-only setting, not available with --release {args.release}")
    cluster_only = args.release != DEFAULT_RELEASE or args.standard_error_status or args.import_v3
    if args.control_plane and cluster_only:
        parser.error("--release, --standard-error-status and --import-v3 describe a cluster, not --control-plane")
    if args.cluster and not args.control_plane:
        parser.error("--cluster goes with --control-plane")
    return args


def serve(args: argparse.Namespace) -> int:
    """Serve until interrupted; returns the exit status."""
    try:
        config = MockConfig(
            seed=args.seed,
            job_seconds=args.job_seconds,
            max_jobs=args.max_jobs,
            release=args.release,
            standard_error_status=args.standard_error_status,
            import_v3=args.import_v3,
            max_import_jobs=args.max_import_jobs,
            max_files=args.max_files,
            clusters=frozenset(args.cluster or [DEFAULT_CLUSTER]),
        )
        app = ControlPlaneApp(config) if args.control_plane else MockApp(config)
        server = uvicorn_server(app, certfile=args.certfile, keyfile=args.keyfile)
        server.config.load()  # reads the certificate now, so that a bad one is a clear error
        sock = bind_socket(args.host, args.port)
    except (ValueError, OverflowError, OSError, ssl.SSLError) as error:
        print(f"error: cannot start the mock on {args.host}:{args.port}: {as_typed(str(error), args)}", file=sys.stderr)
        return 2
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    if args.host not in LOOPBACK:
        print("warning: the mock accepts its well-known default tokens; it is not for shared networks")
    url = f"{'https' if args.certfile else 'http'}://{shown}:{port}"
    for line in _banner(url, config, control_plane=args.control_plane):
        print(line, flush=True)
    server.run(sockets=[sock])
    return 0


def as_typed(message: str, args: argparse.Namespace) -> str:
    """A message of `MockConfig`, which names its Python parameter first, with the flag the user typed instead."""
    first, _, rest = message.partition(" ")
    return f"--{first.replace('_', '-')} {rest}" if first in vars(args) else message


def _banner(url: str, config: MockConfig, *, control_plane: bool) -> list[str]:
    """What the launcher prints first: where it serves, what, and how to reach it."""
    if control_plane:
        clusters = ", ".join(sorted(config.clusters))
        return [
            f"==> mock Zilliz Cloud control plane on {url} (clusters: {clusters})",
            f"    API key: {DEFAULT_API_KEY}",
            f"    try:   CLOUD_PLATFORM_ENDPOINT={url} TOKEN={DEFAULT_API_KEY} CLUSTER_ID={min(config.clusters)}",
        ]
    return [
        f"==> mock import-jobs API on {url} ({_profile(config)})",
        f"    token: {DEFAULT_TOKEN} (or API key {DEFAULT_API_KEY}; read-only: {READ_ONLY_TOKEN})",
        f"    try:   CLUSTER_ENDPOINT={url} TOKEN={DEFAULT_TOKEN}",
    ]


def _profile(config: MockConfig) -> str:
    """The release profile in words, for the start-up line."""
    words = [f"release {config.release}"]
    if config.standard_error_status:
        words.append("standard error statuses")
    if config.import_v3:
        words.append("V3 imports")
    return ", ".join(words)


def main(argv: list[str] | None = None, prog: str = "python -m zilliz_import.mock") -> int:
    """Entry point; `prog` is the command name its usage lines show."""
    return serve(parse_args(argv, prog))
