"""Localisation and the user cache: labels and formats in both languages, Babel's answers remembered across runs."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner import babel_memo, user_cache
from planner.l10n import (
    UnknownLabel,
    country_name,
    format_date,
    format_money,
    format_number,
    format_range,
    label_function,
    language_name,
    plural_form,
    value_label,
)

ROOT = Path(__file__).resolve().parent.parent

# --- labels and formats --------------------------------------------------------------------------


def test_a_label_picks_its_plural_form_by_the_language_rule() -> None:
    t = label_function("ru")
    assert [t("doc.weeks", count=n) for n in (1, 3, 5, 21, 1.5)] == [
        "1 неделя",
        "3 недели",
        "5 недель",
        "21 неделя",
        "1,5 недели",
    ]
    assert label_function("en")("doc.weeks", count=1200) == "1,200 weeks"
    assert (plural_form("ru", 2), plural_form("ru", 11), plural_form("en", 1)) == ("few", "many", "one")


def test_an_unknown_label_names_the_closest_key() -> None:
    with pytest.raises(
        UnknownLabel, match=r"no label 'goals.titel' in the en catalog \(did you mean 'goals.title'\?\)"
    ):
        label_function("en")("goals.titel")


def test_an_enumeration_value_is_named_in_the_language_or_not_at_all() -> None:
    assert value_label("status", "published", "ru") == "опубликован"
    assert value_label("content_format", "unboxing", "en") is None  # the user's own format


def test_russian_numbers_group_with_plain_spaces_and_a_true_minus() -> None:
    assert format_number(1234567, "ru") == "1 234 567"  # Babel gives U+00A0; the documents print spaces
    assert format_number(-1234.5, "ru", 1) == "−1 234,5"
    assert format_number(-0.001, "en") == "0"
    assert format_money(150000, "RUB", "ru") == "150 000 ₽"
    assert format_money(-0.0, "GBP", "en") == "£0"  # a balance rounded to nothing owes nothing
    assert format_money(1200.5, "EUR", "ru") == "1 200,50 €"


def test_dates_read_as_each_language_writes_them() -> None:
    leap = dt.date(2028, 2, 29)
    assert (format_date(leap, "en", "day"), format_date(leap, "ru", "day")) == ("Feb 29", "29 февр.")
    assert format_date(dt.date(2027, 3, 8), "ru", "weekday_name") == "понедельник"
    assert format_date(dt.date(2027, 3, 8), "ru", "month") == "Март 2027"
    assert (
        format_range(dt.date(2026, 12, 28), dt.date(2027, 1, 3), "en")
        == "December 28, 2026 – January 3, 2027"
    )
    assert format_range(dt.date(2026, 12, 1), dt.date(2026, 12, 6), "en", year=True) == "December 1–6, 2026"


def test_languages_and_countries_are_named_in_the_document_language() -> None:
    assert (language_name("ru", "en"), language_name("en", "ru")) == ("Russian", "английский")
    assert language_name("pt-BR", "en") == "Brazilian Portuguese"
    assert language_name("xx", "en") == "xx"
    assert (country_name("GB", "ru"), country_name("ru", "en"), country_name("", "en")) == (
        "Великобритания",
        "Russia",
        "",
    )


# --- Babel's answers remembered ------------------------------------------------------------------

RENDER = """\
import sys
from typer.testing import CliRunner
from planner.cli import app
result = CliRunner().invoke(app, ["render", sys.argv[1], "-o", sys.argv[2]])
assert result.exit_code == 0, result.output
print("babel" in sys.modules)
"""


def render_in_a_process(strategy: Path, out: Path, cache: Path) -> bool:
    """Render in a process of its own with `cache` as the user's cache; True when it loaded Babel."""
    env = {**os.environ, user_cache.ENVIRONMENT_VARIABLE: str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", RENDER, str(strategy), str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip() == "True"


def test_a_second_render_answers_from_the_memo_without_loading_babel(tmp_path: Path, shop_ru: Path) -> None:
    cache = tmp_path / "cache"
    assert render_in_a_process(shop_ru, tmp_path / "first", cache)  # nothing remembered yet
    assert not render_in_a_process(shop_ru, tmp_path / "second", cache)
    for name in ("strategy.md", "content-plan.md"):
        assert (tmp_path / "first" / name).read_text() == (tmp_path / "second" / name).read_text()
    (memo,) = cache.glob("babel-*.json")
    assert (
        memo.name
        == f"babel-{user_cache.installed_version('babel')}-smm-planner-{babel_memo.__version__}-{babel_memo.MEMO_FORMAT}.json"
    )


def test_a_new_key_removes_the_files_of_the_old_ones(tmp_path: Path, cafe: Path) -> None:
    cache = tmp_path / "cache"
    stale = [
        cache / "babel-2.0.0-smm-planner-0.0.1-1.json",
        cache / "cldr2-en-116460-1-244048-2.json",  # what smm-planner kept before the memo
        cache / "jinja-2.0.0-immutable-sandbox-11101" / "x.cache",
        cache / "holidays" / "GB-2026-2027-en-123.json",
        cache / "holidays-0.1" / "GB-2026-2027-en.json",
        cache / "code-cpython-310-6f0d0d0a.marshal",  # another Python's compiled checks
    ]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}")
    (cache / "notes.txt").write_text("not ours to remove")
    render_in_a_process(cafe, tmp_path / "out", cache)
    assert not any(p.exists() for p in stale)
    assert not (cache / "holidays").exists()
    assert (cache / "notes.txt").exists()
    kept = sorted(p.name.split("-")[0] for p in cache.iterdir())
    assert kept == ["babel", "code", "holidays", "jinja", "notes.txt"]


def test_without_a_cache_folder_the_documents_come_out_the_same(tmp_path: Path, cafe: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")  # a cache folder cannot be made inside a file, even by root
    assert render_in_a_process(cafe, tmp_path / "uncached", blocked / "cache")
    render_in_a_process(cafe, tmp_path / "cached", tmp_path / "cache")
    for name in ("strategy.md", "content-plan.md"):
        assert (tmp_path / "uncached" / name).read_text() == (tmp_path / "cached" / name).read_text()


def test_the_memo_keeps_the_answers_used_or_learned_last_and_what_other_processes_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(babel_memo, "MAX_ANSWERS", 3)
    path = tmp_path / "babel-test.json"
    memo = babel_memo._Memo(path)
    for n in range(4):
        memo.learn(f"answer{n}", str(n))
    path.write_text(json.dumps({"other": "from another process"}))  # written while this one ran
    memo.save()
    assert json.loads(path.read_text()) == {"answer1": "1", "answer2": "2", "answer3": "3"}
    memo = babel_memo._Memo(path)
    memo.used.add("answer1")  # answered from the file in this run: it stays
    memo.learn("answer4", "4")
    memo.save()
    assert list(json.loads(path.read_text())) == ["answer3", "answer1", "answer4"]


def test_a_remembered_answer_is_read_from_the_memo_before_babel_is_asked() -> None:
    calls = []

    @babel_memo.remembered
    def double(value: int) -> str:
        calls.append(value)
        return str(2 * value)

    memo = babel_memo._memo()
    memo.answers["double(21,)"] = "from the file"
    assert (double(21), double(4), double(4)) == ("from the file", "8", "8")
    assert calls == [4]
    assert memo.learned["double(4,)"] == "8" and "double(21,)" in memo.used
    for key in ("double(4,)", "double(21,)"):  # the session's memo file is no place for them
        memo.answers.pop(key), memo.learned.pop(key, None), memo.used.discard(key)


def test_a_broken_memo_file_is_ignored_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "babel-test.json"
    path.write_text('{"half a fi')
    memo = babel_memo._Memo(path)
    assert memo.answers == {}
    memo.learn("answer", "42")
    memo.save()
    assert json.loads(path.read_text()) == {"answer": "42"}


def test_the_tests_never_write_the_real_users_cache(user_cache_folder: Path) -> None:
    assert user_cache.cache_folder() == user_cache_folder
    assert babel_memo.memo_path() is not None and babel_memo.memo_path().parent == user_cache_folder  # type: ignore[union-attr]


@pytest.mark.parametrize("kind", ["cache", "config"])
@pytest.mark.parametrize("xdg", [None, "", "  ", "/srv/xdg"])
def test_the_users_folders_are_the_ones_platformdirs_names(
    kind: str, xdg: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    variable = "XDG_CACHE_HOME" if kind == "cache" else "XDG_CONFIG_HOME"
    if xdg is None:
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, xdg)
    named = platformdirs.user_cache_dir if kind == "cache" else platformdirs.user_config_dir
    assert user_cache.user_folder(kind) == Path(named("smm-planner", appauthor=False))  # type: ignore[arg-type]
