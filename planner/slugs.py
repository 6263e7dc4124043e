"""Ids proposed from names: readable slugs (Cyrillic transliterated) that are unique within their table."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Russian and Ukrainian letters, as in passports and URLs (close to ISO 9 / GOST 7.79 system B,
# simplified so that the result is plain ASCII a marketer can read: "Кофе" -> "kofe").
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}  # fmt: skip

MAX_LENGTH = 40  # long enough to read, short enough for a table column and a post id


def slugify(name: str) -> str:
    """`name` as a slug: lowercase ASCII letters, digits and hyphens ("" when nothing is left)."""
    text = "".join(_CYRILLIC.get(ch, ch) for ch in name.lower())
    # Accented Latin letters lose their accents ("Café" -> "cafe"); other scripts are dropped.
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.replace("&", " and ").replace("+", " plus ")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_LENGTH:
        cut = slug[:MAX_LENGTH]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug


def propose_id(name: str, taken: Iterable[str], fallback: str = "item") -> str:
    """A slug of `name` not in `taken`: "Coffee Lab" -> "coffee-lab", then "coffee-lab-2", …"""
    base = slugify(name) or fallback
    used = set(taken)
    if base not in used:
        return base
    # A copy of "vk-main-2" becomes "vk-main-3", not "vk-main-2-2".
    stem = re.sub(r"-\d+\Z", "", base) or base
    n = 2
    while f"{stem}-{n}" in used:
        n += 1
    return f"{stem}-{n}"
