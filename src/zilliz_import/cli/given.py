"""What the user typed, named as typed: each setting is the flag or the environment variable it came from.

A command group records where each of its settings came from; the checks here then word every
problem with that name (`--endpoint: malformed endpoint ...`, `CLUSTER_ENDPOINT: ...`), before
any request is sent.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import click
from click.core import ParameterSource

from zilliz_import._core.settings import check_endpoint
from zilliz_import.errors import ConfigurationError

INSECURE_FLAG = "--allow-insecure-http"
# setting -> the name the user gave it by; one process runs one command, so the last group's names hold
typed: dict[str, str] = {}


def remember(ctx: click.Context, options: Mapping[str, tuple[str, tuple[str, ...]]]) -> None:
    """Record how each setting was given: `options` maps a parameter to its flag and environment variables."""
    for param, (flag, envvars) in options.items():
        source = ctx.get_parameter_source(param)
        if source is ParameterSource.ENVIRONMENT:
            typed[param] = next((name for name in envvars if os.environ.get(name)), flag)
        elif source is ParameterSource.DEFAULT_MAP:  # a saved profile (zilliz-import config)
            typed[param] = f"{param} of the profile"
        else:
            typed[param] = flag


def either(flag: str, envvars: tuple[str, ...]) -> str:
    """How to give a setting: `--flag or set VAR` (or `VAR or OTHER`)."""
    return f"pass {flag} or set {' or '.join(envvars)}"


def checked(settings: dict[str, Any], options: Mapping[str, tuple[str, tuple[str, ...]]], token_is: str) -> None:
    """Check the endpoint and the token as given; the facade checks them again, but would name no flag.

    Args:
        settings: The group's settings (`endpoint`, `token`, `allow_insecure_http`).
        options: The group's parameters: flag and environment variables of each.
        token_is: What the token is, for messages ("token", "API key").

    Raises:
        ConfigurationError: A setting is missing or not valid; the message names its flag or variable.
    """
    if not settings["endpoint"]:
        raise ConfigurationError(f"no endpoint: {either(*options['endpoint'])}")
    try:
        check_endpoint(
            settings["endpoint"], allow_insecure_http=settings["allow_insecure_http"], insecure_option=INSECURE_FLAG
        )
    except ConfigurationError as error:
        raise ConfigurationError(f"{typed.get('endpoint', '--endpoint')}: {error}") from None
    token = settings["token"].strip()
    if not token:
        raise ConfigurationError(f"no {token_is}: {either(*options['token'])}")
    if not (token.isascii() and token.isprintable()):
        name = typed.get("token", "--token")
        raise ConfigurationError(f"{name}: the {token_is} must be printable ASCII (it travels in an HTTP header)")


def name_of(param: str, default: str) -> str:
    """The name a setting was given by in this process, or `default`."""
    return typed.get(param, default)
