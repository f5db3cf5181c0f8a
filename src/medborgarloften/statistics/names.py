"""Matching place names from the sources to SCB's municipalities and counties, without guessing.

A name is normalised (Unicode NFC, non-breaking spaces and dashes made plain,
spaces collapsed, case folded) and then looked up in this order:

1. the exact SCB name of a municipality or county ("Östersund", "Jämtlands län");
2. the name with a " kommun" suffix removed ("Åre kommun" → Åre), then the
   genitive of that form ("Östersunds kommun" → Östersund; only together with
   the suffix, where Swedish always puts the genitive);
3. a short table of irregular official forms (``ALIASES``: "Falu kommun",
   "Göteborgs stad", "Region Gotland", …);
4. hyphens and spaces treated alike ("Malung Sälen" → Malung-Sälen), but
   only where that makes no two names equal.

Anything else is *unmatched*: the importer reports it with its first line and
how often it occurred and never assigns it to a place.
"""

import re
import unicodedata

from medborgarloften.areas.models import County, Municipality

from .models import SWEDEN

DASHES = re.compile(r"[\u2010-\u2015\u2212]")

# Irregular forms seen in Brå's and municipalities' own files; nothing fuzzy.
ALIASES = {
    "falu kommun": "Falun",
    "göteborgs stad": "Göteborg",
    "stockholms stad": "Stockholm",
    "malmö stad": "Malmö",
    "region gotland": "Gotland",
}
NATIONAL_NAMES = {"hela landet", "riket", "sverige", "sverige totalt", "samtliga kommuner"}


def normalise(name):
    """Return ``name`` in the form names are compared in."""
    text = unicodedata.normalize("NFC", name).replace("\u00a0", " ")
    text = DASHES.sub("-", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def _loose(normalised):
    return normalised.replace("-", " ")


class PlaceIndex:
    """SCB's municipalities and counties by normalised name; built with two queries."""

    def __init__(self):
        self.municipalities = {m.code: m for m in Municipality.objects.select_related("county")}
        self.counties = {c.code: c for c in County.objects.all()}
        self.by_name = {}
        for m in self.municipalities.values():
            self.by_name[normalise(m.name)] = ("municipality", m.code)
        for c in self.counties.values():
            self.by_name[normalise(c.name)] = ("county", c.code)
        for name in NATIONAL_NAMES:
            self.by_name[name] = ("country", SWEDEN)
        for alias, target in ALIASES.items():
            hit = self.by_name.get(normalise(target))
            if hit:
                self.by_name[alias] = hit
        loose = {}
        for key, hit in self.by_name.items():
            loose.setdefault(_loose(key), set()).add(hit)
        # Only where hyphen-blindness makes no two places equal.
        self.by_loose_name = {key: next(iter(hits)) for key, hits in loose.items() if len(hits) == 1}
        self._cache = {}

    def match(self, name):
        """Return (level, code) for ``name``, level "municipality", "county" or "country"; None if unmatched."""
        if name in self._cache:
            return self._cache[name]
        hit = self._match(normalise(name))
        self._cache[name] = hit
        return hit

    def _match(self, key):
        if not key:
            return None
        for candidate in self._candidates(key):
            hit = self.by_name.get(candidate) or self.by_loose_name.get(_loose(candidate))
            if hit:
                return hit
        return None

    @staticmethod
    def _candidates(key):
        yield key
        if key.endswith(" kommun"):
            base = key[: -len(" kommun")].strip()
            yield base
            if base.endswith("s"):
                yield base[:-1]

    def municipality(self, code):
        return self.municipalities.get(code)

    def county_of(self, code):
        """Return the county code of municipality ``code``."""
        municipality = self.municipalities.get(code)
        return municipality.county.code if municipality else None

    def is_region_code(self, code):
        return code == SWEDEN or code in self.counties or code in self.municipalities

    def name_of(self, code):
        if code == SWEDEN:
            return "Sverige"
        place = self.municipalities.get(code) or self.counties.get(code)
        return place.name if place else code
