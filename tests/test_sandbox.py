"""User templates cannot do harm: bounded time and memory, and no file read through a link out of their folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner import sandbox
from planner.cli import app
from planner.errors import TemplateProblem
from planner.render import render_documents
from planner.storage import load
from planner.templating import copy_builtin_templates

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Each ran for tens of seconds or forever, or took gigabytes, before the sandbox bounded them.
HOSTILE = {
    "nested-ranges": (
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
        "more than 2,000,000 loop steps and calls",
    ),
    "tower-of-powers": ("{% set n = 99 %}{{ n ** (n ** 8) }}", "would make a number of about"),
    "squaring-in-a-loop": (
        "{% set ns = namespace(n=3) %}{% for i in range(60) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
        "multiplying would make a number of about",
    ),
    "lipsum": ("{{ lipsum(n=2000000) }}", "lipsum would make"),
    "num-digits": ("{{ 1|num(10**9) }}", "digits must be a whole number from 0 to 20"),
    "repeat": ("{{ 'x' * 10000000000 }}", "repeating a value 10,000,000,000 times would make"),
    "list-repeat": ("{{ ([0] * 10**9)|length }}", "would make 1,000,000,000 items"),
    "ljust": ("{{ 'x'.ljust(10**9) }}", "ljust(1,000,000,000) would make"),
    "center-filter": ("{{ 'x'|center(10**9) }}", "center(1,000,000,000) would make"),
    "format-width": ("{{ '{:999999999}'.format(1) }}", "format would make"),
    "percent-width": ("{{ '%999999999d' % 1 }}", "formatting with % would make"),
    "format-filter": ("{{ '%999999999d'|format(1) }}", "format would make"),
    "replace-doubling": (
        "{% set ns = namespace(s='xx') %}{% for i in range(60) %}"
        "{% set ns.s = ns.s|replace('x', 'xx') %}{% endfor %}",
        "replace would make",
    ),
    "concat-doubling": (
        "{% set ns = namespace(s='xx') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "joining with ~ would make",
    ),
    "join-separator": ("{{ ('y' * 1000000).join(range(99999)|map('string')) }}", "join would make"),
    "join-filter": ("{{ range(99999)|join('y' * 1000000) }}", "join would make"),
    "batch-fill": ("{{ [1]|batch(10**9, 'x')|list|length }}", "batch would make 1,000,000,000 items"),
    "to-bytes": ("{{ (1).to_bytes(10**10, 'big') }}", "int.to_bytes would make 10,000,000,000 bytes"),
    "document-size": (
        "{% set big = 'x' * 1000000 %}{% for i in range(99999) %}{{ big }}{% endfor %}",
        "the document would be",
    ),
    "macro-buffer": (
        "{% macro m() %}{% for i in range(99999) %}{% for j in range(99) %}"
        + "y" * 1000
        + "{% endfor %}{% endfor %}{% endmacro %}{{ m() }}",
        "more than 2,000,000 loop steps",
    ),
    "macro-calling-itself-twice": (
        "{% macro f(n) %}{% if n < 40 %}{{ f(n + 1) }}{{ f(n + 1) }}{% endif %}{% endmacro %}{{ f(0) }}",
        "more than 2,000,000 loop steps and calls",
    ),
    "recursive-loop": (
        "{% for x in [1, 2] recursive %}{% if loop.depth < 40 %}{{ loop([1, 2]) }}{% endif %}{% endfor %}",
        "more than 2,000,000 loop steps and calls",
    ),
}

# Renders every payload in a child process with a memory ceiling and a time limit: a payload the
# sandbox let through makes this test fail, rather than take the machine's memory or hang the suite.
CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    from planner.errors import TemplateProblem
    from planner.render import render_documents
    from planner.storage import load
    strategy = load(Path(sys.argv[1])).strategy
    for folder in sys.argv[2:]:
        start = time.perf_counter()
        try:
            render_documents(strategy, templates=Path(folder))
            message = "rendered"
        except TemplateProblem as e:
            message = e.message
        except BaseException as e:
            message = f"escaped the sandbox: {type(e).__name__}: {str(e)[:200]}"
        print(json.dumps({"folder": folder, "seconds": time.perf_counter() - start, "message": message}), flush=True)
    """
)


@pytest.fixture(scope="module")
def hostile_renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    base = tmp_path_factory.mktemp("hostile")
    folders = {}
    for name, (template, _) in HOSTILE.items():
        folder = base / name
        folder.mkdir()
        (folder / "strategy.md.j2").write_text(f"# A title\n\n{template}\n", "utf-8")
        folders[str(folder)] = name
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(EXAMPLES / "cafe.toml"), *folders],
        capture_output=True,
        text=True,
        timeout=180,
    )
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(results) == len(HOSTILE), run.stderr[-2000:]
    return {folders[r["folder"]]: r for r in results}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_template_that_would_run_away_is_refused_at_its_line(
    hostile_renders: dict[str, dict[str, object]], name: str
) -> None:
    result = hostile_renders[name]
    folder, expected = result["folder"], HOSTILE[name][1]
    message = str(result["message"])
    assert message.startswith(f"{folder}/strategy.md.j2:3: "), message
    assert expected in message, message
    assert "\n" not in message
    assert float(result["seconds"]) < 15  # type: ignore[arg-type]


def user_folder(tmp_path: Path, template: str, **files: str) -> Path:
    folder = tmp_path / "my-templates"
    folder.mkdir(exist_ok=True)
    (folder / "strategy.md.j2").write_text(template, "utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")
    return folder


@pytest.fixture(scope="module")
def cafe_strategy():  # type: ignore[no-untyped-def]
    return load(EXAMPLES / "cafe.toml").strategy


def test_a_template_past_its_time_is_stopped_at_the_line_it_was_on(
    tmp_path: Path, cafe_strategy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox, "SECONDS", 0.2)
    slow = "# x\n\n{% for i in range(99999) %}{{ range(99999)|list|sort|first }}{% endfor %}\n"
    with pytest.raises(
        TemplateProblem, match=r"strategy.md.j2:3: refused by the sandbox: .* more than 0.2 seconds"
    ):
        render_documents(cafe_strategy, templates=user_folder(tmp_path, slow))


def test_everyday_template_work_is_far_inside_the_bounds(tmp_path: Path, cafe_strategy) -> None:
    template = (
        "# {{ title.name|md }}\n\n{% for i in range(3) %}{{ '%-5s|' % i }}{{ '{:>4}'.format(i) }}{% endfor %}\n"
        "{{ 'ab' * 3 }} {{ 2 ** 10 }} {{ [1, 2] + [3] }} {{ range(5)|join(', ') }} {{ 'a b'|replace(' ', '-') }}\n"
        "{{ lipsum(1, false, 3, 5)|length > 0 }} {{ 'x'|center(5) }}|\n{% include 'inner.j2' %}\n"
    )
    folder = user_folder(tmp_path, template, **{"inner.j2": "inner {{ 1.5|num(1) }}"})
    text = render_documents(cafe_strategy, templates=folder)["strategy.md"]
    assert "0    |   01    |   12    |   2ababab 1024 [1, 2, 3] 0, 1, 2, 3, 4 a-b\nTrue   x  |" in text
    assert "inner 1.5" in text


def test_the_built_in_templates_copied_into_a_folder_render_the_same_under_the_bounds(
    tmp_path: Path,
) -> None:
    # The guarded sandbox runs every template of a user's folder, the copied built-ins too: the
    # Russian example, with its whole plan, renders the same as with the built-ins themselves.
    strategy = load(EXAMPLES / "shop-ru.toml").strategy
    folder = tmp_path / "copied"
    copy_builtin_templates(folder)
    assert render_documents(strategy, templates=folder) == render_documents(strategy)


def test_a_link_to_a_file_outside_the_folder_is_refused(tmp_path: Path, cafe_strategy) -> None:
    folder = user_folder(tmp_path, "# x\n\n{% include 'leak.j2' %}\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("the password", "utf-8")
    (folder / "leak.j2").symlink_to(secret)
    with pytest.raises(TemplateProblem) as e:
        render_documents(cafe_strategy, templates=folder)
    assert e.value.message == (
        f"{folder}/strategy.md.j2:3: refused by the sandbox: leak.j2 is a link to {secret}, "
        f"outside the templates folder {folder}; copy the file into the folder instead"
    )


def test_a_linked_folder_leading_out_is_refused(tmp_path: Path, cafe_strategy) -> None:
    folder = user_folder(tmp_path, "# x\n\n{% include 'root/etc/hostname' %}\n")
    (folder / "root").symlink_to("/")
    result = CliRunner().invoke(
        app, ["render", str(EXAMPLES / "cafe.toml"), "--templates", str(folder), "-o", "-"]
    )
    assert result.exit_code == 1
    assert "root/etc/hostname is a link to /etc/hostname, outside the templates folder" in result.output
    assert "Traceback" not in result.output


def test_links_inside_the_folder_and_a_linked_folder_itself_are_fine(tmp_path: Path, cafe_strategy) -> None:
    folder = user_folder(tmp_path, "# x\n\n{% include 'parts/alias.j2' %}\n", **{"real.j2": "the real one"})
    (folder / "parts").mkdir()
    (folder / "parts" / "alias.j2").symlink_to(folder / "real.j2")
    linked = tmp_path / "linked-templates"
    linked.symlink_to(folder)  # the folder a person names may itself be a link
    assert "the real one" in render_documents(cafe_strategy, templates=linked)["strategy.md"]


def test_a_template_that_is_a_device_is_not_read(tmp_path: Path, cafe_strategy) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    folder = user_folder(tmp_path, "# x\n\n{% include 'zero.j2' %}\n")
    (folder / "zero.j2").symlink_to("/dev/zero")  # read whole, it would fill the memory
    with pytest.raises(TemplateProblem, match=r"strategy.md.j2:3: template 'zero.j2' not found"):
        render_documents(cafe_strategy, templates=folder)


def test_code_compiled_for_the_built_ins_is_kept_apart_from_the_guarded_code() -> None:
    from planner.templating import _bytecode_cache

    plain, guarded = _bytecode_cache(False), _bytecode_cache(True)
    assert plain.directory != guarded.directory
    # Each one's pruning of old folders leaves the other's in place.
    shutil.rmtree(guarded.directory)
    _bytecode_cache(True)
    assert Path(plain.directory).is_dir() and Path(guarded.directory).is_dir()
