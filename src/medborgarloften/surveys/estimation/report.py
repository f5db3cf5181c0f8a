"""The result table (one row per area, domain, item and option) and its CSV form."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from typing import IO

import numpy as np

from .estimates import Means
from .groups import Grouping

COLUMNS = (
    "level", "area", "area_name", "year", "domain", "item", "kind", "option",
    "n", "count", "n_dont_know", "n_unanswered",
    "estimate", "se", "ci_low", "ci_high", "df", "method", "suppressed",
    "previous_estimate", "change", "change_se", "change_ci_low", "change_ci_high", "change_significant",
)
TEXT = ("level", "area", "area_name", "domain", "item", "kind", "option", "method", "suppressed")
INTEGER = ("year", "n", "count", "n_dont_know", "n_unanswered", "df")
FLOAT = ("estimate", "se", "ci_low", "ci_high", "previous_estimate", "change", "change_se", "change_ci_low", "change_ci_high")
# Blanked in published rows that are suppressed.
HIDDEN_WHEN_SUPPRESSED = ("count", "estimate", "se", "ci_low", "ci_high", "previous_estimate", "change", "change_se", "change_ci_low", "change_ci_high", "change_significant")

PRIMARY = "primary"
COMPLEMENTARY = "complementary"


def no_change_columns(size):
    """Return the year-on-year columns, empty, for ``size`` rows (``compare`` fills them in)."""
    return {
        "previous_estimate": np.full(size, np.nan),
        "change": np.full(size, np.nan),
        "change_se": np.full(size, np.nan),
        "change_ci_low": np.full(size, np.nan),
        "change_ci_high": np.full(size, np.nan),
        "change_significant": np.full(size, None, dtype=object),
    }


@dataclass
class ResultTable:
    """Columns of equal length, keyed by the names in :data:`COLUMNS`."""

    columns: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.columns["level"])

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]

    @classmethod
    def concatenate(cls, tables: list["ResultTable"]) -> "ResultTable":
        """Return the tables' rows one after another."""
        if not tables:
            return cls.empty()
        return cls({name: np.concatenate([t.columns[name] for t in tables]) for name in COLUMNS})

    @classmethod
    def empty(cls) -> "ResultTable":
        return cls({name: np.zeros(0, dtype=_dtype(name)) for name in COLUMNS})

    def select(self, mask: np.ndarray) -> "ResultTable":
        """Return the rows in ``mask``."""
        return ResultTable({name: values[mask] for name, values in self.columns.items()})

    def rows(self, *, publish: bool = True):
        """Yield the rows as dicts of strings; suppressed values blanked when ``publish``."""
        for i in range(len(self)):
            row = {name: _format(name, self.columns[name][i]) for name in COLUMNS}
            if publish and row["suppressed"]:
                for name in HIDDEN_WHEN_SUPPRESSED:
                    row[name] = ""
            yield row

    def write_csv(self, handle: IO[str], *, publish: bool = True) -> None:
        """Write the table as CSV with the header :data:`COLUMNS`."""
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows(publish=publish))


def _dtype(name: str):
    if name in TEXT:
        return object
    if name in INTEGER:
        return np.int64
    if name == "change_significant":
        return object
    return float


def _format(name: str, value) -> str:
    if name in FLOAT:
        return "" if value is None or math.isnan(value) else repr(float(value))
    if name in INTEGER:
        return "" if value < 0 else str(int(value))
    if name == "change_significant":
        return "" if value is None else ("yes" if value else "no")
    return str(value)


def block(
    grouping: Grouping,
    *,
    item: str,
    kind: str,
    options: tuple[str, ...],
    means: Means,
    low: np.ndarray,
    high: np.ndarray,
    n_dont_know: np.ndarray,
    n_unanswered: np.ndarray,
    with_count: bool,
    method: list[str] | None = None,
) -> ResultTable:
    """Return the rows of one item for every group of ``grouping`` (group-major, option-minor)."""
    G, k = len(grouping), len(options)
    size = G * k

    def per_group(values, dtype=object):
        return np.repeat(np.asarray(values, dtype=dtype), k)

    def integers(values):
        return np.nan_to_num(np.asarray(values, dtype=float), nan=-1).astype(np.int64).reshape(size)

    n = np.asarray(means.n, dtype=float)
    if n.shape[1] != k:
        n = np.broadcast_to(n[:, :1], (G, k))
    columns = {
        "level": np.full(size, grouping.level, dtype=object),
        "area": per_group(grouping.area),
        "area_name": per_group(grouping.area_name),
        "year": per_group(grouping.year, np.int64),
        "domain": per_group(grouping.domain),
        "item": np.full(size, item, dtype=object),
        "kind": np.full(size, kind, dtype=object),
        "option": np.tile(np.asarray(options, dtype=object), G),
        "n": integers(n),
        "count": integers(means.count) if with_count else np.full(size, -1, dtype=np.int64),
        "n_dont_know": per_group(n_dont_know, np.int64),
        "n_unanswered": per_group(n_unanswered, np.int64),
        "estimate": means.estimate.reshape(size).astype(float),
        "se": means.se.reshape(size).astype(float),
        "ci_low": low.reshape(size).astype(float),
        "ci_high": high.reshape(size).astype(float),
        "df": integers(np.broadcast_to(means.df, (G, k))),
        "method": per_group(method if method is not None else grouping.method),
        "suppressed": np.full(size, "", dtype=object),
        **no_change_columns(size),
    }
    return ResultTable(columns)


DESIGN_COLUMNS = ("municipality", "year", "method", "n", "population", "sum_weights", "deff_kish", "effective_n")
WEIGHT_COLUMNS = ("line", "municipality", "year", "cell", "weight")
