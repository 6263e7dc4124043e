"""The built wheel carries everything: installed in a fresh virtualenv, it validates and renders an example."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env, timeout=600
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with only the wheel (and its dependencies) installed; returns its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    # Build from a copy so that nothing of the checkout's working state leaks in.
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", "dist", ".hypothesis"),
    )
    run(sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", work / "dist", cwd=source)
    (wheel,) = (work / "dist").glob("smm_planner-*.whl")
    run(sys.executable, "-m", "venv", work / "venv", cwd=work)
    bin_dir = work / "venv" / ("Scripts" if os.name == "nt" else "bin")
    run(bin_dir / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=work)
    return bin_dir


def test_the_wheel_validates_and_renders_an_example(installed_wheel: Path, tmp_path: Path) -> None:
    example = shutil.copy(EXAMPLES / "cafe.toml", tmp_path / "cafe.toml")
    where = run(installed_wheel / "python", "-c", "import planner; print(planner.__file__)", cwd=tmp_path)
    assert str(ROOT) not in where.stdout  # the installed copy, not the checkout

    done = run(installed_wheel / "smm-planner", "validate", example, cwd=tmp_path)
    assert done.stdout.startswith(f"{example}: ok")

    done = run(installed_wheel / "smm-planner", "platforms", cwd=tmp_path)
    assert "telegram" in done.stdout

    run(installed_wheel / "smm-planner", "render", example, cwd=tmp_path)
    strategy_md = (tmp_path / "cafe" / "strategy.md").read_text("utf-8")
    assert strategy_md.startswith("# ")
    assert (tmp_path / "cafe" / "content-plan.md").is_file()

    run(installed_wheel / "smm-planner", "templates", tmp_path / "my-templates", cwd=tmp_path)
    copied = sorted(p.name for p in (tmp_path / "my-templates").iterdir())
    assert "strategy.md.j2" in copied and "content-plan.md.j2" in copied
