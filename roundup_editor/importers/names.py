"""Comparison keys for people, organisations and links, and the near-duplicate test.

Keys are for comparing only; the text shown and written is always one of the spellings that was
read. A name key ignores case, accents, look-alike Cyrillic/Greek letters and punctuation; a URL
key ignores the scheme, ``www.``, percent-encoding, a trailing slash, the query and the fragment.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

# Letters that look like Latin ones (the corpus has "Аlireza" with a Cyrillic A).
_HOMOGLYPHS = str.maketrans(
    "АВЕКМНОРСТХаеорсухіјѕԁɡΑΒΕΗΙΚΜΝΟΡΤΧΥΖαοι",
    "ABEKMHOPCTXaeopcyxijsdgABEHIKMNOPTXYZaoi",
)
_NOT_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Return ``text`` folded for comparison: look-alikes to Latin, no accents, lower case."""
    text = unicodedata.normalize("NFKD", text.translate(_HOMOGLYPHS))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return text.casefold()


def name_key(name: str) -> str:
    """Return the key of a person's name: folded words joined by single spaces."""
    return " ".join(_NOT_WORD.sub(" ", fold(name)).split())


def org_key(name: str) -> str:
    """Return the key of an organisation: folded, without spaces or punctuation."""
    return _NOT_WORD.sub("", fold(name)).replace("_", "")


def url_key(url: str | None) -> str:
    """Return the key of a link ("" for none): host without ``www.`` plus the decoded path."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = unquote(parts.path).rstrip("/")
    return fold(f"{host}{path}")


def is_personal_url(url: str | None) -> bool:
    """Tell whether a link points below a site's root (a profile), not at a whole site."""
    return bool(url) and urlsplit(str(url).strip()).path.strip("/") != ""


def edit_distance(first: str, second: str, limit: int = 3) -> int:
    """Return the Levenshtein distance of two strings (stops counting past ``limit``)."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous = list(range(len(second) + 1))
    for row, char in enumerate(first, start=1):
        current = [row]
        for column, other in enumerate(second, start=1):
            current.append(
                min(
                    previous[column] + 1,
                    current[column - 1] + 1,
                    previous[column - 1] + (char != other),
                )
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def near_duplicate(first_key: str, second_key: str) -> bool:
    """Tell whether two different keys look like one name written twice ("Phillip"/"Philipp").

    Allows one edit in names of 5 to 9 letters and two in longer ones; shorter names never
    match, and neither do names whose changed word has fewer than four letters.
    """
    if first_key == second_key:
        return False
    shorter = min(len(first_key), len(second_key))
    if shorter < 5:
        return False
    allowed = 1 if shorter < 10 else 2
    if edit_distance(first_key, second_key, allowed) > allowed:
        return False
    first_words, second_words = first_key.split(), second_key.split()
    if len(first_words) == len(second_words):
        # A changed short word is another name ("Ann Li"/"Ann Lu"), not a typo.
        changed = [(a, b) for a, b in zip(first_words, second_words, strict=True) if a != b]
        return all(min(len(a), len(b)) >= 4 for a, b in changed)
    return True
