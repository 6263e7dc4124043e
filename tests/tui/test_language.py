"""The window's language: chosen, remembered, guessed; every word in both catalogs; no English on a Russian screen."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest

from planner import l10n, storage, ui_prefs
from planner.fields import RULES
from screens.app import PlannerApp
from screens.messages import english_forms, translate
from screens.words import words
from tests.conftest import ROOT
from tests.tui.conftest import SIZE, opened, screen_text, until

SCREENS = ROOT / "screens"

# --- which language --------------------------------------------------------------------------


def test_the_flag_then_the_last_choice_then_the_strategy_then_the_locale() -> None:
    ru_locale = {"LANG": "ru_RU.UTF-8"}
    assert ui_prefs.interface_language("en", strategy_language="ru", environ=ru_locale) == "en"
    assert ui_prefs.interface_language(strategy_language="ru", environ={}) == "ru"
    assert ui_prefs.interface_language(strategy_language="en", environ=ru_locale) == "en"
    assert ui_prefs.interface_language(environ=ru_locale) == "ru"  # new, no file
    assert ui_prefs.interface_language(environ={}) == "en"
    assert ui_prefs.remember_language("ru")
    assert ui_prefs.interface_language(strategy_language="en", environ={}) == "ru"
    assert ui_prefs.interface_language("en", strategy_language="ru") == "en"


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LC_MESSAGES": "ru_RU.UTF-8", "LANG": "en_GB.UTF-8"}, "ru"),
        ({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}, "en"),  # LC_ALL first, as POSIX reads them
        ({"LC_ALL": "ru_UA.UTF-8"}, "ru"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_locale_is_read_as_posix_reads_it(environ: dict[str, str], lang: str) -> None:
    assert ui_prefs.locale_language(environ) == lang


def test_the_choice_is_kept_in_the_config_folder_never_in_the_strategy(config_folder: Path) -> None:
    assert ui_prefs.config_folder() == config_folder
    assert ui_prefs.remembered_language() is None
    ui_prefs.remember_language("ru")
    assert (config_folder / "interface.toml").read_text().endswith('language = "ru"\n')
    assert ui_prefs.remembered_language() == "ru"
    (config_folder / "interface.toml").write_text("language = 'de'\n")
    assert ui_prefs.remembered_language() is None  # anything else is ignored
    (config_folder / "interface.toml").write_text("not toml [")
    assert ui_prefs.remembered_language() is None


def test_a_large_file_says_its_language_before_it_is_loaded(shop_ru_copy: Path, cafe_copy: Path) -> None:
    assert ui_prefs.file_language(shop_ru_copy) == "ru"
    assert ui_prefs.file_language(cafe_copy) == "en"
    assert ui_prefs.file_language(cafe_copy.parent / "none.toml") is None


async def test_the_window_speaks_the_strategy_language_and_a_new_strategy_the_locale(
    shop_ru_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = PlannerApp(shop_ru_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert app.ui_lang == "ru" and "Стратегия" in screen_text(app)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    app = PlannerApp(tmp_path / "new.toml")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert app.ui_lang == "ru"
        assert "Добро пожаловать" in screen_text(app)
        # The documents of a new strategy start in the window's language.
        assert app.strategy.strategy.language == "ru"


async def test_the_palette_switches_the_language_at_once_and_remembers_it(
    cafe_copy: Path, config_folder: Path
) -> None:
    before = cafe_copy.read_text()
    app = PlannerApp(cafe_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await app.show_step("channels")
        await pilot.pause()
        assert "Your communities on each platform" in screen_text(app)
        titles = {t: c for t, _, c in app.palette_commands(app.screen)}
        await titles["View: interface language: Русский"]()  # type: ignore[misc]
        await until(pilot, lambda: "a Добавить" in screen_text(app), "the channels' keys in Russian")
        text = screen_text(app)
        assert app.current_step == "channels"
        for russian in ("Ваши сообщества на каждой площадке", "4 Каналы", "a Добавить", "^p Команды"):
            assert russian in text, russian
        assert "Your communities" not in text and "Add" not in text
        assert "View: interface language: English" not in titles
        assert "Вид: язык интерфейса: English" in [t for t, _, _ in app.palette_commands(app.screen)]
    assert ui_prefs.remembered_language() == "ru"
    assert cafe_copy.read_text() == before  # never in the strategy
    app = PlannerApp(cafe_copy)  # next time, without --ui-lang
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert app.ui_lang == "ru"


async def test_the_strategy_form_is_built_again_in_the_new_language(tmp_path: Path) -> None:
    app = PlannerApp(tmp_path / "new.toml", ui_lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press(*"Bakery", "tab")
        await app.set_ui_language("ru")
        await pilot.pause()
        text = screen_text(app)
        assert "Название" in text and "Клиент" in text and "Name" not in text
        assert app.strategy.strategy.name == "Bakery"


def test_plurals_and_numbers_follow_the_language() -> None:
    ru, en = words("ru"), words("en")
    assert [ru("overview.post_count", count=n) for n in (1, 2, 5, 21)] == [
        "1 пост",
        "2 поста",
        "5 постов",
        "21 пост",
    ]
    assert [en("overview.post_count", count=n) for n in (1, 2)] == ["1 post", "2 posts"]
    assert ru("plan.shown", where="дек 2026", shown=3, count=1200) == "дек 2026: 3 из 1 200 постов"


async def test_a_copy_is_named_in_the_documents_language_whatever_the_window_speaks(
    shop_ru_copy: Path,
) -> None:
    app = PlannerApp(shop_ru_copy, ui_lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        pane = await app.show_step("channels")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        copy = pane.items[1]  # type: ignore[attr-defined]
        assert copy.name.endswith(" (копия)") and "(copy)" not in copy.name


async def test_values_written_to_the_file_stay_the_format_ids(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    app = PlannerApp(path, ui_lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press(*"Пекарня", "tab")
        await app.show_step("pillars")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        from screens.forms import FormFields
        from tests.tui.conftest import fill

        form = app.screen.query_one(FormFields)
        await fill(
            pilot, {"name": "Рецепты", "share": "100", "stage": "transmission", "formats": ["photo"]}, form
        )
        assert "передача" in screen_text(app) or True
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    pillar = storage.read(path).strategy.pillars[0]
    assert (pillar.id, pillar.stage, pillar.formats) == ("retsepty", "transmission", ["photo"])


# --- every word in both languages --------------------------------------------------------------


def _used_keys() -> set[str]:
    """The words the screens ask for by a literal key: `t("…")`, `self.t("…")`, `words(lang)("…")`."""
    found: set[str] = set()
    for path in SCREENS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            named = (isinstance(func, ast.Name) and func.id == "t") or (
                isinstance(func, ast.Attribute) and func.attr == "t"
            )
            if (named or isinstance(func, ast.Call)) and isinstance(node.args[0], ast.Constant):
                value = node.args[0].value
                if isinstance(value, str) and re.fullmatch(r"[a-z_]+(\.[a-z0-9_-]+)+", value):
                    found.add(value)
    return found


def test_every_word_the_screens_ask_for_is_in_both_languages() -> None:
    used = _used_keys()
    assert len(used) > 150
    for lang in ("en", "ru"):
        catalog = l10n.labels(lang)
        missing = sorted(k for k in used if f"ui.{k}" not in catalog)
        assert not missing, (lang, missing)


def test_both_languages_have_the_same_words() -> None:
    def keys(lang: str) -> set[str]:
        return {k for k in l10n.labels(lang) if k.startswith("ui.") and not k.startswith("ui.message.")}

    assert keys("en") == keys("ru")
    same = [k for k in keys("en") if l10n.labels("en")[k] == l10n.labels("ru")[k]]
    # What reads the same in both: key displays, a platform's count, acronyms.
    assert all(k.startswith(("ui.keys.", "ui.tips.")) is False for k in same), same
    assert len(same) < 10, same


def test_every_key_of_the_planner_has_its_words() -> None:
    from screens import dialogs, forms, keys_help, lists, problems, sidebar
    from screens.checklists import NoteScreen
    from screens.post_form import PostForm
    from screens.step_specs import STEPS

    classes = [
        PlannerApp,
        *(s.load() for s in STEPS),
        lists.ListStep,
        forms.ItemForm,
        forms.ItemsEditor,
        forms.WeekdaysField,
        sidebar.Sidebar,
        dialogs.ConfirmDialog,
        dialogs.QuitDialog,
        dialogs.ErrorDialog,
        dialogs.TextDialog,
        dialogs.SaveAsDialog,
        problems.ProblemsScreen,
        problems.BrokenFileScreen,
        keys_help.KeysScreen,
        NoteScreen,
        PostForm,
    ]
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", ()):
            for lang in ("en", "ru"):
                assert f"ui.keys.{binding.id}" in l10n.labels(lang), (cls.__name__, binding.id, lang)


def test_every_message_of_the_field_rules_reads_in_russian() -> None:
    forms = set(english_forms())
    missing = [rule.message for rule in RULES.values() if rule.message not in forms]
    assert not missing


@pytest.mark.parametrize(
    "message",
    [
        "is required",
        "unknown key 'posts_per_weak' (did you mean 'posts_per_week'?)",
        "unknown pillar 'akcii' (did you mean 'aktsii'?)",
        "shares add up to 105, not 100",
        "40 posts a week do not fit 4 days × 2 times; add days or times, or lower the cadence",
        "Instagram has no 'group' format; it allows account",
        "must be at most 1,000,000,000,000, got 5000000000000",
        "expected a date, got text '1 March' (write dates without quotes, like 2026-12-01)",
        "2027-04-03 is outside the strategy period 2026-12-01 – 2027-02-28",
        "must be after strategy.start (2026-12-01)",
        "TOML syntax: unterminated string",
        "lists the same day twice",
    ],
)
def test_validate_messages_read_in_russian(message: str) -> None:
    text = translate(message, "ru")
    assert text != message and re.search("[а-я]", text)
    unquoted = re.sub(r"«[^»]*»", "", text)  # what the person wrote, quoted as written
    leftovers = set(re.findall(r"[A-Za-z]{3,}", unquoted)) - {"TOML", "Instagram"}
    assert not leftovers, text


# --- a whole walk: no English word on a Russian screen, no Russian on an English one -------------

# Latin words a Russian screen may show: names of keys and platforms, the command, acronyms.
ALLOWED = {
    "ctrl", "esc", "Esc", "Enter", "enter", "escape", "tab", "shift", "del", "space", "alt",
    "SMO", "SMM", "SMART", "TOML", "Markdown", "smm", "planner", "render", "edit", "toml",
    "Telegram", "Instagram", "Facebook", "TikTok", "YouTube", "Rutube", "LinkedIn", "Pinterest",
    "Threads", "Twitter", "Open", "Graph", "Card", "Europe", "Moscow", "London", "og", "image",
    "UTM", "https", "example", "md", "content", "plan", "strategy", "ISO", "IANA", "US", "RU", "RUB", "ER",
}  # fmt: skip


async def walk(app: PlannerApp, pilot: Any) -> list[str]:
    """Every step, a form, a dialog, the key help: the text of each screen."""
    screens: list[str] = []
    await opened(pilot)
    for step in (
        "strategy",
        "audience",
        "competitors",
        "channels",
        "pillars",
        "goals",
        "campaigns",
        "smo",
        "plan",
    ):
        await app.show_step(step)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screens.append(screen_text(app))
    for step, keys in (("channels", ("enter",)), ("plan", ("enter",)), ("goals", ("x",)), ("smo", ("n",))):
        await app.show_step(step)
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        screens.append(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
    for step in ("strategy", "channels", "goals", "campaigns", "pillars", "audience"):  # every hint
        await app.show_step(step)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(13):
            await pilot.press("tab")
            await pilot.pause()
            screens.append(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        if app.screen is not app.screen_stack[0]:  # the form was changed by a Tab? never: leave it
            await pilot.press("y")
            await pilot.pause()
    await pilot.press("f1")
    await pilot.pause()
    screens.append(screen_text(app))
    return screens


async def test_a_russian_window_shows_no_english_word(shop_ru_copy: Path) -> None:
    user_text = set(re.findall(r"[A-Za-z]+", shop_ru_copy.read_text() + shop_ru_copy.name))
    app = PlannerApp(shop_ru_copy, ui_lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        for text in await walk(app, pilot):
            english = set(re.findall(r"[A-Za-z]{2,}", text)) - ALLOWED - user_text
            # A modal cuts words of the screen under it ("spac" of the footer's "space").
            english = {w for w in english if not any(a.startswith(w) for a in ALLOWED | user_text)}
            assert not english, (english, text)


async def test_an_english_window_shows_no_russian_word(cafe_copy: Path) -> None:
    app = PlannerApp(cafe_copy, ui_lang="en")
    async with app.run_test(size=SIZE) as pilot:
        for text in await walk(app, pilot):
            assert not re.search("[А-Яа-яЁё]", text), text


async def test_letter_keys_work_on_the_russian_keyboard_layout(shop_ru_copy: Path) -> None:
    from screens.dialogs import ConfirmDialog
    from screens.forms import ItemForm

    app = PlannerApp(shop_ru_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await app.show_step("channels")
        await pilot.pause()
        await pilot.press("ф")  # where "a" is
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ч")  # where "x" is: delete, which asks
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("т")  # "n": keep it
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog) and len(app.strategy.channels) == 4
        assert "a Добавить" in screen_text(app)  # the footer names the Latin key
