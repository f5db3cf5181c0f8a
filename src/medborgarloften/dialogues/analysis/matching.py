"""Matching a comment against the curated lexicon (see lexicon.py for the entry syntax and rules)."""

from functools import lru_cache

from .lexicon import ABSENCE_THEMES, LEXICON, NEGATIONS, THEMES
from .text import FOLD, stem, tokenize

_NEGATIONS = frozenset(w.translate(FOLD) for w in NEGATIONS)
# A phrase's words may have at most this many other words between them.
_PHRASE_GAP = 2
# A negation cancels a match this many words after it.
_NEGATION_REACH = 3


class _Word:
    __slots__ = ("mode", "stem")

    def __init__(self, raw):
        if raw.startswith("'"):
            self.mode, self.stem = "raw", raw[1:].lower()
            return
        mode = "prefix"
        if raw.startswith("*"):
            mode, raw = "contains", raw[1:]
        if raw.endswith("="):
            mode, raw = "exact", raw[:-1]
        self.mode, self.stem = mode, stem(raw.lower())

    def matches(self, token_stem, token):
        if self.mode == "raw":
            return token == self.stem
        if self.mode == "prefix":
            return token_stem.startswith(self.stem)
        if self.mode == "exact":
            return token_stem == self.stem
        return self.stem in token_stem


class _Entry:
    __slots__ = ("length", "raw", "theme", "weight", "words")

    def __init__(self, theme, raw):
        self.raw, self.theme, self.weight = raw, theme, 1.0
        if ":" in raw:
            raw, weight = raw.rsplit(":", 1)
            self.weight = float(weight)
        self.words = [_Word(w) for w in raw.split()]
        self.length = sum(len(w.stem) for w in self.words)


class Lexicon:
    """Scores every theme for a text; a theme whose score reaches ``threshold`` is suggested."""

    def __init__(self, lexicon=LEXICON, *, threshold=1.0):
        entries = [_Entry(theme, raw) for theme, raws in lexicon.items() for raw in raws]
        self.phrases = [e for e in entries if len(e.words) > 1]
        self.threshold = threshold
        # Single words indexed by how they match, so a token is looked up, not compared with every entry.
        self._by_mode = {"raw": {}, "exact": {}, "prefix": {}}
        self._contains = []
        for entry in entries:
            if len(entry.words) != 1:
                continue
            word = entry.words[0]
            if word.mode == "contains":
                self._contains.append(entry)
            else:
                self._by_mode[word.mode].setdefault(word.stem, []).append(entry)

    def _single_matches(self, token_stem, token):
        found = list(self._by_mode["raw"].get(token, ()))
        found += self._by_mode["exact"].get(token_stem, ())
        prefixes = self._by_mode["prefix"]
        for end in range(1, len(token_stem) + 1):
            found += prefixes.get(token_stem[:end], ())
        found += [e for e in self._contains if e.words[0].stem in token_stem]
        return found

    @staticmethod
    def _negated(stems, i):
        return any(s in _NEGATIONS for s in stems[max(0, i - _NEGATION_REACH):i])

    @staticmethod
    def _spans(entry, stems, tokens):
        """Yield the token positions where ``entry`` (a phrase) matches."""
        for i, s in enumerate(stems):
            if not entry.words[0].matches(s, tokens[i]):
                continue
            at, ok = [i], True
            for word in entry.words[1:]:
                following = range(at[-1] + 1, min(len(stems), at[-1] + 2 + _PHRASE_GAP))
                found = next((j for j in following if word.matches(stems[j], tokens[j])), None)
                if found is None:
                    ok = False
                    break
                at.append(found)
            if ok:
                yield at

    def matches(self, text):
        """Return (theme, entry text, first token, last token) for every match that counts."""
        tokens = tokenize(text)
        stems = [stem(t) for t in tokens]
        hidden = set()
        for entry in self.phrases:
            if entry.theme == "_block":
                for at in self._spans(entry, stems, tokens):
                    hidden.update(at)
        found = []
        for i, s in enumerate(stems):
            if i in hidden:
                continue
            candidates = self._single_matches(s, tokens[i])
            if not candidates:
                continue
            longest = max(e.length for e in candidates)
            best = {}
            for entry in candidates:
                if entry.length == longest and entry.theme != "_block":
                    if entry.weight > best.get(entry.theme, (0.0, None))[0]:
                        best[entry.theme] = (entry.weight, entry)
            for theme, (_weight, entry) in best.items():
                if theme in ABSENCE_THEMES or not self._negated(stems, i):
                    found.append((theme, entry, i, i))
        for entry in self.phrases:
            if entry.theme == "_block":
                continue
            for at in self._spans(entry, stems, tokens):
                if entry.theme in ABSENCE_THEMES or not self._negated(stems, at[0]):
                    found.append((entry.theme, entry, at[0], at[-1]))
                    break
        return found

    def scores(self, text):
        """Return {theme: summed weight of its matches} for every theme."""
        return _scores(self, text)

    def predict(self, text):
        """Return the set of themes whose score reaches the threshold."""
        return {t for t, v in self.scores(text).items() if v >= self.threshold}


@lru_cache(maxsize=20_000)
def _scores(lexicon, text):
    scores = dict.fromkeys(THEMES, 0.0)
    for theme, entry, _first, _last in lexicon.matches(text):
        scores[theme] += entry.weight
    return scores


@lru_cache(maxsize=1)
def default_lexicon():
    return Lexicon()
