"""The README's CLI reference is generated from --help and must match it."""

import re

import click
from click.testing import CliRunner

from storyledger.cli import cli

from .conftest import ROOT

START, END = "<!-- cli-reference:start -->", "<!-- cli-reference:end -->"


def cli_reference() -> str:
    runner = CliRunner()
    parts = []
    for name in sorted(cli.commands):
        help_text = runner.invoke(cli, [name, "--help"], prog_name="storyledger", terminal_width=100).output.rstrip()
        parts.append(f"### `storyledger {name}`\n\n```\n{help_text}\n```\n")
    return "\n".join(parts)


def test_every_command_has_help_text():
    for name, command in cli.commands.items():
        assert isinstance(command, click.Command)
        assert command.help and len(command.help.strip()) > 20, f"{name} lacks help text"


def test_readme_cli_reference_is_current(request):
    readme = ROOT / "README.md"
    text = readme.read_text("utf-8")
    block = f"{START}\n{cli_reference()}{END}"
    current = re.search(re.escape(START) + r".*?" + re.escape(END), text, flags=re.S)
    if request.config.getoption("--update-docs"):
        text = text.replace(current.group(0), block) if current else text.replace("CLI_REFERENCE", block)
        readme.write_text(text, "utf-8")
    assert current is not None and current.group(0) == block, (
        "README.md CLI reference is stale: run `.venv/bin/pytest tests/test_docs.py --update-docs`"
    )
