"""The `eventwire` command: thin wrappers that parse arguments, call the library and print lines.

Each stage's commands live in a module of their own; this one only gathers them.
"""

from __future__ import annotations

import click

from eventwire import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
def main() -> None:
    """eventwire: news reports in, a clean, deduplicated, traceable record of world events out."""


def _register() -> None:
    from eventwire.cli import actors, events, reading, serving, stories

    for module in (reading, stories, actors, events, serving):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
