"""Saved defaults: named profiles in the user's config folder, read as click's default map.

Precedence is click's own: a flag, then its environment variable, then the profile (`default_map`),
then the option's default. The token is kept only when asked, and then the file is made mode 600.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import platformdirs

from zilliz_import._core.environment import ENV_CLOUD_ENDPOINT, ENV_CLUSTER, ENV_DB, ENV_ENDPOINT, ENV_TOKEN

ENV_CONFIG_DIR = "ZILLIZ_IMPORT_CONFIG_DIR"  # tests and examples point it at a temporary folder
ENV_PROFILE = "ZILLIZ_IMPORT_PROFILE"
FILE_NAME = "config.toml"
SECRET_MODE, PLAIN_MODE = 0o600, 0o644


@dataclass(frozen=True)
class Setting:
    """One key a profile may hold: where it lands in click's default map, and the variable that beats it."""

    path: tuple[str, ...]
    env: str
    help: str
    secret: bool = False


SETTINGS = {
    "endpoint": Setting(("endpoint",), ENV_ENDPOINT, "the cluster endpoint"),
    "db": Setting(("db_name",), ENV_DB, "the cluster's database"),
    "cloud_endpoint": Setting(("cloud", "endpoint"), ENV_CLOUD_ENDPOINT, "the control plane's endpoint"),
    "cluster_id": Setting(("cloud", "cluster_id"), ENV_CLUSTER, "the cluster of control-plane jobs"),
    "token": Setting(("token",), ENV_TOKEN, "the token or API key (kept only when asked)", secret=True),
}


def config_path() -> Path:
    """The config file: in ZILLIZ_IMPORT_CONFIG_DIR when set, else the user's config folder."""
    folder = os.environ.get(ENV_CONFIG_DIR) or platformdirs.user_config_dir("zilliz-import")
    return Path(folder) / FILE_NAME


def load() -> dict[str, Any]:
    """The whole file: `current` (a profile name or absent) and `profiles` (name to settings).

    Raises:
        click.UsageError: The file is not TOML of that shape.
    """
    path = config_path()
    try:
        data = tomllib.loads(path.read_text()) if path.exists() else {}
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as error:
        raise click.UsageError(f"cannot read {path}: {error}") from None
    profiles = data.get("profiles", {})
    if not isinstance(profiles, dict) or not all(isinstance(p, dict) for p in profiles.values()):
        raise click.UsageError(f"cannot read {path}: [profiles.NAME] tables expected")
    return {"current": data.get("current"), "profiles": profiles}


def save(data: dict[str, Any]) -> Path:
    """Write the file whole (a new file moved into place), mode 600 when a profile holds a token."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"current = {json.dumps(data['current'])}"] if data.get("current") else []
    for name, values in sorted(data["profiles"].items()):
        lines += ["", f"[profiles.{json.dumps(name)}]"]
        lines += [f"{key} = {json.dumps(str(value))}" for key, value in sorted(values.items())]
    secret = any("token" in values for values in data["profiles"].values())
    scratch = path.with_suffix(".tmp")
    descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, SECRET_MODE if secret else PLAIN_MODE)
    with os.fdopen(descriptor, "w") as file:
        file.write("\n".join(lines) + "\n")
    os.chmod(scratch, SECRET_MODE if secret else PLAIN_MODE)
    scratch.replace(path)
    return path


def profile(name: str | None) -> tuple[str | None, dict[str, str]]:
    """The named profile, or the current one when no name is given (none: empty settings).

    Raises:
        click.BadParameter: A name that no profile has.
    """
    data = load()
    chosen = name or data["current"]
    if chosen is None:
        return None, {}
    if chosen not in data["profiles"]:
        raise no_such_profile(chosen, data["profiles"], "--profile")
    return chosen, {key: str(value) for key, value in data["profiles"][chosen].items() if key in SETTINGS}


def no_such_profile(name: str, profiles: dict[str, Any], hint: str) -> click.BadParameter:
    """The usage error for a profile name that the config file does not have, listing the ones it has."""
    known = ", ".join(sorted(profiles)) or "none yet: zilliz-import config set"
    return click.BadParameter(f"no profile {name!r} (profiles: {known})", param_hint=hint)


def default_map(values: dict[str, str]) -> dict[str, Any]:
    """A profile's settings as click's default map of the root group (and its `cloud` and `contract`)."""
    defaults: dict[str, Any] = {}
    for key, value in values.items():
        *groups, option = SETTINGS[key].path
        target = defaults
        for group in groups:
            target = target.setdefault(group, {})
        target[option] = value
    cluster = {k: v for k, v in defaults.items() if k in ("endpoint", "token")}
    if cluster:
        defaults["contract"] = cluster
    if "token" in defaults:
        defaults.setdefault("cloud", {})["token"] = defaults["token"]
    return defaults


def use_profile(ctx: click.Context, param: click.Parameter, name: str | None) -> str | None:
    """Eager callback of `--profile`: the profile's settings become the defaults of the options after it.

    On the root group, no name means the current profile; on a subgroup (`cloud`), it means the one the
    root chose, whose defaults the subgroup has already inherited.
    """
    if name is None and ctx.parent is not None:
        return None
    chosen, values = profile(name)
    mapping = default_map(values)
    if ctx.parent is not None:
        mapping = mapping.get(ctx.info_name or "", {})
    if mapping:
        ctx.default_map = {**(ctx.default_map or {}), **mapping}
    return chosen


profile_option = click.option(
    "--profile", envvar=ENV_PROFILE, is_eager=True, expose_value=False, callback=use_profile,
    help=f"Saved defaults to use (zilliz-import config) [env {ENV_PROFILE}].",
)  # fmt: skip
