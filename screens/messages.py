"""What `validate` says, in the window's language.

The core writes its messages in English, as the command line prints them. The window says them
in its language the way gettext does: the English message, with its values taken out, is the key
of its translation. `ui.message.forms` of planner/locales/ui.<lang>.toml maps the English form of
each message (the field rules' own templates from `planner.fields.RULES`, "is required", the
checks of `planner.model.check`) to the language's; `ui.message.values.<placeholder>` does the
same for what a value itself says in English ("text 'abc'", " (did you mean 'vk'?)", the noun of
"unknown channel 'x'"). A form's `{name}` or `{name:,}` stands for any text.

A message no form matches is shown as the core wrote it (tests/tui/test_words.py makes every
message the forms can meet match one). English needs no forms: its messages are the core's own.
"""

from __future__ import annotations

import re
import string
from functools import cache

from planner import l10n

_FORMS = "ui.message.forms."
_VALUES = "ui.message.values."


def translate(message: str, lang: str) -> str:
    """The message in `lang`: the first form that matches it whole, with its values said in `lang` too."""
    if lang == "en" or not message:
        return message
    for pattern, template in _forms(lang):
        m = pattern.fullmatch(message)
        if m is not None:
            values = {name: _value(name, text, lang) for name, text in m.groupdict().items()}
            return template.format(**values)
    return message


def input_error(error: ValueError, lang: str) -> str:
    """What is wrong with a value typed into a form: planner.parsing's refusals by their key
    (`ui.input.<key>`), anything else as `translate` says it."""
    from planner.parsing import InputError
    from screens.words import words

    if isinstance(error, InputError):
        return words(lang)(f"input.{error.key}", text=error.text, **error.details)
    return translate(str(error), lang)


_GROUPED = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _value(name: str, text: str, lang: str) -> str:
    """A value of a message in `lang`: its own form if one matches, each item of a list ("group,
    page") translated when all of them are, and a number grouped as the language groups it."""
    found = _one_value(name, text, lang)
    if found is not None:
        return found
    if ", " in text:
        parts = [_one_value(name, part, lang) for part in text.split(", ")]
        if all(part is not None for part in parts):
            return ", ".join(part for part in parts if part is not None)
    if _GROUPED.fullmatch(text):
        return l10n.format_number(float(text.replace(",", "")), lang)
    return text


def _one_value(name: str, text: str, lang: str) -> str | None:
    for pattern, template in _values(lang).get(name, ()):
        m = pattern.fullmatch(text)
        if m is not None:
            return template.format(**{k: _value(k, v, lang) for k, v in m.groupdict().items()})
    return None


@cache
def _forms(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    catalog = l10n.labels(lang)
    forms = [(key[len(_FORMS) :], str(text)) for key, text in catalog.items() if key.startswith(_FORMS)]
    # The forms that say most in words first: "unknown key '{key}'" before "unknown {noun} '{value}'".
    forms.sort(key=lambda form: -_literal_length(form[0]))
    return tuple((_pattern(english), _plain(translated)) for english, translated in forms)


@cache
def _values(lang: str) -> dict[str, tuple[tuple[re.Pattern[str], str], ...]]:
    found: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for key, text in l10n.labels(lang).items():
        if key.startswith(_VALUES):
            name, _, english = key[len(_VALUES) :].partition(".")
            found.setdefault(name, []).append((_pattern(english), _plain(str(text))))
    return {name: tuple(sorted(forms, key=lambda f: -len(f[0].pattern))) for name, forms in found.items()}


# Values that are a remark in brackets after the message, or nothing: " (did you mean 'vk'?)".
_REMARKS = {"suggest", "date_hint"}


def _literal_length(form: str) -> int:
    return sum(len(literal) for literal, _, _, _ in string.Formatter().parse(form))


def _pattern(form: str) -> re.Pattern[str]:
    """A regular expression for an English form: literal text, and any text where `{name}` stands."""
    parts: list[str] = []
    seen: set[str] = set()
    for literal, name, _spec, _conversion in string.Formatter().parse(form):
        parts.append(re.escape(literal))
        if name is None:
            continue
        if name in seen:
            parts.append(f"(?P={name})")
        elif name in _REMARKS:
            seen.add(name)
            parts.append(rf"(?P<{name}>(?: \(.*\))?)")
        else:
            seen.add(name)
            parts.append(f"(?P<{name}>.*?)")
    return re.compile("".join(parts), re.S)


def _plain(template: str) -> str:
    """A translated form with its format specs dropped: its values are already text."""
    out: list[str] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is not None:
            out.append("{" + name + "}")
    return "".join(out)


def english_forms() -> tuple[str, ...]:
    """The English forms the Russian words translate (for the tests)."""
    return tuple(key[len(_FORMS) :] for key in l10n.labels("ru") if key.startswith(_FORMS))
