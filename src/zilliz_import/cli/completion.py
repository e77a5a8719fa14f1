"""`zilliz-import completion bash|zsh|fish`: the shell's completion script, from click."""

from __future__ import annotations

import click
from click.shell_completion import get_completion_class

SHELLS = ("bash", "zsh", "fish")


@click.command()
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    r"""Print the completion script of SHELL.

    \b
    bash: zilliz-import completion bash > ~/.local/share/bash-completion/completions/zilliz-import
    zsh:  zilliz-import completion zsh > "${fpath[1]}/_zilliz-import"
    fish: zilliz-import completion fish > ~/.config/fish/completions/zilliz-import.fish
    """
    root = ctx.find_root()
    kind = get_completion_class(shell)
    assert kind is not None, f"click knows {shell}"
    script = kind(root.command, {}, "zilliz-import", "_ZILLIZ_IMPORT_COMPLETE").source()
    click.echo(script)
