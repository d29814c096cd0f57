"""Every ``invoke`` command the README and the docs show is one ``tasks.py`` accepts.

A renamed task or option otherwise leaves a guide telling its reader to type
something that fails ("No idea what '--n' is!": the benchmark's documented
``--n`` was never an option; invoke gives one-letter parameters a short flag
only). Commands are taken from code spans and code blocks; ``[...]`` marks an
optional part, ``<...>`` a value to fill in, and a closing ``…`` arguments left out.
"""

from __future__ import annotations

import re
import shlex

import pytest
from invoke import Collection, Program
from invoke.parser import ParseError, Parser

import tasks
from tests.conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
CODE = re.compile(r"```[^\n]*\n(.*?)```|`([^`\n]+)`", re.S)
COMMAND = re.compile(r"(?:^|[\s$(])invoke ([a-z][a-z0-9-]*(?:[ =][^\n|#;&)]*)?)")


def documented_commands() -> list[tuple[str, str]]:
    found = set()
    for doc in DOCS:
        for block, span in CODE.findall(doc.read_text(encoding="utf-8")):
            for match in COMMAND.finditer(block or span):
                found.add((doc.relative_to(ROOT).as_posix(), match.group(1).strip()))
    return sorted(found)


def as_typed(command: str) -> list[str]:
    """The words a reader types: optional parts kept, placeholders filled with a sample value."""
    command = re.sub(r"\[([^\]]*)\]", r"\1", command)
    command = re.sub(r"<[^>]*>", "x", command)
    return shlex.split(command)


COMMANDS = documented_commands()


def test_the_docs_show_invoke_commands():
    assert len(COMMANDS) > 10
    assert any(command.startswith("bench ") for _, command in COMMANDS)


@pytest.mark.parametrize("doc,command", COMMANDS)
def test_documented_command_is_accepted(doc, command):
    namespace = Collection.from_module(tasks)
    argv = as_typed(command.removesuffix("…"))
    if len(argv) == 1:  # the task named in prose ("`invoke new` makes a file"): it must exist
        assert argv[0] in namespace.task_names, f"{doc}: there is no task '{argv[0]}'"
        return
    parser = Parser(initial=Program(namespace=namespace).initial_context, contexts=namespace.to_contexts())
    try:
        parser.parse_argv(argv)
    except ParseError as error:
        pytest.fail(f"{doc}: `invoke {command}` is not accepted: {error}")
