"""The README's two opening commands stay true: CI runs the test command verbatim."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    return re.findall(r"```sh\n(.*?)\n```", text, re.S)[:2]


def test_readme_opens_with_the_install_and_test_commands() -> None:
    run_example, run_tests = readme_commands()
    assert "pip install ." in run_example and "smm-planner" in run_example and "examples/" in run_example
    assert "pip install -e '.[test]' -c .ci/constraints.txt" in run_tests and run_tests.endswith("pytest")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert readme_commands()[1] in ci.splitlines()
