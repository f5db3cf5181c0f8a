"""Safety indicators: shares of respondents meeting a condition on one or more
items, optionally among those meeting another (e.g. the reporting rate among
the victimised).

An indicator is "yes" when any of its items has one of its options, "no" when
all its items are answered without one, and otherwise vet ej (if any item is
vet ej) or unanswered.  Respondents outside the ``among`` condition are outside
the domain, as R's ``subset`` of the design.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .data import DONT_KNOW, UNANSWERED, Item, Responses

OUTSIDE_DOMAIN = -3


@dataclass(frozen=True)
class Indicator:
    """A named yes/no condition on items (see the module docstring)."""

    name: str
    items: tuple[str, ...]
    options: tuple[str, ...]
    among_items: tuple[str, ...] = ()
    among_options: tuple[str, ...] = ()

    def applies_to(self, responses: Responses) -> bool:
        """Return whether every item the indicator names is in the responses."""
        return all(name in responses.items for name in self.items + self.among_items)

    def missing_options(self, responses: Responses) -> list[tuple[str, tuple[str, ...]]]:
        """Return (item, options) for every item that has none of the options
        the indicator counts (declared in the header or seen in the data)."""
        missing = []
        for names, options in ((self.items, self.options), (self.among_items, self.among_options)):
            for name in names:
                if not set(options) & set(responses.items[name].options):
                    missing.append((name, options))
        return missing


DEFAULT_INDICATORS = (
    Indicator("trygg_ute_sent", ("trygg_kvall",), ("mycket_trygg", "ganska_trygg")),
    Indicator("otrygg_ute_sent", ("trygg_kvall",), ("ganska_otrygg", "mycket_otrygg")),
    Indicator("undviker_platser", ("undviker",), ("ja",)),
    Indicator("utsatt_brott", ("utsatt_vald", "utsatt_stold", "utsatt_skadegorelse"), ("ja",)),
    Indicator(
        "anmalningsgrad", ("anmalt",), ("ja",),
        among_items=("utsatt_vald", "utsatt_stold", "utsatt_skadegorelse"), among_options=("ja",),
    ),
)


def read_indicators(path: str | Path) -> tuple[Indicator, ...]:
    """Return indicators from a CSV with the header
    ``name,items,options,among_items,among_options`` (lists joined by ``;``)."""
    def split(text: str) -> tuple[str, ...]:
        return tuple(t.strip() for t in (text or "").split(";") if t.strip())

    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or not {"name", "items", "options"} <= set(reader.fieldnames):
            raise ValueError(f"{path}: expected the header name,items,options,among_items,among_options")
        return tuple(
            Indicator(row["name"].strip(), split(row["items"]), split(row["options"]),
                      split(row.get("among_items", "")), split(row.get("among_options", "")))
            for row in reader
        )


def _hits(item: Item, options: tuple[str, ...]) -> np.ndarray:
    wanted = [i for i, option in enumerate(item.options) if option in options]
    if item.kind == "multi":
        return item.chosen[:, wanted].any(axis=1) & (item.codes >= 0)
    return np.isin(item.codes, wanted)


def condition_codes(responses: Responses, items: tuple[str, ...], options: tuple[str, ...]) -> np.ndarray:
    """Return per respondent 0 (yes), 1 (no), or DONT_KNOW / UNANSWERED."""
    yes = np.zeros(len(responses), dtype=bool)
    all_answered = np.ones(len(responses), dtype=bool)
    any_dont_know = np.zeros(len(responses), dtype=bool)
    for name in items:
        item = responses.items[name]
        yes |= _hits(item, options)
        all_answered &= item.codes >= 0
        any_dont_know |= item.codes == DONT_KNOW
    codes = np.where(any_dont_know, DONT_KNOW, UNANSWERED).astype(np.int16)
    codes[all_answered] = 1
    codes[yes] = 0
    return codes


def indicator_item(responses: Responses, indicator: Indicator) -> Item:
    """Return the indicator as a yes/no item, outside-domain rows coded OUTSIDE_DOMAIN."""
    codes = condition_codes(responses, indicator.items, indicator.options)
    if indicator.among_items:
        among = condition_codes(responses, indicator.among_items, indicator.among_options) == 0
        codes[~among] = OUTSIDE_DOMAIN
    return Item(indicator.name, "indicator", ("ja", "nej"), codes)
