"""No sentence of a document contradicts a figure printed in it (issue 10, point 1).

`contradictions(text, lang)` reads a rendered strategy.md as a client would: the competitor tables
and the sentences under them ("most followers", "highest engagement rate", "above / below the
competitors' average"), the goals table and where each goal stands ("on pace", "behind its pace",
"target reached"), our followers in every table that shows them, and the budget's verdict. It
returns what disagrees. The documents of every example in both languages must have nothing to say,
and a document edited to contradict itself must be caught (the second half of this file).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from planner.metrics import MIN_POSTS
from planner.model import Channel, Competitor, Goal, Post, Presence, Results, Strategy, StrategyInfo
from planner.render import render_documents
from planner.storage import load

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
STEMS = sorted(p.stem for p in EXAMPLES.glob("*.toml"))
PREPARED = dt.date(2026, 11, 20)

NUMBER = r"[−+-]?\d[\d\u00a0 ,.]*"


def number(text: str, lang: str) -> float:
    """A number as the document prints it: "18,500", "52 000", "3.4", "3,4", "−0.38"."""
    s = text.replace("\u00a0", "").replace(" ", "").replace("−", "-").rstrip("%").strip()
    s = s.replace(",", "") if lang == "en" else s.replace(",", ".")
    return float(s)


def percent(text: str, lang: str) -> float:
    return number(text.split("(")[0].replace("%", ""), lang)


@dataclass
class Row:
    name: str
    ours: bool
    followers: float
    rate: float | None


@dataclass
class Platform:
    name: str
    rows: list[Row] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)


US = {"en": " (us)", "ru": " (мы)"}


def table_rows(lines: list[str]) -> list[list[str]]:
    from planner.md_tables import cells

    return [cells(line) for line in lines if line.startswith("|") and not re.match(r"\| *:?-", line)][1:]


def section(text: str, heading: str) -> str:
    """The text under a heading (any level) up to the next heading of the same or a higher level."""
    m = re.search(
        rf"^(#+) {re.escape(heading)}\n(.*?)(?=^#{{1,{{n}}}} |\Z)".replace("{n}", "6"), text, re.M | re.S
    )
    if not m:
        return ""
    level = len(m.group(1))
    body = text[m.end(1) + len(heading) + 2 :]
    stop = re.search(rf"^#{{1,{level}}} ", body, re.M)
    return body[: stop.start()] if stop else body


def platforms(text: str, lang: str) -> list[Platform]:
    presence = section(text, {"en": "Presence by platform", "ru": "Присутствие по площадкам"}[lang])
    out = []
    for block in re.split(r"^#### ", presence, flags=re.M)[1:]:
        name, _, body = block.partition("\n")
        lines = body.strip().splitlines()
        p = Platform(name)
        for cells in table_rows(lines):
            ours = cells[0].endswith(US[lang])
            rate = None if cells[3] == "—" else percent(cells[3], lang)
            p.rows.append(Row(cells[0].removesuffix(US[lang]).strip("*"), ours, number(cells[1], lang), rate))
        p.sentences = [line for line in lines if line and not line.startswith("|")]
        out.append(p)
    return out


def close(a: float, b: float, digits: int = 1) -> bool:
    return abs(a - b) <= 0.5 * 10**-digits + 1e-9


# --- what a client checks --------------------------------------------------------------------------

LEADERS = {
    "en": [
        r"Among competitors, (?P<leader>.+?) has the most followers \((?P<followers>[^)]+)\) and (?P<engaging>.+?) the highest engagement rate \((?P<rate>[^)]+)\)\.",
        r"Among competitors, (?P<leader>.+?) has both the most followers \((?P<followers>[^)]+)\) and the highest engagement rate \((?P<rate>[^)]+)\)\.",
        r"Among competitors, (?P<leader>.+?) has the most followers \((?P<followers>[^)]+)\)\.",
    ],
    "ru": [
        r"Среди конкурентов больше всего подписчиков — (?P<leader>.+?) \((?P<followers>[^)]+)\), самая высокая вовлечённость — (?P<engaging>.+?) \((?P<rate>[^)]+)\)\.",
        r"Среди конкурентов лидирует (?P<leader>.+?): больше всего подписчиков \((?P<followers>[^)]+)\) и самая высокая вовлечённость \((?P<rate>[^)]+)\)\.",
        r"Среди конкурентов больше всего подписчиков — (?P<leader>.+?) \((?P<followers>[^)]+)\)\.",
    ],
}
COMPARE = {
    "en": r"(?P<channel>.+?) \(us\): (?P<rate>\S+) per follower over (?P<posts>\d+) posts?, (?P<verdict>above|below|level with) (?:the competitors' average of (?P<avg>\S+?)|the only competitor \((?P<name>.+): (?P<one>\S+?)\))\.$",
    "ru": r"(?P<channel>.+?) \(мы\): (?P<rate>\S+ %) на подписчика по (?P<posts>\d+) пост\w* — (?P<verdict>выше, чем|ниже, чем|столько же, сколько) (?:в среднем у конкурентов \((?P<avg>[^)]+)\)|у единственного конкурента \((?P<name>.+): (?P<one>[^)]+)\))\.$",
}
VERDICTS = {
    "above": 1,
    "below": -1,
    "level with": 0,
    "выше, чем": 1,
    "ниже, чем": -1,
    "столько же, сколько": 0,
}
LEADER_WORDS = {
    "en": ("leader", "most followers", "highest engagement"),
    "ru": ("лидер", "больше всего", "самая высокая"),
}


def presence_contradictions(text: str, lang: str) -> list[str]:
    found = []
    for p in platforms(text, lang):
        theirs = [r for r in p.rows if not r.ours]
        rated = [r for r in theirs if r.rate]
        prose = " ".join(p.sentences).replace("\u00a0", " ")  # no-break spaces read as spaces
        leader_lines = [m for pattern in LEADERS[lang] if (m := re.search(pattern, prose))]
        if len(theirs) < 2:
            if any(word in prose for word in LEADER_WORDS[lang]):
                found.append(f"{p.name}: a leader named among {len(theirs)} competitor")
        elif not leader_lines:
            found.append(f"{p.name}: no sentence names the competitors' leader")
        for m in leader_lines[:1]:
            top = max(theirs, key=lambda r: r.followers)
            if m["leader"] != top.name or number(m["followers"], lang) != top.followers:
                found.append(
                    f"{p.name}: most followers said {m['leader']} ({m['followers']}), the table {top.name}"
                )
            if "rate" in m.groupdict() and m["rate"]:
                best = max(rated, key=lambda r: r.rate or 0)
                engaging = m.groupdict().get("engaging") or m["leader"]
                if engaging != best.name or not close(percent(m["rate"], lang), best.rate or 0):
                    found.append(
                        f"{p.name}: highest engagement said {engaging} ({m['rate']}), the table {best.name}"
                    )
        ours = {r.name: r for r in p.rows if r.ours}
        for line in p.sentences:
            m = re.match(COMPARE[lang], line.replace("\u00a0", " "))
            if not m:
                continue
            row = ours.get(m["channel"])
            if row is None or row.rate is None or not close(percent(m["rate"], lang), row.rate):
                found.append(f"{p.name}: our rate in the text is not the table's: {line}")
                continue
            if int(m["posts"]) < MIN_POSTS:
                found.append(f"{p.name}: compared on {m['posts']} posts (at least {MIN_POSTS}): {line}")
            against = m["avg"] or m["one"]
            average = sum(r.rate or 0 for r in rated) / len(rated) if rated else None
            if average is None or not close(percent(against, lang), average):
                found.append(f"{p.name}: the competitors' average said {against}, the table gives {average}")
                continue
            ours_shown, theirs_shown = round(row.rate, 1), percent(against, lang)
            direction = (ours_shown > theirs_shown) - (ours_shown < theirs_shown)
            if direction != VERDICTS[m["verdict"]]:
                found.append(f"{p.name}: '{m['verdict']}' but {ours_shown} against {theirs_shown}")
    return found


PACE = {
    "en": r"- \*\*(?P<goal>.+?):\*\* (?:(?P<progress>\S+) of the way after (?P<elapsed>\S+) of the time: (?P<verdict>on pace|behind its pace)\.|(?P<reached>target reached)\.)",
    "ru": r"- \*\*(?P<goal>.+?):\*\* (?:пройдено (?P<progress>\S+ %) пути за (?P<elapsed>\S+ %) времени — (?P<verdict>идёт по графику|отстаёт от графика)\.|(?P<reached>цель достигнута)\.)",
}


def goal_contradictions(text: str, lang: str) -> list[str]:
    found = []
    goals = section(text, {"en": "Goals", "ru": "Цели"}[lang]).replace("\u00a0", " ")
    table = {}
    for cells in table_rows(goals.splitlines()):
        now = cells[3]
        progress = re.search(r"\((?:пройдено )?(\S+ ?%)(?: of the way)?\)", now)
        table[cells[0]] = (now, percent(progress.group(1), lang) if progress else None, cells[2])
    standing = section(text, {"en": "Where the goals stand", "ru": "Где цели сейчас"}[lang]).replace(
        "\u00a0", " "
    )
    for line in standing.splitlines():
        m = re.match(PACE[lang], line.replace("\u00a0", " "))
        if not m:
            continue
        now, progress, target = table.get(m["goal"], ("—", None, ""))
        if m["reached"]:
            if progress is None or progress < 100:
                found.append(f"{m['goal']}: 'target reached' but the table shows {now} against {target}")
            continue
        said = percent(m["progress"], lang)
        if progress is None or not close(said, progress, 0):
            found.append(f"{m['goal']}: {m['progress']} of the way in the text, {now} in the table")
        on_pace = m["verdict"] in ("on pace", "идёт по графику")
        if on_pace != (said >= percent(m["elapsed"], lang)):
            found.append(f"{m['goal']}: '{m['verdict']}' with {m['progress']} after {m['elapsed']}")
    return found


def follower_contradictions(text: str, lang: str) -> list[str]:
    """Our followers: the same figure in the competitor tables, the channel plan and the goals' Now."""
    seen: dict[str, float] = {}
    found = []
    for p in platforms(text, lang):
        for r in p.rows:
            if r.ours:
                seen[r.name] = r.followers
    channels = section(text, {"en": "Channel plan", "ru": "План по каналам"}[lang])
    for cells in table_rows(channels.splitlines()):
        name = cells[0].strip("*")
        if name in seen and number(cells[3], lang) != seen[name]:
            found.append(f"{name}: {cells[3]} followers in the channel plan, {seen[name]} among competitors")
    goals = section(text, {"en": "Goals", "ru": "Цели"}[lang])
    metric = {"en": "followers, ", "ru": "подписчики, "}[lang]
    for cells in table_rows(goals.splitlines()):
        if cells[1].startswith(metric) and cells[3] != "—":
            name = cells[1].removeprefix(metric)
            now = number(cells[3].split("(")[0], lang)
            if name in seen and now != seen[name]:
                found.append(f"{name}: {now} followers now in the goals, {seen[name]} in the tables")
    return found


BUDGET = {
    "en": r"Over the period the plan spends (?P<spend>\S+) of (?P<budget>\S+): (?P<left>\S+)(?: stays in reserve\.|, (?P<share>\S+) of the budget, goes to no channel)",
    "ru": r"За период план расходует (?P<spend>.+?) из (?P<budget>.+?): (?P<left>.+?)(?: остаётся в резерве\.| \((?P<share>\S+ %) бюджета\) не распределены)",
}


def money(text: str, lang: str) -> float:
    return number(re.sub(r"[^\d,.\u00a0 −-]", "", text).strip(), lang)


def budget_contradictions(text: str, lang: str) -> list[str]:
    m = re.search(BUDGET[lang], text)
    if not m:
        return []
    spend, budget, left = (money(m[k], lang) for k in ("spend", "budget", "left"))
    adds_up = spend < budget and abs(budget - spend - left) <= 1
    if m["share"] and not close(percent(m["share"].replace("\u00a0", " "), lang), left * 100 / budget, 0):
        adds_up = False
    return [] if adds_up else [f"budget: {m.group()}"]


def contradictions(text: str, lang: str) -> list[str]:
    text = text.replace("\u00a0", " ")  # read as a client reads it: a no-break space is a space
    return [
        *presence_contradictions(text, lang),
        *goal_contradictions(text, lang),
        *follower_contradictions(text, lang),
        *budget_contradictions(text, lang),
    ]


# --- the examples say nothing the figures deny --------------------------------------------------------


def strategy_md(stem: str, lang: str) -> str:
    s = load(EXAMPLES / f"{stem}.toml").strategy
    assert s is not None
    # As a client reads it: the no-break spaces of the typography pass are spaces.
    return render_documents(s, lang=lang, prepared=PREPARED)["strategy.md"].replace("\u00a0", " ")


CASES = [(stem, lang) for stem in STEMS for lang in ("en", "ru")]


@pytest.mark.parametrize(("stem", "lang"), CASES, ids=[f"{s}.{lang}" for s, lang in CASES])
def test_no_sentence_of_an_example_contradicts_its_tables(stem: str, lang: str) -> None:
    assert contradictions(strategy_md(stem, lang), lang) == []


def test_the_examples_make_every_kind_of_claim_the_checks_read() -> None:
    """The checks above are only worth something if the documents make the claims they check."""
    texts = {(stem, lang): strategy_md(stem, lang) for stem, lang in CASES}
    for lang in ("en", "ru"):
        joined = "\n".join(t for (_, lg), t in texts.items() if lg == lang)
        assert any(re.search(p, joined) for p in LEADERS[lang])
        assert re.search(COMPARE[lang], joined.replace("\u00a0", " "), re.M)
        assert any(re.match(PACE[lang], line.replace("\u00a0", " ")) for line in joined.splitlines())
        assert re.search(BUDGET[lang], joined)


# --- a document that contradicts itself is caught -----------------------------------------------------


def test_a_leader_who_is_not_the_tables_leader_is_caught() -> None:
    text = strategy_md("cafe", "en")
    wrong = text.replace(
        "Northern Bean Roasters has the most followers", "Steam & Co has the most followers", 1
    )
    assert wrong != text
    assert any("most followers said Steam & Co" in c for c in contradictions(wrong, "en"))


def test_a_most_engaging_competitor_who_is_not_is_caught() -> None:
    text = strategy_md("shop-ru", "ru")
    wrong = text.replace(
        "самая высокая вовлечённость — Лесная мастерская", "самая высокая вовлечённость — Умка-Маркет", 1
    )
    assert wrong != text
    assert any("highest engagement" in c for c in contradictions(wrong, "ru"))


def test_above_the_average_when_the_figures_say_below_is_caught() -> None:
    for stem, lang, word, other in (
        ("shop-ru", "ru", "— выше, чем", "— ниже, чем"),
        ("b2b-saas", "en", ", above ", ", below "),
    ):
        text = strategy_md(stem, lang)
        assert word in text
        assert any("but" in c for c in contradictions(text.replace(word, other, 1), lang))


def test_on_pace_when_behind_is_caught() -> None:
    text = strategy_md("shop-ru", "en")
    assert ": behind its pace." in text
    wrong = text.replace(": behind its pace.", ": on pace.", 1)
    assert any("'on pace'" in c for c in contradictions(wrong, "en"))


def test_a_leader_among_one_competitor_is_caught() -> None:
    text = strategy_md("cafe", "en")
    wrong = text.replace("Steam & Co, the only competitor researched here,", "Steam & Co, the leader,", 1)
    assert any("a leader named among 1 competitor" in c for c in contradictions(wrong, "en"))


def test_followers_that_differ_between_tables_are_caught() -> None:
    text = strategy_md("cafe", "en")
    wrong = text.replace(
        "| Coffee Lab on Instagram | Instagram | account | 2,530 |",
        "| Coffee Lab on Instagram | Instagram | account | 2,400 |",
    )
    assert wrong != text
    assert any("followers in the channel plan" in c for c in contradictions(wrong, "en"))


def test_a_budget_sentence_that_does_not_add_up_is_caught() -> None:
    text = strategy_md("cafe", "en")
    wrong = text.replace("£550 stays in reserve", "£650 stays in reserve")
    assert contradictions(wrong, "en") == ["budget: " + re.search(BUDGET["en"], wrong).group()]  # type: ignore[union-attr]


# --- the rules behind the sentences ---------------------------------------------------------------------


def ig_strategy(our_posts: int, competitors: int = 2) -> Strategy:
    """An Instagram channel of 1,000 followers with `our_posts` posts of 50 engagements each (5 %)."""
    rivals = [
        Competitor(
            id="a",
            name="Alpha",
            presence=[Presence(platform="instagram", followers=9000, engagement_rate=1.5)],
        ),
        Competitor(
            id="b",
            name="Beta",
            presence=[Presence(platform="instagram", followers=4000, engagement_rate=2.5)],
        ),
    ][:competitors]
    posts = [
        Post(
            id=f"p{i}",
            date=dt.date(2026, 12, 1 + i),
            channel="ig",
            status="published",
            results=Results(reach=2000, likes=40, comments=5, shares=5),
        )
        for i in range(our_posts)
    ]
    info = StrategyInfo(name="IG", start=dt.date(2026, 12, 1), end=dt.date(2027, 2, 28))
    ig = Channel(id="ig", platform="instagram", name="Us on Instagram", followers=1000, posts_per_week=3)
    goal = Goal(
        id="g", title="Grow", metric="followers", channel="ig", baseline=1000, target=2000, current=1000
    )
    return Strategy(strategy=info, channels=[ig], competitors=rivals, posts=posts, goals=[goal])


def test_our_rate_is_compared_with_the_competitors_average_only_on_enough_posts() -> None:
    few = render_documents(ig_strategy(MIN_POSTS - 1), prepared=PREPARED)["strategy.md"]
    assert f"Us on Instagram (us) has {MIN_POSTS - 1} posts with results so far: too few to compare" in few
    enough = render_documents(ig_strategy(MIN_POSTS), prepared=PREPARED)["strategy.md"]
    assert (
        f"Us on Instagram (us): 5% per follower over {MIN_POSTS} posts, above the competitors' average of 2%."
        in enough
    )
    assert contradictions(few, "en") == contradictions(enough, "en") == []


def test_with_one_competitor_nobody_leads_and_we_compare_with_that_competitor() -> None:
    text = render_documents(ig_strategy(MIN_POSTS, competitors=1), prepared=PREPARED)["strategy.md"]
    assert "Alpha, the only competitor researched here, posts" in text
    assert "above the only competitor (Alpha: 1.5%)" in text
    competitors = section(text, "Competitor analysis")
    assert "most followers" not in competitors and "leader" not in competitors.lower()
    assert contradictions(text, "en") == []


def test_a_reserve_that_is_not_the_budgets_is_caught() -> None:
    text = strategy_md("b2b-saas", "en")
    assert "of $15,677: $597 stays in reserve." in text and contradictions(text, "en") == []
    wrong = text.replace("$597 stays in reserve", "$997 stays in reserve")
    assert any(c.startswith("budget: ") for c in contradictions(wrong, "en"))


def test_an_unallocated_share_that_is_not_the_budgets_is_caught() -> None:
    sentence = "Over the period the plan spends $15,081 of $34,839: $19,758, {share} of the budget, goes to no channel"
    assert contradictions(sentence.format(share="57%"), "en") == []
    assert any(c.startswith("budget: ") for c in contradictions(sentence.format(share="37%"), "en"))
