"""Spell checking of line text: which words look misspelt, what to offer instead, and the user's
own words (names, jargon) that count as spelt right.

The dictionary is behind the small ``Dictionary`` protocol; ``PyspellDictionary`` is the one the
app uses: the word lists that ship inside the ``pyspellchecker`` wheel, so it works offline and
needs no system library. Tests may pass any other ``Dictionary``.

To keep false alarms low in transcripts (full of names, figures and speech), a word is not
checked when it holds a digit ("3rd", "1990s"), is in capitals ("NATO", "TV"), has a capital
after its first letter ("iPhone", "McDonald"), or starts with a capital anywhere but at the start
of a sentence (a name). Hyphenated words are checked part by part; the fillers of speech ("um",
"mhm") are words.

pyspellchecker has one English list (mostly American, with some British forms), so English comes
as two languages over it: "en_GB" also accepts the British spellings of its American words, by
rule ("colour", "organise", "centre") and from a short list of GB/US pairs the rules miss
("programme", "cheque"); "en_US" marks those British forms misspelt and offers the American one
first, even where the list knows the British form ("travelled", "theatre"). The legacy code "en"
is British English, as it was before the two were told apart.

The personal word list is kept by the caller: ``SpellChecker`` reads it once through
``load_words`` and hands the whole list to ``save_words`` after each change, so this module never
touches the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Protocol

__all__ = [
    "DEFAULT_LANGUAGE",
    "ENGLISH_VARIANTS",
    "Dictionary",
    "PyspellDictionary",
    "SpellChecker",
    "available_languages",
    "load_dictionary",
    "tokens",
]

DEFAULT_LANGUAGE = "en_GB"
#: The English variants over pyspellchecker's one English list; "en" (saved by older versions)
#: checks as British English.
ENGLISH_VARIANTS = ("en_GB", "en_US")

#: A run of letters (and digits, to skip them whole) joined by inner apostrophes and hyphens.
_TOKEN = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
#: Characters skipped when looking back for the end of the previous sentence.
_LEAD_IN = " \t\r\n\u2029\u2028\"'\u201c\u201d\u2018\u2019([{\u00ab\u00bb\u00bf\u00a1-\u2013\u2014"
_SENTENCE_END = ".!?\u2026:"
#: Endings that may follow an apostrophe on a known word: teacher's, we'll, they've, she'd...
_CLITICS = frozenset({"s", "ll", "re", "ve", "d", "m", "t"})
_FILLERS = {
    "en": frozenset({"um", "uh", "uhm", "umm", "mm", "mmm", "hmm", "mhm", "erm", "er", "huh"}),
}
#: British spellings the rules below do not reach, or that the English list knows although
#: American English spells them otherwise: (British, American). Plurals and -ed/-ing forms are
#: listed where they differ. After the variant tables of SCOWL/VarCon, much shortened.
_GB_US = (
    ("programme", "program"),
    ("programmes", "programs"),
    ("cheque", "check"),
    ("cheques", "checks"),
    ("kerb", "curb"),
    ("gaol", "jail"),
    ("pyjamas", "pajamas"),
    ("aluminium", "aluminum"),
    ("manoeuvre", "maneuver"),
    ("manoeuvres", "maneuvers"),
    ("paediatric", "pediatric"),
    ("oestrogen", "estrogen"),
    ("mould", "mold"),
    ("draught", "draft"),
    ("jewellery", "jewelry"),
    ("sceptical", "skeptical"),
    ("travelled", "traveled"),
    ("travelling", "traveling"),
    ("traveller", "traveler"),
    ("cancelled", "canceled"),
    ("cancelling", "canceling"),
    ("modelling", "modeling"),
    ("labelled", "labeled"),
    ("theatre", "theater"),
    ("theatres", "theaters"),
    ("grey", "gray"),
    ("catalogue", "catalog"),
    ("licence", "license"),
    ("tyre", "tire"),
    ("tyres", "tires"),
    ("plough", "plow"),
    ("fulfil", "fulfill"),
    ("enrol", "enroll"),
    ("judgement", "judgment"),
    ("ageing", "aging"),
    ("pretence", "pretense"),
    ("practise", "practice"),
)
_GB_ONLY = {gb: us for gb, us in _GB_US if gb != us}
#: British spellings of American dictionary words: (British, American) substrings.
_BRITISH = (("our", "or"), ("is", "iz"), ("ys", "yz"), ("tre", "ter"), ("ll", "l"), ("nce", "nse"))
#: A capitalised word after a lower-case letter or a comma and a space: a name, mid-sentence.
_MID_SENTENCE_NAME = re.compile(  # a space first: the engine jumps from space to space
    r" (?<=[a-z0-9,;] )([A-Z][^\W\d_]+(?:['\u2019][^\W\d_]+)?)"  # Ushakov, O'Brien
)
#: Suggestions further than one edit away are looked for only in words this short: the search
#: grows with the square of the length (about 0.3 s at 12 letters).
MAX_DISTANCE_2_LENGTH = 12


class Dictionary(Protocol):
    """A language's word list. Words reach it lower-cased, with straight apostrophes."""

    @property
    def language(self) -> str: ...

    def known(self, word: str) -> bool: ...

    def candidates(self, word: str, limit: int) -> list[str]:
        """Known words close to ``word``, the likeliest first."""
        ...


@cache
def available_languages() -> tuple[str, ...]:
    """Codes of the languages whose dictionaries are installed ("de", "en", "es", ...)."""
    try:
        folder = resources.files("spellchecker") / "resources"
        names = [entry.name for entry in folder.iterdir()]
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return ()
    suffix = ".json.gz"
    codes = {name[: -len(suffix)] for name in names if name.endswith(suffix)}
    if "en" in codes:  # one list, two spellings: see the module's notes
        codes.discard("en")
        codes.update(ENGLISH_VARIANTS)
    return tuple(sorted(codes))


def _base(language: str) -> str:
    """The pyspellchecker list a language code checks with: "en_GB" -> "en"."""
    return language.split("_", 1)[0]


def _known_language(language: str) -> bool:
    return language in available_languages() or (
        language == "en" and "en_GB" in available_languages()
    )


class PyspellDictionary:
    """A dictionary shipped with pyspellchecker (word frequencies from subtitles and Wikipedia)."""

    def __init__(self, language: str) -> None:
        from spellchecker import SpellChecker as _Backend  # 0.1-0.3 s: loaded only when needed

        if not _known_language(language):
            raise ValueError(f"no dictionary for the language {language!r}")
        self._language = language
        self._backend = _Backend(language=_base(language), distance=1)
        self._frequency = self._backend.word_frequency.dictionary
        self._letters = "".join(sorted(self._backend.word_frequency.letters))

    @property
    def language(self) -> str:
        return self._language

    def known(self, word: str) -> bool:
        return word in self._frequency

    def _edits(self, word: str) -> set[str]:
        letters = self._letters
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
        edits.update(a + c + b[1:] for a, b in splits if b for c in letters)
        edits.update(a + c + b for a, b in splits for c in letters)
        edits.discard(word)
        return edits

    def candidates(self, word: str, limit: int) -> list[str]:
        frequency = self._frequency
        near = self._edits(word)
        found = {w for w in near if w in frequency}
        if not found and len(word) <= MAX_DISTANCE_2_LENGTH:
            found = {w2 for w1 in near for w2 in self._edits(w1) if w2 in frequency}
            found.discard(word)
        return sorted(found, key=lambda w: (-frequency[w], w))[:limit]


_LOADED: dict[str, Dictionary] = {}


def load_dictionary(language: str) -> Dictionary:
    """The installed dictionary of ``language`` (its base list: en_GB and en_US share "en"),
    loaded once per process."""
    base = _base(language)
    if base not in _LOADED:
        _LOADED[base] = PyspellDictionary("en_GB" if base == "en" else base)
    return _LOADED[base]


def _normal(word: str) -> str:
    return word.replace("\u2019", "'")


def _at_sentence_start(text: str, index: int) -> bool:
    i = index - 1
    while i >= 0 and text[i] in _LEAD_IN:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def tokens(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, checkable) of every word part of ``text``, in python offsets.

    Hyphenated words come as their parts. ``checkable`` is False for the words left alone:
    with digits, in capitals, of one letter, with inner capitals, or names (capitalised away
    from a sentence's start).
    """
    for match in _TOKEN.finditer(text):
        token, base = match.group(), match.start()
        if token.isalpha():  # most words: letters alone, one part (the pass over 100k lines)
            checkable = len(token) >= 2 and not token.isupper()
            rest = token[1:]
            if checkable and not rest.islower() and any(c.isupper() for c in rest):
                checkable = False
            if checkable and token[0].isupper():
                checkable = _at_sentence_start(text, base)
            yield base, match.end(), checkable
            continue
        if any(c.isdigit() for c in token):
            yield base, match.end(), False
            continue
        offset = 0
        for part in token.split("-"):
            start, end = base + offset, base + offset + len(part)
            offset += len(part) + 1
            letters = part.replace("'", "").replace("\u2019", "")
            checkable = len(letters) >= 2 and not letters.isupper()
            if checkable and any(c.isupper() for c in letters[1:]):
                checkable = False
            if checkable and part[0].isupper():  # a name, unless it starts a sentence
                checkable = start == base and _at_sentence_start(text, start)
            yield start, end, checkable


class SpellChecker:
    """Finds misspelt words and suggests others, for one language at a time.

    ``language`` "" switches checking off. Answers are cached per word; the cache is dropped
    when the language or the personal word list changes.
    """

    def __init__(
        self,
        language: str = DEFAULT_LANGUAGE,
        *,
        load_words: Callable[[], Iterable[str]] | None = None,
        save_words: Callable[[list[str]], None] | None = None,
        dictionary_factory: Callable[[str], Dictionary] = load_dictionary,
    ) -> None:
        self._factory = dictionary_factory
        self._save = save_words
        self._personal: dict[str, str] = {}  # casefolded -> as the user added it
        for word in load_words() if load_words is not None else ():
            self._remember(word)
        self._language = ""
        self._dictionary: Dictionary | None = None
        self._known: dict[str, bool] = {}
        self._names: frozenset[str] = frozenset()  # the transcript's names (learn_names)
        self._ignored: set[str] = set()  # "Ignore All" of a spelling pass: this session only
        self._suggested: dict[str, list[str]] = {}
        self.set_language(language)

    # -- language --------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return self._language

    @property
    def enabled(self) -> bool:
        return bool(self._language)

    def set_language(self, language: str) -> None:
        """Check in ``language`` from now on ("" for off); ValueError when it is not installed.

        The dictionary itself is loaded on the first check, not here.
        """
        if language and self._factory is load_dictionary and not _known_language(language):
            raise ValueError(f"no dictionary for the language {language!r}")
        if language != self._language:
            self._language = language
            self._dictionary = None
            self._forget()

    def _variant(self) -> str:
        """ "en_GB" or "en_US" for English ("en" checks as British), else ""."""
        if self._language == "en":
            return "en_GB"
        return self._language if self._language in ENGLISH_VARIANTS else ""

    def _words(self) -> Dictionary | None:
        if self._dictionary is None and self._language:
            self._dictionary = self._factory(self._language)
        return self._dictionary

    def _forget(self) -> None:
        self._known.clear()
        self._suggested.clear()

    # -- checking --------------------------------------------------------------------------
    def misspelled(self, text: str) -> list[tuple[int, int]]:
        """(start, end) python offsets of each misspelt word part of ``text``."""
        if not self._language:
            return []
        cache, found = self._known, []
        for s, e, checkable in tokens(text):
            if checkable:
                word = text[s:e]
                # A word already lower-case and straight is its own key: one lookup.
                answer = cache.get(word)
                if not (self.known(word) if answer is None else answer):
                    found.append((s, e))
        return found

    def word_at(self, text: str, index: int) -> tuple[int, int] | None:
        """The misspelt word part of ``text`` around ``index`` (its end counts too), if any."""
        for start, end in self.misspelled(text):
            if start <= index <= end:
                return start, end
        return None

    def known(self, word: str) -> bool:
        """True when ``word`` (one word, any case) is spelt right or is the user's own."""
        key = _normal(word).lower()
        answer = self._known.get(key)
        if answer is None:
            answer = self._check(key)
            self._known[key] = answer
        return answer

    def learn_names(self, texts: Iterable[str]) -> None:
        """The names of a transcript: words it writes capitalised mid-sentence ("aide Yuri
        Ushakov,"), so that they pass where they start a sentence ("Ushakov said..."). Replaces
        the names learnt before (one transcript at a time)."""
        found = set(_MID_SENTENCE_NAME.findall("\n".join(texts)))
        self._names = frozenset(_normal(word).lower() for word in found)
        self._forget()

    def ignore_word(self, word: str) -> bool:
        """Accept ``word`` (any case) until this checker goes, without saving it anywhere (a
        spelling pass's "Ignore All"); False if it was ignored already."""
        key = _normal(word.strip()).casefold()
        if not key or key in self._ignored:
            return False
        self._ignored.add(key)
        self._forget()
        return True

    def _check(self, word: str) -> bool:
        if word.casefold() in self._personal or word.casefold() in self._ignored:
            return True
        if word in self._names:
            return True
        dictionary = self._words()
        if dictionary is None:
            return True
        variant = self._variant()
        if variant == "en_US" and word in _GB_ONLY:
            return False  # a British spelling, though the English list knows it
        if dictionary.known(word) or word in _FILLERS.get(_base(self._language), ()):
            return True
        if "'" in word:
            stem, _, ending = word.partition("'")
            if ending in _CLITICS and (dictionary.known(stem) or stem.casefold() in self._personal):
                return True
            parts = word.split("'")  # rock'n'roll, o'clock: each piece a word or a letter
            if all(len(p) < 2 or dictionary.known(p) for p in parts):
                return True
        if variant == "en_GB":
            if word in _GB_ONLY:
                return True
            return any(
                british in word and dictionary.known(word.replace(british, american))
                for british, american in _BRITISH
            )
        return False

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        """Words to offer instead of ``word``, the likeliest first, in its case."""
        dictionary = self._words()
        if dictionary is None or limit <= 0:
            return []
        key = _normal(word).lower()
        found = self._suggested.get(key)
        if found is None:
            found = dictionary.candidates(key, max(limit, 5))
            american = _GB_ONLY.get(key) if self._variant() == "en_US" else None
            if american is not None:  # the American spelling first
                found = [american, *(w for w in found if w != american)]
            self._suggested[key] = found
        if word.isupper() and len(word) > 1:
            shaped = [w.upper() for w in found]
        elif word[:1].isupper():
            shaped = [w[:1].upper() + w[1:] for w in found]
        else:
            shaped = list(found)
        return shaped[:limit]

    # -- the personal word list ------------------------------------------------------------
    def personal_words(self) -> list[str]:
        return sorted(self._personal.values(), key=str.casefold)

    def _remember(self, word: str) -> bool:
        word = _normal(word.strip())
        if not word or word.casefold() in self._personal:
            return False
        self._personal[word.casefold()] = word
        return True

    def add_word(self, word: str) -> bool:
        """Accept ``word`` (any case) from now on and save the list; False if it was there."""
        if not self._remember(word):
            return False
        self._changed()
        return True

    def remove_word(self, word: str) -> bool:
        if self._personal.pop(_normal(word.strip()).casefold(), None) is None:
            return False
        self._changed()
        return True

    def _changed(self) -> None:
        self._forget()
        if self._save is not None:
            self._save(self.personal_words())
