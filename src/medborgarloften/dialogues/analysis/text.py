"""Swedish words: tokens, Snowball stems folded to ASCII, and the function words left out of features.

The stemmer is the Snowball Swedish algorithm from ``snowballstemmer``: pure
Python, its rules are code (no data file to download). Stems are folded
(å, ä → a; ö → o) so that comments typed without Swedish letters match too.
"""

import re
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("swedish")
FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "a", "ø": "o"})
_TOKEN = re.compile(r"\w+(?:-\w+)*")

# Function words: left out of the classifier's word features and of the
# clusters' typical words (the lexicon keeps them: its negation rule needs
# "inte" and "ingen").
STOP_WORDS = frozenset("""
och i att det som en på är av för med till den har de inte om ett han men var jag
sig från vi så kan man när år säger hon under också efter eller nu sin där vid mot
ska skulle kommer ut får finns vara hade alla andra mycket än här då sedan över bara
in blir upp även vad måste två detta sina nya ha hur dom nån någon några något
oss mig min mitt mina vår våra vårt ni er era ert deras dess hans hennes dem
dessa denna vilka vilken vilket varje mer mest samma sen sån sånt typ ju
väl nog igen redan just hela helt alltid aldrig ibland varför vem blev bli går gå
ingen inget inga
""".split())
STOP_FOLDED = frozenset(w.translate(FOLD) for w in STOP_WORDS)


def tokenize(text):
    """Return the lower-cased word tokens of ``text`` (numbers left out; hyphenated words stay whole)."""
    return [t for t in _TOKEN.findall(text.lower()) if not t.isdigit() and t != "_"]


@lru_cache(maxsize=100_000)
def stem(token):
    """Return the Snowball Swedish stem of ``token``, folded to ASCII."""
    return _STEMMER.stemWord(token).translate(FOLD)


def content_stems(text):
    """Return the stems of ``text``'s words that are not function words (and longer than one letter)."""
    stems = [stem(t) for t in tokenize(text) if t.translate(FOLD) not in STOP_FOLDED]
    return [s for s in stems if len(s) > 1]
