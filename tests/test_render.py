"""`render` and `templates`: golden documents, Markdown that never breaks, both languages, the sandbox.

The golden files in tests/golden/<example>.<lang>/ are the documents a client receives. After a
deliberate change, regenerate them with `UPDATE_GOLDEN=1 pytest tests/test_render.py` and read the
diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from planner.cli import app
from planner.errors import PlannerError, TemplateProblem
from planner.render import render_documents
from planner.storage import load, parse
from planner.templating import copy_builtin_templates, write_documents

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
PREPARED = dt.date(2026, 11, 20)
DOCUMENTS = ("strategy.md", "content-plan.md")

runner = CliRunner()


def render_example(stem: str, lang: str) -> dict[str, str]:
    strategy = load(EXAMPLES / f"{stem}.toml").strategy
    assert strategy is not None
    return render_documents(strategy, lang=lang, prepared=PREPARED)


# --- golden documents ----------------------------------------------------------------------------

CASES = [(stem, lang) for stem in ("cafe", "shop-ru", "studio-ru", "b2b-saas") for lang in ("en", "ru")]


@pytest.mark.parametrize(("stem", "lang"), CASES, ids=[f"{s}.{lang}" for s, lang in CASES])
def test_examples_render_as_the_golden_documents(stem: str, lang: str) -> None:
    documents = render_example(stem, lang)
    folder = GOLDEN / f"{stem}.{lang}"
    if os.environ.get("UPDATE_GOLDEN"):
        write_documents(documents, folder)
    for name in DOCUMENTS:
        expected = (folder / name).read_text("utf-8")
        assert documents[name] == expected, f"{folder / name} differs; UPDATE_GOLDEN=1 to accept after review"


@pytest.mark.parametrize(("stem", "lang"), CASES, ids=[f"{s}.{lang}" for s, lang in CASES])
def test_every_table_row_has_as_many_cells_as_its_header(stem: str, lang: str) -> None:
    for text in render_example(stem, lang).values():
        assert_tables_whole(text)


def table_lines(text: str) -> list[list[str]]:
    """The source lines of each table markdown-it finds (GitHub-flavoured tables)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    lines = text.splitlines()
    return [lines[t.map[0] : t.map[1]] for t in tokens if t.type == "table_open" and t.map]


def cells(line: str) -> int:
    # A pipe escaped with a backslash is text, not a cell border.
    return len(re.split(r"(?<!\\)\|", line.strip().strip("|")))


def assert_tables_whole(text: str) -> None:
    tables = table_lines(text)
    pipes = sum(1 for line in text.splitlines() if line.startswith("| "))
    assert pipes == sum(len(t) for t in tables), "a line that looks like a table row is not in a table"
    for table in tables:
        header = cells(table[0])
        assert re.fullmatch(r"\|( :?-{3,}:? \|)+", table[1]), table[1]
        for row in table:
            assert cells(row) == header, f"{row!r} has {cells(row)} cells, the header {header}"


def test_documents_are_tidy_markdown() -> None:
    for stem, lang in CASES:
        for name, text in render_example(stem, lang).items():
            assert text.endswith("\n") and not text.endswith("\n\n"), name
            assert "\n\n\n" not in text, name
            assert "\u202f" not in text, "numbers keep their parts together with U+00A0, never U+202F"
            # A block (heading, table, list) is separated from what comes before it by a blank line.
            lines = text.splitlines()
            for before, line in itertools.pairwise(lines):
                if line.startswith(("#", "| ---")) or (line.startswith("|") and not before.startswith("|")):
                    assert before == "" or line.startswith("| ---"), f"{name}: no blank line before {line!r}"
                if before.startswith(("#", "|")) and not line.startswith("|"):
                    assert line == "", f"{name}: no blank line after {before!r}"


# --- languages -----------------------------------------------------------------------------------


def english_label_words() -> set[str]:
    with (ROOT / "planner" / "locales" / "en.toml").open("rb") as f:
        catalog = tomllib.load(f)
    words: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, str):
            words.update(w.lower() for w in re.findall(r"[A-Za-z]{2,}", re.sub(r"\{\w+\}", "", value)))

    walk(catalog)
    return words


def latin_words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{2,}", text)}


def catalog_words_ru() -> set[str]:
    """Latin words the built-in catalogs use in Russian (Telegram, VK ID, Google…): names, not labels."""
    from planner import catalog

    texts = [p.name_ru for p in catalog.platforms().values()]
    for p in catalog.platforms().values():
        texts += [f"{c.note_ru} {c.moderation_ru}" for c in p.community.values()]
    for items in catalog.checklists().values():
        texts += [f"{i.title_ru} {i.explanation_ru}" for i in items]
    with (ROOT / "planner" / "catalog" / "checklists.toml").open("rb") as f:
        markets = tomllib.load(f)["markets"]  # product names: VK ID, Google Analytics, Instagram Reels
    texts += [
        str(names.get("ru", ""))
        for market in markets.values()
        for names in market.values()
        if isinstance(names, dict)
    ]
    return latin_words(" ".join(texts)) | latin_words(" ".join(p.name for p in catalog.platforms().values()))


# Fields whose values are ids or enumeration values, not the user's prose: never allowed through.
CODED_FIELDS = {
    "id", "status", "format", "formats", "stage", "kind", "metric", "platform", "platforms", "language",
    "languages", "report_every", "channel", "channels", "pillar", "pillars", "campaign", "goal", "audience",
    "days", "country", "timezone", "currency",
}  # fmt: skip


def user_text_words(path: Path) -> set[str]:
    """Latin words of the user's own prose in a strategy file (names, notes, topics), not its codes."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    words: set[str] = set()

    def walk(value: object, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key not in CODED_FIELDS:
            words.update(latin_words(value))

    walk(data)
    return words


def prose(text: str) -> str:
    """A document without what is code, not words: links, Mermaid charts' syntax, time zone ids."""
    text = re.sub(r"<https?://[^>]+>|\]\(<https?://[^>]+>\)", "", text)
    text = re.sub(
        r"```mermaid\n.*?```", lambda m: " ".join(re.findall(r'"([^"]*)"', m.group())), text, flags=re.S
    )
    return re.sub(r"\b[A-Z][a-z]+(?:/[A-Z][A-Za-z_]+)+\b", "", text)  # Europe/Moscow, America/Chicago


ALL_EXAMPLES = sorted(p.stem for p in EXAMPLES.glob("*.toml"))


@pytest.mark.parametrize("stem", ALL_EXAMPLES)
def test_russian_documents_leave_no_english_word_of_the_templates(stem: str) -> None:
    text = prose("\n".join(render_example(stem, "ru").values()))
    # What may stay in Latin letters: the file's own words (brand names, "UTM"), names in the catalogs,
    # and the trade's acronyms, which Russian writes in Latin letters too.
    allowed = user_text_words(EXAMPLES / f"{stem}.toml") | catalog_words_ru() | {"smm", "smo", "utm"}
    left = latin_words(text) - allowed
    assert not left, f"English left in the Russian documents: {sorted(left)}"
    english_labels = english_label_words() - {"smm", "smo", "utm"}
    assert not english_labels & latin_words(text) - allowed


def cyrillic_words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[А-Яа-яЁё]{2,}", text)}


@pytest.mark.parametrize("stem", ALL_EXAMPLES)
def test_english_documents_contain_no_russian_word_of_ours(stem: str) -> None:
    text = prose("\n".join(render_example(stem, "en").values()))
    with (EXAMPLES / f"{stem}.toml").open("rb") as f:
        own = cyrillic_words(str(tomllib.load(f)))
    left = cyrillic_words(text) - own
    assert not left, f"Russian left in the English documents: {sorted(left)}"


def test_english_example_rendered_in_russian_translates_every_label() -> None:
    text = "\n".join(render_example("cafe", "ru").values())
    for label in (
        "## Цели",
        "## Аудитория",
        "## План по каналам",
        "## Бюджет",
        "### Неделя 49",
        "## Декабрь 2026",
    ):
        assert label in text
    for english in (
        "## Goals",
        "| Goal |",
        "### Week",
        "## December",
        "| published |",
        "| carousel |",
        "adhesion",
    ):
        assert english not in text


def test_russian_numbers_dates_and_money_are_formatted_for_russian_readers() -> None:
    strategy_md = render_example("shop-ru", "ru")["strategy.md"]
    assert "1\u00a0декабря 2026 – 28\u00a0февраля 2027 (13\u00a0недель)" in strategy_md
    assert "- **Подготовлено:** 20\u00a0ноября 2026" in strategy_md
    # A number never breaks across lines in Word or a PDF: its spaces are no-break ones (U+00A0).
    assert "Бюджет в месяц: 180\u00a0000\u00a0₽" in strategy_md
    assert "| 3\u00a0800 → 7\u00a0000 (+84\u00a0%) |" in strategy_md and " 3 800" not in strategy_md
    english = render_example("shop-ru", "en")["strategy.md"]
    assert (
        "December 1, 2026 – February 28, 2027 (13 weeks)" in english and "| 3,800 → 7,000 (+84%) |" in english
    )


# --- escaping ------------------------------------------------------------------------------------

HOSTILE = (
    "a|b *bold* _it_ `code` <script>alert(1)</script> &amp; [link](http://x) ~~s~~\n# head\n- item\n1. one"
)

HOSTILE_TOML = """
schema_version = 1
[strategy]
name = {h}
client = {h}
brand = {h}
website = {h}
summary = {h}
start = 2026-12-01
end = 2027-02-28
budget = 1000
currency = {h}
country = "DE"
[[audience]]
id = "a"
name = {h}
description = {h}
age = {h}
locations = [{h}]
languages = [{h}]
interests = [{h}]
pains = [{h}]
motivations = [{h}]
platforms = ["vk"]
size = 10
[[competitors]]
id = "c"
name = {h}
website = {h}
strengths = [{h}]
weaknesses = [{h}]
notes = {h}
  [[competitors.presence]]
  platform = "vk"
  url = {h}
  content = {h}
  followers = 10
[[channels]]
id = "vk"
platform = "vk"
name = {h}
url = {h}
role = {h}
audience = ["a"]
ads_budget = 100
[[pillars]]
id = "p"
name = {h}
share = 100
formats = [{h}]
topics = [{h}]
[[goals]]
id = "g"
title = {h}
metric = "reach"
target = 10
why = {h}
[[campaigns]]
id = "k"
name = {h}
start = 2026-12-10
end = 2026-12-12
channels = ["vk"]
budget = 50
mechanics = {h}
goal = "g"
[smo]
open-graph = {{ status = "todo", note = {h} }}
[tactics]
contests = {{ status = "done", note = {h} }}
[community]
moderation = {h}
negative_feedback = {h}
[[posts]]
id = "x"
date = 2026-12-25
time = "10:00"
channel = "vk"
pillar = "p"
format = {h}
topic = {h}
campaign = "k"
"""


def hostile_strategy():
    quoted = '"' + HOSTILE.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    loaded = parse(HOSTILE_TOML.format(h=quoted))
    assert loaded.ok, loaded.problems
    return loaded.strategy


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_hostile_text_in_every_field_never_breaks_a_table_or_injects_markup(lang: str) -> None:
    documents = render_documents(hostile_strategy(), lang=lang, prepared=PREPARED)
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    for name, text in documents.items():
        assert_tables_whole(text)
        tokens = md.parse(text)
        flat = [t for tok in tokens for t in [tok, *(tok.children or [])]]
        kinds = {t.type for t in flat}
        assert not kinds & {"html_inline", "html_block", "code_inline", "s_open", "link_open"}, (name, kinds)
        html = md.render(text)
        assert "<script>" not in html and "<em>it</em>" not in html and "<strong>bold</strong>" not in html
        # The user's text arrives whole and literal: its newlines folded, nothing lost.
        literal = (
            "a|b *bold* _it_ `code` &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; [link](http://x) ~~s~~"
        )
        assert literal in html, name
        headings = [t for t in tokens if t.type == "heading_open"]
        assert all(tokens[tokens.index(h) + 1].content != "head" for h in headings)
        assert "<li>item" not in html


def test_user_text_is_escaped_once_and_folded_onto_one_line() -> None:
    from planner.markdown import cell, md, paragraphs, tidy

    assert (
        md("a|b *c*\\ &amp; 5 & 6\n[x](y) ~z~ <i>")
        == "a\\|b \\*c\\*\\\\ \\&amp; 5 & 6 \\[x\\](y) \\~z\\~ \\<i\\>"
    )
    assert (md(None), cell(None), cell(""), cell(0), cell("  ")) == ("", "—", "—", "0", "—")
    assert paragraphs("# Not a heading\n\n\n1. not a list\n- nor this") == (
        "\\# Not a heading\n\n1\\. not a list - nor this"
    )
    assert tidy("\n\n# A\n\n\n\n\n\nB\n\n\n") == "# A\n\nB\n"


def test_a_web_address_becomes_a_link_only_when_it_is_one() -> None:
    from planner.markdown import url

    assert url("https://coffeelab.example/a_b") == "<https://coffeelab.example/a_b>"
    assert url("javascript:alert(1)") == "javascript:alert(1)"
    assert url("https://x.example/<b>") == "https://x.example/\\<b\\>"


# --- the sandbox and template errors -------------------------------------------------------------


def user_templates(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "my-templates"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")
    return folder


@pytest.fixture
def cafe(tmp_path: Path) -> Path:
    return Path(shutil.copy(EXAMPLES / "cafe.toml", tmp_path / "cafe.toml"))


@pytest.mark.parametrize(
    "reach",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ title.__class__ }}",
        "{{ t.__globals__ }}",
    ],
)
def test_a_template_reaching_for_python_internals_is_refused(tmp_path: Path, cafe: Path, reach: str) -> None:
    folder = user_templates(tmp_path, {"strategy.md.j2": f"# {{{{ title.name }}}}\n\n{reach}\n"})
    strategy = load(cafe).strategy
    with pytest.raises(TemplateProblem) as e:
        render_documents(strategy, templates=folder, prepared=PREPARED)  # type: ignore[arg-type]
    assert e.value.message.startswith(
        f"{folder / 'strategy.md.j2'}:3: refused by the sandbox: access to attribute"
    )
    assert "\n" not in e.value.message


def test_a_misspelt_variable_names_the_template_line_and_variable(tmp_path: Path, cafe: Path) -> None:
    folder = user_templates(tmp_path, {"strategy.md.j2": "# {{ title.name }}\n\n{{ sumary }}\n"})
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(cafe), "--templates", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == f"{folder / 'strategy.md.j2'}:3: 'sumary' is undefined (did you mean 'summary'?)"
    )
    assert "Traceback" not in result.output
    assert not out.exists()  # nothing half-written


def test_a_misspelt_attribute_names_what_the_object_has(tmp_path: Path, cafe: Path) -> None:
    folder = user_templates(tmp_path, {"strategy.md.j2": "# {{ title.nme }}\n"})
    with pytest.raises(TemplateProblem) as e:
        render_documents(load(cafe).strategy, templates=folder)  # type: ignore[arg-type]
    expected = f"{folder / 'strategy.md.j2'}:1: TitleBlock has no attribute 'nme' (did you mean 'name'?)"
    assert e.value.message == expected


def test_an_error_in_the_second_document_writes_neither(tmp_path: Path, cafe: Path) -> None:
    folder = user_templates(
        tmp_path, {"content-plan.md.j2": "{% for m in months %}{{ m.mnth }}{% endfor %}\n"}
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(cafe), "--templates", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{folder / 'content-plan.md.j2'}:1: " in result.output and "mnth" in result.output
    assert not out.exists()


def test_a_template_syntax_error_says_where(tmp_path: Path, cafe: Path) -> None:
    folder = user_templates(tmp_path, {"strategy.md.j2": "# ok\n\n{% if title %}\nno end\n"})
    result = runner.invoke(app, ["render", str(cafe), "--templates", str(folder), "-o", "-"])
    assert result.exit_code == 1
    assert result.output.startswith(f"{folder / 'strategy.md.j2'}:4: Unexpected end of template")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ('# x\n\n{% include "_nowhere.md.j2" %}\n', ":3: template '_nowhere.md.j2' not found in "),
        ("{{ 1 / 0 }}\n", ":1: ZeroDivisionError: division by zero"),
        (
            "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}\n",
            ": a macro or include calls itself without end",
        ),
        (
            "{% for i in range(10**9) %}{% endfor %}\n",
            ":1: OverflowError: Range too big. The sandbox blocks ranges",
        ),
    ],
)
def test_a_broken_user_template_is_one_clear_line(
    tmp_path: Path, cafe: Path, template: str, message: str
) -> None:
    folder = user_templates(tmp_path, {"strategy.md.j2": template})
    result = runner.invoke(app, ["render", str(cafe), "--templates", str(folder), "-o", "-"])
    assert result.exit_code == 1
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_an_unknown_label_is_named(tmp_path: Path, cafe: Path) -> None:
    folder = user_templates(tmp_path, {"strategy.md.j2": '{{ t("goals.titel") }}\n'})
    with pytest.raises(
        TemplateProblem, match=r"strategy.md.j2:1: no label 'goals.titel' .*did you mean 'goals.title'"
    ):
        render_documents(load(cafe).strategy, templates=folder)  # type: ignore[arg-type]


def test_a_missing_templates_folder_is_an_error(tmp_path: Path, cafe: Path) -> None:
    result = runner.invoke(app, ["render", str(cafe), "--templates", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "the templates folder does not exist" in result.output
    assert not (tmp_path / "cafe").exists()


# --- the commands --------------------------------------------------------------------------------


def test_render_writes_both_documents_beside_the_strategy_by_default(cafe: Path) -> None:
    result = runner.invoke(app, ["render", str(cafe)])
    assert result.exit_code == 0, result.output
    folder = cafe.with_suffix("")
    assert result.output.splitlines() == [
        f"wrote {folder / 'strategy.md'}",
        f"wrote {folder / 'content-plan.md'}",
    ]
    strategy_md = (folder / "strategy.md").read_text("utf-8")
    assert strategy_md.startswith("# Coffee Lab: winter 2026/27\n\n*Social media strategy*\n")
    assert f"- **Prepared:** {dt.date.today():%B} " in strategy_md  # today, as a client reads it
    assert (
        (folder / "content-plan.md")
        .read_text("utf-8")
        .startswith("# Coffee Lab: winter 2026/27\n\n*Content plan*")
    )


def test_render_to_stdout_prints_the_strategy_in_the_chosen_language(cafe: Path) -> None:
    result = runner.invoke(app, ["render", str(cafe), "-o", "-", "--lang", "ru"])
    assert result.exit_code == 0
    assert "*Стратегия продвижения в социальных сетях*" in result.output and "## Цели" in result.output
    assert not cafe.with_suffix("").exists()


def test_render_refuses_an_invalid_strategy(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 1\n[strategy]\nname = "X"\nlanguage = "de"\n', "utf-8")
    result = runner.invoke(app, ["render", str(bad)])
    assert result.exit_code == 1 and "strategy.language" in result.output
    assert not (tmp_path / "bad").exists()


def test_user_templates_win_and_the_rest_fall_back_to_the_built_ins(tmp_path: Path, cafe: Path) -> None:
    folder = user_templates(tmp_path, {"strategy.md.j2": "# {{ title.name|md }} for {{ title.client|md }}\n"})
    documents = render_documents(load(cafe).strategy, templates=folder, prepared=PREPARED)  # type: ignore[arg-type]
    assert documents["strategy.md"] == "# Coffee Lab: winter 2026/27 for Coffee Lab Roasters Ltd\n"
    assert documents["content-plan.md"] == (GOLDEN / "cafe.en" / "content-plan.md").read_text("utf-8")


def test_a_user_partial_overrides_the_built_in_partial(tmp_path: Path, cafe: Path) -> None:
    folder = user_templates(tmp_path, {"_title.md.j2": "# {{ heading }} — {{ title.name|md }}\n"})
    documents = render_documents(load(cafe).strategy, templates=folder, prepared=PREPARED)  # type: ignore[arg-type]
    # The last pass keeps a dash from starting a line (planner/typography.py): a no-break space before it.
    assert documents["strategy.md"].startswith(
        "# Social media strategy\u00a0— Coffee Lab: winter 2026/27\n\n## Summary"
    )
    assert documents["content-plan.md"].startswith("# Content plan\u00a0— Coffee Lab")


def test_templates_copies_the_built_ins_and_they_render_the_same(tmp_path: Path, cafe: Path) -> None:
    folder = tmp_path / "custom"
    result = runner.invoke(app, ["templates", str(folder)])
    assert result.exit_code == 0, result.output
    copied = sorted(p.name for p in folder.iterdir())
    assert {"strategy.md.j2", "content-plan.md.j2", "_title.md.j2", "_macros.md.j2"} <= set(copied)
    assert result.output.splitlines() == [f"wrote {folder / name}" for name in copied]
    documents = render_documents(load(cafe).strategy, templates=folder, prepared=PREPARED)  # type: ignore[arg-type]
    assert documents["strategy.md"] == (GOLDEN / "cafe.en" / "strategy.md").read_text("utf-8")


def test_templates_refuses_to_overwrite_and_says_which_files(tmp_path: Path) -> None:
    folder = tmp_path / "custom"
    folder.mkdir()
    (folder / "strategy.md.j2").write_text("mine", "utf-8")
    result = runner.invoke(app, ["templates", str(folder)])
    assert result.exit_code == 1
    assert f"refusing to overwrite existing templates: {folder / 'strategy.md.j2'}" in result.output
    assert (folder / "strategy.md.j2").read_text("utf-8") == "mine"
    assert sorted(p.name for p in folder.iterdir()) == ["strategy.md.j2"]  # nothing copied at all
    with pytest.raises(PlannerError):
        copy_builtin_templates(folder)


# --- sections without data -----------------------------------------------------------------------


def test_a_bare_strategy_renders_only_what_it_has() -> None:
    loaded = parse('schema_version = 1\n[strategy]\nname = "Bare"\n')
    documents = render_documents(loaded.strategy, prepared=PREPARED)  # type: ignore[arg-type]
    assert (
        documents["strategy.md"] == "# Bare\n\n*Social media strategy*\n\n- **Prepared:** November 20, 2026\n"
    )
    assert documents["content-plan.md"] == "# Bare\n\n*Content plan*\n\n- **Prepared:** November 20, 2026\n"


# --- formatting for the language ----------------------------------------------------------------


def test_numbers_money_percents_and_dates_read_naturally_in_each_language() -> None:
    from planner.l10n import (
        format_date,
        format_money,
        format_number,
        format_percent,
        format_range,
        format_signed,
    )

    d = dt.date(2026, 12, 2)
    assert (format_number(1200, "en"), format_number(1200, "ru")) == ("1,200", "1 200")
    assert (format_number(124.44, "en"), format_number(8.94, "ru"), format_number(0.132, "en")) == (
        "124",
        "8,9",
        "0.13",
    )
    assert (format_signed(-3, "en"), format_signed(0.0001, "en"), format_signed(12.5, "ru")) == (
        "−3",
        "0",
        "+12,5",
    )
    assert (format_money(1800, "GBP", "en"), format_money(180000, "RUB", "ru")) == ("£1,800", "180 000 ₽")
    assert (format_money(25000, "RUB", "en"), format_money(99.5, "USD", "en")) == ("RUB 25,000", "$99.50")
    assert format_money(1200, "руб.", "ru") == "1 200 руб."
    assert (format_percent(40, "en"), format_percent(12.5, "ru")) == ("40%", "12,5 %")
    assert (format_date(d, "en"), format_date(d, "ru")) == ("December 2, 2026", "2 декабря 2026")
    assert (format_date(d, "en", "month"), format_date(d, "ru", "month")) == ("December 2026", "Декабрь 2026")
    assert (format_date(d, "en", "weekday"), format_date(d, "ru", "weekday")) == ("Wed", "Ср")
    assert format_range(dt.date(2026, 11, 30), dt.date(2026, 12, 6), "ru") == "30 ноября – 6 декабря"


def test_a_folder_in_the_way_stops_the_render_before_anything_is_written(tmp_path: Path, cafe: Path) -> None:
    out = tmp_path / "out"
    (out / "content-plan.md").mkdir(parents=True)
    result = runner.invoke(app, ["render", str(cafe), "-o", str(out)])
    assert result.exit_code == 1
    in_the_way = out / "content-plan.md"
    assert result.output.strip() == f"{in_the_way}: is a folder, so content-plan.md cannot be written there"
    assert not (out / "strategy.md").exists()


# --- charts ------------------------------------------------------------------------------------------


def test_charts_are_fenced_mermaid_beside_their_tables_and_no_charts_leaves_them_out(cafe: Path) -> None:
    strategy = load(cafe).strategy
    assert strategy is not None
    with_charts = render_documents(strategy, prepared=PREPARED)["strategy.md"]
    blocks = re.findall(r"```mermaid\n(.*?)```", with_charts, re.S)
    kinds = [b.split("\n", 1)[0] for b in blocks]
    assert kinds == ["xychart-beta", "xychart-beta", "gantt"]  # goals, content mix, campaigns
    gantt = blocks[2]
    assert "    dateFormat YYYY-MM-DD\n" in gantt  # GitHub's Mermaid needs it said
    assert "    Twelve days of coffee :c1, 2026-12-08, 12d\n" in gantt
    without = render_documents(strategy, prepared=PREPARED, charts=False)["strategy.md"]
    assert "```" not in without
    # The tables the charts draw stay, as the text for readers without Mermaid.
    for table_header in ("| Pillar | Funnel stage |", "| Dates | Campaign |", "| Goal | Metric |"):
        assert table_header in with_charts and table_header in without
    result = runner.invoke(app, ["render", str(cafe), "--no-charts", "-o", "-"])
    assert result.exit_code == 0 and "```mermaid" not in result.output


def test_user_text_reaches_a_chart_only_as_a_plain_label() -> None:
    from planner.views.charts import chart_text

    assert chart_text('Gift "box" ```%%{init: x}%% click A href "javascript:x"\n#1;') == (
        "Gift box init x click A…"
    )
    assert chart_text("Конкурс «Весна без боли в спине»: 8 Марта") == "Конкурс «Весна без боли в…"
    documents = render_documents(hostile_strategy(), prepared=PREPARED)
    for block in re.findall(r"```mermaid\n(.*?)```", documents["strategy.md"], re.S):
        assert "`" not in block and "%%" not in block and "<" not in block and "#" not in block


# --- user templates get the file's own data -----------------------------------------------------------


def test_a_template_written_from_scratch_reads_the_files_own_data(tmp_path: Path, cafe: Path) -> None:
    """As jinja2-cli gives a TOML file: `strategy.name`; the tables under their TOML names too."""
    template = (
        "# {{ strategy.name }} ({{ strategy.strategy.client }})\n\n"
        "{{ strategy.start|date }}; {{ strategy.channels|length }} channels; "
        "{{ strategy.channels[0].followers }} on {{ strategy.channels[0].platform }}; "
        'open graph: {{ strategy.smo["open-graph"].status }}\n\n'
        "{% for p in strategy.posts if p.results %}- {{ p.date }} {{ p.topic|md }}: {{ p.results.reach }}\n{% endfor %}"
        "\n{{ goals[0].title }}\n"  # the prepared views are still there, beside the file's data
    )
    folder = user_templates(tmp_path, {"strategy.md.j2": template})
    text = render_documents(load(cafe).strategy, templates=folder, prepared=PREPARED)["strategy.md"]  # type: ignore[arg-type]
    assert text.startswith("# Coffee Lab: winter 2026/27 (Coffee Lab Roasters Ltd)\n\n")
    assert "December 1, 2026; 3 channels; 2400 on instagram; open graph: todo" in text
    assert "- 2026-12-03 V60 in three steps: 5200\n" in text
    assert text.rstrip().endswith("Grow the Instagram community to 4,000 followers")


def test_a_misspelt_field_of_the_files_data_is_named_with_what_it_has(tmp_path: Path, cafe: Path) -> None:
    folder = user_templates(tmp_path, {"strategy.md.j2": "{{ strategy.nmae }}\n"})
    with pytest.raises(TemplateProblem) as e:
        render_documents(load(cafe).strategy, templates=folder)  # type: ignore[arg-type]
    assert e.value.message.endswith("FileData has no attribute 'nmae' (did you mean 'name'?)")


def test_the_files_data_gives_no_way_to_python_internals(tmp_path: Path, cafe: Path) -> None:
    folder = user_templates(tmp_path, {"strategy.md.j2": "{{ strategy._file }}\n"})
    with pytest.raises(TemplateProblem):
        render_documents(load(cafe).strategy, templates=folder)  # type: ignore[arg-type]


# --- pandoc: tables whose columns a page can hold -------------------------------------------------------

PANDOC = shutil.which("pandoc")


@pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed (Debian: apt-get install pandoc)")
@pytest.mark.parametrize(
    ("stem", "lang"), [("cafe", "en"), ("shop-ru", "ru"), ("b2b-saas", "en"), ("studio-ru", "ru")]
)
def test_pandoc_gives_each_column_the_width_its_content_needs(tmp_path: Path, stem: str, lang: str) -> None:
    import subprocess
    import zipfile

    documents = render_example(stem, lang)
    for name, text in documents.items():
        source = tmp_path / name
        source.write_text(text, "utf-8")
        docx = tmp_path / f"{name}.docx"
        subprocess.run([PANDOC, str(source), "-o", str(docx)], check=True, capture_output=True, timeout=120)  # type: ignore[list-item]
        xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
        # pandoc gives a table with a row longer than a line the page's width, divided as its
        # delimiter row's dashes say (w:tblW pct); a shorter one it leaves to Word to fit (auto).
        tables = re.findall(r'<w:tblW w:type="(\w+)"[^>]*/>.*?<w:tblGrid>(.*?)</w:tblGrid>', xml)
        grids = [[int(w) for w in re.findall(r'w:w="(\d+)"', grid)] for kind, grid in tables if kind == "pct"]
        wide = [g for g in grids if len(g) > 2]
        assert wide, f"{name}: no table wide enough for pandoc to size"
        # Every such table is sized by its content, never all its columns alike (the old `| --- |`
        # rows), and no column is a sliver of it.
        for grid in wide:
            assert min(grid) * 25 >= sum(grid), f"{name}: a column too narrow to read: {grid}"
        assert all(len(set(g)) > 1 for g in wide), f"{name}: a table with equal columns: {wide}"
