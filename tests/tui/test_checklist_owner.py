"""A checklist item's owner and due date (format v1) survive marking it in the SMO & tactics step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.model import CheckItem, Strategy, StrategyInfo
from tests.tui.test_checklists import harness

SIZE = (80, 24)


async def test_marking_an_item_keeps_its_owner_and_due_date(tmp_path: Path) -> None:
    strategy = Strategy(
        strategy=StrategyInfo(name="Coffee Lab"),
        smo={"share-buttons": CheckItem("todo", "Gift-card page", owner="Anna", due=dt.date(2026, 12, 15))},
    )
    app = harness(strategy, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space")  # the next status
        await pilot.pause()
    item = strategy.smo["share-buttons"]
    assert item.status != "todo"
    assert (item.note, item.owner, item.due) == ("Gift-card page", "Anna", dt.date(2026, 12, 15))
