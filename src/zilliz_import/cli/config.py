"""`zilliz-import config set|get|list|use`: named profiles of saved defaults (see `profiles`)."""

from __future__ import annotations

import os
import sys

import click
from click.core import ParameterSource

from zilliz_import._core.environment import DEFAULT_CLOUD_ENDPOINT
from zilliz_import.cli.bodies import emit
from zilliz_import.cli.formats import Output, with_output
from zilliz_import.cli.output import console, errors
from zilliz_import.cli.profiles import SETTINGS, config_path, load, no_such_profile, profile, save

DEFAULT_PROFILE = "default"
DEFAULTS = {"cloud_endpoint": DEFAULT_CLOUD_ENDPOINT}
ROOT_FLAGS = {"endpoint": ("endpoint", "--endpoint"), "db": ("db_name", "--db"), "token": ("token", "--token")}
KEY = click.Choice(sorted(SETTINGS))


@click.group()
def config() -> None:
    """Saved defaults: endpoints, cluster ID, database (the token only when asked), in named profiles.

    Precedence: a flag, then its environment variable, then the profile, then the default.
    """


@config.command(name="set")
@click.argument("key", type=KEY)
@click.argument("value")
@click.option("--profile", "name", help="The profile to change (default: the current one, else 'default').")
def set_value(key: str, value: str, name: str | None) -> None:
    """Save KEY=VALUE in a profile; VALUE `-` reads it from standard input (for the token)."""
    if value == "-":
        value = sys.stdin.readline().strip()
    if not value:
        raise click.BadParameter("an empty value: use `zilliz-import config unset` to remove a key", param_hint="VALUE")
    data = load()
    chosen = name or data["current"] or DEFAULT_PROFILE
    data["profiles"].setdefault(chosen, {})[key] = value
    data["current"] = data["current"] or chosen
    path = save(data)
    if SETTINGS[key].secret:
        errors.print(f"the {key} is kept in clear text in {path} (mode 600)", markup=False, soft_wrap=True)
    console.print(f"{chosen}: {key} saved", markup=False)


@config.command()
@click.argument("key", type=KEY)
@click.option("--profile", "name", help="The profile to change (default: the current one).")
def unset(key: str, name: str | None) -> None:
    """Remove KEY from a profile."""
    data = load()
    chosen, _ = profile(name)
    if chosen is None:
        raise click.UsageError("no profile yet: zilliz-import config set KEY VALUE")
    data["profiles"][chosen].pop(key, None)
    save(data)
    console.print(f"{chosen}: {key} removed", markup=False)


@config.command()
@click.argument("key", type=KEY)
@click.option("--profile", "name", help="The profile to read (default: the current one).")
def get(key: str, name: str | None) -> None:
    """Print KEY of a profile (the token as ***); exit 1 when it is not set."""
    _, values = profile(name)
    if key not in values:
        sys.exit(1)
    console.print("***" if SETTINGS[key].secret else values[key], markup=False, soft_wrap=True)


@config.command(name="list")
@click.option("--profile", "name", help="The profile to show (default: the current one).")
@with_output
def list_settings(name: str | None, output: Output) -> None:
    """Each setting as it stands now, with where it comes from: environment, profile or default."""
    chosen, values = profile(name)
    rows = []
    for key, setting in sorted(SETTINGS.items()):
        value, source = effective(key, values)
        shown = "***" if setting.secret and value else value
        rows.append({"key": key, "value": shown, "source": source, "env": setting.env, "about": setting.help})
    emit(rows, output)
    if output.format == "table" and output.query is None:
        console.print(f"profile: {chosen or '(none)'}; file: {config_path()}", markup=False, soft_wrap=True)


@config.command()
@click.argument("name")
def use(name: str) -> None:
    """Make profile NAME the current one."""
    data = load()
    if name not in data["profiles"]:
        raise no_such_profile(name, data["profiles"], "NAME")
    data["current"] = name
    save(data)
    console.print(f"current profile: {name}", markup=False)


def effective(key: str, values: dict[str, str]) -> tuple[str, str]:
    """The value a command would use, and its source: a flag of the root group, environment, profile, default."""
    setting = SETTINGS[key]
    root = click.get_current_context().find_root()
    flag = ROOT_FLAGS.get(key)
    if flag and root.get_parameter_source(flag[0]) is ParameterSource.COMMANDLINE:
        return str(root.params[flag[0]]), f"flag ({flag[1]})"
    if os.environ.get(setting.env):
        return os.environ[setting.env], f"environment ({setting.env})"
    if key in values:
        return values[key], "profile"
    return DEFAULTS.get(key, ""), "default"
