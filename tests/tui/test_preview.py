"""The Preview step: the documents rendered inside the app, refreshed after edits, and written to files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Markdown, MarkdownViewer, Static, TabbedContent

from planner.errors import TemplateProblem
from planner.render import render_documents
from planner.storage import load
from screens.app import PlannerApp
from screens.preview import PreviewStep, documents_folder, preview_of_plan
from tests.tui.conftest import TUI_FIXTURES
from tests.tui.step_harness import StepHarness

SIZE = (80, 24)
PREPARED = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """The title block's "prepared" date, fixed so the documents compare across days."""
    monkeypatch.setattr(PreviewStep, "prepared", PREPARED)


def document(app: StepHarness | PlannerApp, name: str) -> str:
    """The Markdown source shown in a tab ("strategy" or "content-plan")."""
    return app.query_one(f"#view-{name}", MarkdownViewer).document.source


async def rendered(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_preview_shows_both_documents(cafe_copy: Path) -> None:
    strategy = load(cafe_copy).strategy
    app = StepHarness(PreviewStep, strategy, cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await rendered(pilot)
        expected = render_documents(strategy, prepared=PREPARED)
        assert document(app, "strategy") == expected["strategy.md"]
        assert document(app, "content-plan") == expected["content-plan.md"]
        first = app.query_one("#view-strategy MarkdownH1")
        assert "Coffee Lab: winter 2026/27" in str(first.render())
        assert app.focused is app.query_one("#view-strategy", MarkdownViewer).document

        await pilot.press("]")
        assert app.query_one(TabbedContent).active == "tab-content-plan"
        assert app.focused is app.query_one("#view-content-plan", MarkdownViewer).document
        await pilot.press("t")
        assert app.query_one("#view-content-plan", MarkdownViewer).show_table_of_contents


async def test_w_writes_the_files_where_render_would(cafe_copy: Path) -> None:
    strategy = load(cafe_copy).strategy
    app = StepHarness(PreviewStep, strategy, cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await rendered(pilot)
        await pilot.press("w")
        await rendered(pilot)
        folder = cafe_copy.parent / "cafe"
        assert documents_folder(cafe_copy) == folder
        expected = render_documents(strategy, prepared=PREPARED)
        for name, text in expected.items():
            assert (folder / name).read_text("utf-8") == text
        last = list(app._notifications)[-1]
        assert last.title == "Documents"
        assert last.message.splitlines() == ["Wrote", *(str(folder / name) for name in expected)]


async def test_edits_show_when_the_preview_is_refreshed(cafe_copy: Path) -> None:
    strategy = load(cafe_copy).strategy
    app = StepHarness(PreviewStep, strategy, cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await rendered(pilot)
        strategy.strategy.name = "Coffee Lab: spring 2027"
        app.step.refresh_view()
        await rendered(pilot)
        assert document(app, "strategy").startswith("# Coffee Lab: spring 2027")


async def test_a_render_error_is_a_message_not_a_crash(
    cafe_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: PreviewStep) -> dict[str, str]:
        raise TemplateProblem("strategy.md.j2:3: unexpected '}'")

    monkeypatch.setattr(PreviewStep, "_documents", broken)
    app = StepHarness(PreviewStep, load(cafe_copy).strategy, cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await rendered(pilot)
        message = app.query_one("#preview-message", Static)
        assert "Could not render the documents: strategy.md.j2:3: unexpected '}'" in str(message.render())
        assert message.has_class("error")
        await pilot.press("w")
        await rendered(pilot)
        assert not (cafe_copy.parent / "cafe").exists()
        assert app.is_running


async def test_writing_into_a_file_instead_of_a_folder_is_refused_with_a_message(cafe_copy: Path) -> None:
    (cafe_copy.parent / "cafe").write_text("not a folder")
    app = StepHarness(PreviewStep, load(cafe_copy).strategy, cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await rendered(pilot)
        await pilot.press("w")
        await rendered(pilot)
        severities = [n.severity for n in app._notifications]
        assert severities[-1] == "error"
        assert (cafe_copy.parent / "cafe").read_text() == "not a folder"


def test_a_long_content_plan_is_cut_at_a_heading_in_the_preview() -> None:
    months = "\n".join(f"## Month {m}\n\n### Week {m}\n\n" + "| row |\n" * 100 for m in range(1, 5))
    text = "# Plan\n\n" + months
    preview = preview_of_plan(text, limit=150)
    assert "### Week 2" in preview and "## Month 3" not in preview
    assert "after 212 of 421 lines: the whole plan is in `content-plan.md`" in preview
    short = "# Plan\n\n## Month 1\n"
    assert preview_of_plan(short) == short


async def test_in_the_planner_the_preview_follows_edits_made_in_other_steps(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("alt+0")
        await rendered(pilot)
        assert "Open Graph" in document(app, "strategy")
        await pilot.press("alt+8")
        await pilot.pause()
        await pilot.press("down", "x")  # the Open Graph item loses its status
        await pilot.press("alt+0")
        await rendered(pilot)
        assert isinstance(app.focused, Markdown)
        expected = render_documents(app.strategy, prepared=PREPARED)["strategy.md"]
        assert document(app, "strategy") == expected


async def test_tables_and_lists_are_one_widget_each_and_keep_their_text(tmp_path: Path) -> None:
    from rich.console import Console

    from screens.preview_markdown import LightBulletList, LightTable

    app = StepHarness(PreviewStep, load(TUI_FIXTURES / "cafe.toml").strategy, tmp_path / "cafe.toml")
    async with app.run_test(size=SIZE) as pilot:
        await rendered(pilot)
        viewer = app.query_one("#view-strategy", MarkdownViewer)
        await viewer.document.update(
            "- **Age:** 24-38\n  - nested\n\n| Channel | Posts |\n| --- | ---: |\n| ig \\| fb | **46** |\n"
        )
        await pilot.pause()
        console = Console(width=40, record=True, color_system=None)
        for block in (viewer.query_one(LightBulletList), viewer.query_one(LightTable)):
            static = block.query_one(Static)
            assert not block.query("MarkdownParagraph, MarkdownTableContent")
            console.print(static.content if hasattr(static, "content") else static.renderable)
        shown = console.export_text()
        assert "• Age: 24-38" in shown and "  ▪ nested" in shown
        assert "ig | fb" in shown and "46" in shown
