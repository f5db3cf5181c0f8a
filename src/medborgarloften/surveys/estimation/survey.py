"""Full results of a sample survey: weights, shares per option, problem
indices, indicators, suppression and year-on-year change for every level."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .data import DONT_KNOW, UNANSWERED, PopulationEntry, Responses, official_municipalities
from .estimates import (
    Means, build_pairs, estimate_shares, excluded_counts, logit_interval, multi_counts,
    option_counts, wald_interval,
)
from .groups import (
    JAMTLAND_LPO, Grouping, group_by_county, group_by_lpo, group_by_municipality, group_by_subarea,
)
from .index import MEAN_SCORE_KIND, PROBLEM_INDEX_MAX, TOTAL_INDEX_ITEM, estimate_item_index, estimate_total_index
from .indicators import DEFAULT_INDICATORS, Indicator, indicator_item
from .report import COMPLEMENTARY, PRIMARY, ResultTable, block
from .suppression import complementary_suppression
from .weights import DEFAULT_MIN_CELL_SIZE, Design, build_design

DEFAULT_MIN_N = 30


@dataclass
class Block:
    """Where one item's rows for one grouping sit in the result table."""

    grouping: int
    item: str
    kind: str
    offset: int
    n_groups: int
    n_options: int
    exclusive: bool
    with_count: bool

    def rows(self, groups: np.ndarray) -> np.ndarray:
        """Return the row indices (groups × options) of the given groups."""
        return self.offset + groups[:, None] * self.n_options + np.arange(self.n_options)


@dataclass
class SurveyResult:
    """The design, the groupings, the result table and notes (collapsing, left-out areas)."""

    design: Design
    groupings: list[Grouping]
    table: ResultTable
    blocks: list[Block]
    notes: list[str] = field(default_factory=list)


def _subset_means(means: Means, columns: slice) -> Means:
    return Means(means.estimate[:, columns], means.se[:, columns], means.n[:, columns],
                 means.count[:, columns], means.df[:, columns], means.weight_total[:, columns])


def estimate_groupings(design: Design, responses: Responses, grouping: Grouping, indicator_items) -> list[tuple[ResultTable, str, bool, bool]]:
    """Return the tables of every item, index and indicator (given as yes/no
    items) for one grouping,
    each with its item name, whether its options exclude each other and whether
    it carries counts."""
    pairs = build_pairs(design, grouping)
    out = []
    problem_items, problem_means = [], []
    for item in responses.items.values():
        if item.kind == "multi":
            answered, chosen = multi_counts(pairs, item.codes, item.chosen)
        else:
            chosen = option_counts(pairs, item.codes, len(item.options))
            answered = chosen.sum(axis=1)
        means = estimate_shares(design, pairs, answered, chosen)
        low, high = logit_interval(means.estimate, means.se, means.df, means.n)
        dont_know = excluded_counts(grouping, item.codes, DONT_KNOW)
        unanswered = excluded_counts(grouping, item.codes, UNANSWERED)
        out.append((block(grouping, item=item.name, kind="share", options=item.options, means=means, low=low, high=high,
                          n_dont_know=dont_know, n_unanswered=unanswered, with_count=True),
                    item.name, item.kind != "multi", True))
        if item.kind == "problem":
            index = estimate_item_index(design, pairs, item)
            low, high = wald_interval(index.estimate, index.se, index.df, lower=0.0, upper=PROBLEM_INDEX_MAX)
            out.append((block(grouping, item=item.name, kind=MEAN_SCORE_KIND, options=("",), means=index, low=low, high=high,
                              n_dont_know=dont_know, n_unanswered=unanswered, with_count=False),
                        item.name, False, False))
            problem_items.append(item)
            problem_means.append(index)
    if problem_items:
        total = estimate_total_index(design, pairs, grouping, problem_items, problem_means)
        low, high = wald_interval(total.estimate, total.se, total.df, lower=0.0, upper=PROBLEM_INDEX_MAX)
        no_answer = np.ones(len(grouping.group), dtype=bool)
        for item in problem_items:
            no_answer &= item.codes < 0
        zero = np.zeros(len(grouping), dtype=np.int64)
        unanswered = np.bincount(grouping.group[(grouping.group >= 0) & no_answer], minlength=len(grouping))
        out.append((block(grouping, item=TOTAL_INDEX_ITEM, kind=MEAN_SCORE_KIND, options=("",), means=total, low=low, high=high,
                          n_dont_know=zero, n_unanswered=unanswered, with_count=False),
                    TOTAL_INDEX_ITEM, False, False))
    for item in indicator_items:
        chosen = option_counts(pairs, item.codes, 2)
        means = _subset_means(estimate_shares(design, pairs, chosen.sum(axis=1), chosen), slice(0, 1))
        low, high = logit_interval(means.estimate, means.se, means.df, means.n)
        out.append((block(grouping, item=item.name, kind="indicator", options=("ja",), means=means, low=low, high=high,
                          n_dont_know=excluded_counts(grouping, item.codes, DONT_KNOW),
                          n_unanswered=excluded_counts(grouping, item.codes, UNANSWERED), with_count=True),
                    item.name, False, True))
    return out


def estimate_survey(
    responses: Responses,
    population: dict[tuple[str, int], PopulationEntry],
    *,
    levels: tuple[str, ...] = ("municipality",),
    min_n: int = DEFAULT_MIN_N,
    min_cell_size: int = DEFAULT_MIN_CELL_SIZE,
    lpo_map: dict[str, str] | None = None,
    indicators: tuple[Indicator, ...] = DEFAULT_INDICATORS,
) -> SurveyResult:
    """Return the full results of a sample survey for the requested levels."""
    design = build_design(responses, population, min_cell_size=min_cell_size)
    notes = list(design.collapsing)
    groupings: list[Grouping] = []
    lpo_map = JAMTLAND_LPO if lpo_map is None else lpo_map
    for level in levels:
        if level == "municipality":
            groupings.append(group_by_municipality(responses, design))
        elif level == "subarea":
            groupings.append(group_by_subarea(responses, design))
        elif level == "lpo":
            grouping, missing = group_by_lpo(responses, design, lpo_map)
            groupings.append(grouping)
            if missing:
                notes.append("no local police area known for " + ", ".join(missing) + "; left out of the lpo level")
        elif level == "county":
            groupings.append(group_by_county(responses, design))
        else:
            raise ValueError(f"unknown level {level!r}")
    indicator_items = []
    for indicator in indicators:
        if not indicator.applies_to(responses):
            continue
        missing = indicator.missing_options(responses)
        if missing:
            # Published as 0 % it would claim that nobody chose options the
            # data does not even have (another scale, other option names).
            notes.append(f"indicator {indicator.name} skipped: " + "; ".join(
                f"none of {'|'.join(options)} is an option of {item}" for item, options in missing))
            continue
        indicator_items.append(indicator_item(responses, indicator))
    tables, blocks, offset = [], [], 0
    for g, grouping in enumerate(groupings):
        for table, item, exclusive, with_count in estimate_groupings(design, responses, grouping, indicator_items):
            blocks.append(Block(g, item, table["kind"][0] if len(table) else "", offset, len(grouping),
                                len(table) // max(len(grouping), 1), exclusive, with_count))
            tables.append(table)
            offset += len(table)
    table = ResultTable.concatenate(tables)
    result = SurveyResult(design, groupings, table, blocks, notes)
    apply_suppression(result, min_n=min_n, lpo_map=lpo_map)
    from .compare import add_year_on_year_change

    add_year_on_year_change(result)
    return result


def _parent_of(child: Grouping, parent: Grouping, lpo_map: dict[str, str]) -> np.ndarray:
    """Return per child group the parent group it adds up to, or -1."""
    index = {(a, y): p for p, (a, y) in enumerate(zip(parent.area, parent.year))}
    municipalities = official_municipalities()

    def parent_area(area: str) -> str | None:
        if parent.level == "municipality":
            return area
        if parent.level == "lpo":
            return lpo_map.get(area)
        return municipalities[area][1]

    return np.array([index.get((parent_area(a), y), -1) for a, y in zip(child.area, child.year)], dtype=np.int64)


# Which level's groups add up to which: sub-areas to their municipality,
# municipalities to their local police area and county.
_NESTING = (("subarea", "municipality"), ("municipality", "lpo"), ("municipality", "county"))


def apply_suppression(result: SurveyResult, *, min_n: int, lpo_map: dict[str, str]) -> None:
    """Mark rows with fewer than ``min_n`` answers (primary), then protect every
    table of counts in which child areas add up to a shown parent area.

    A flag set in one table can open another (a municipality hidden in its
    local police area's table is also a cell of its county's table), so the
    tables touching changed rows are protected again until nothing changes.
    """
    table = result.table
    flags = table["suppressed"]
    flags[table["n"] < min_n] = PRIMARY
    levels = [g.level for g in result.groupings]
    relations = []
    for child_level, parent_level in _NESTING:
        if child_level in levels and parent_level in levels:
            child, parent = levels.index(child_level), levels.index(parent_level)
            parent_of = _parent_of(result.groupings[child], result.groupings[parent], lpo_map)
            order = np.argsort(parent_of, kind="stable")
            bounds = np.searchsorted(parent_of[order], np.arange(len(result.groupings[parent]) + 1))
            children = [order[bounds[p]:bounds[p + 1]] for p in range(len(result.groupings[parent]))]
            relations.append((child, parent, parent_of, children))
    if not relations:
        return
    blocks_by = {(b.grouping, b.item, b.kind): b for b in result.blocks if b.with_count}
    pending = set()
    for r, (child, parent, parent_of, _) in enumerate(relations):
        for (g, item, kind), block_ in blocks_by.items():
            if g != child or (parent, item, kind) not in blocks_by:
                continue
            parent_block = blocks_by[(parent, item, kind)]
            child_hit = (flags[block_.rows(np.arange(block_.n_groups))] != "").any(axis=1) & (parent_of >= 0)
            parent_hit = (flags[parent_block.rows(np.arange(parent_block.n_groups))] != "").any(axis=1)
            for p in set(parent_of[child_hit].tolist()) | set(np.flatnonzero(parent_hit).tolist()):
                pending.add((r, item, kind, p))
    offsets = np.array([b.offset for b in result.blocks])
    while pending:
        changed_rows = []
        for r, item, kind, p in sorted(pending):
            child, parent, _, children = relations[r]
            if len(children[p]) == 0:
                continue
            changed_rows.extend(_protect_table(table, blocks_by[(child, item, kind)], blocks_by[(parent, item, kind)],
                                               children[p], p))
        pending = set()
        for row in changed_rows:
            # Re-protect every table that holds the changed row.
            block_ = result.blocks[int(np.searchsorted(offsets, row, side="right")) - 1]
            group = (row - block_.offset) // block_.n_options
            for r, (child, parent, parent_of, _) in enumerate(relations):
                if (block_.grouping == child and parent_of[group] >= 0
                        and (parent, block_.item, block_.kind) in blocks_by):
                    pending.add((r, block_.item, block_.kind, int(parent_of[group])))
                if block_.grouping == parent and (child, block_.item, block_.kind) in blocks_by:
                    pending.add((r, block_.item, block_.kind, int(group)))


def _protect_table(table: ResultTable, child: Block, parent: Block, children: np.ndarray, p: int) -> list[int]:
    """Protect the table of ``children`` × options that adds up to parent group ``p``;
    return the rows newly suppressed."""
    flags = table["suppressed"]
    rows = np.column_stack([child.rows(children).T, parent.rows(np.array([p]))[0][:, None]])  # options × (children + parent)
    counts = table["count"][rows].astype(float)
    n = table["n"][rows[0]].astype(float)
    k, m = rows.shape[0], len(children)
    remainder = counts[:, -1] - counts[:, :-1].sum(axis=1)
    n_remainder = n[-1] - n[:-1].sum()
    has_remainder = bool(np.any(remainder != 0) or n_remainder != 0)
    # Cells: option rows × (children, remainder, parent), then the n row.
    width = m + 2
    values = np.zeros((k + 1, width))
    values[:k, :m] = counts[:, :-1]
    values[:k, m] = remainder
    values[:k, m + 1] = counts[:, -1]
    values[k, :m] = n[:-1]
    values[k, m] = n_remainder
    values[k, m + 1] = n[-1]
    equations = []
    for r in range(k):
        eq = np.zeros((k + 1, width))
        eq[r, :m + 1] = 1.0
        eq[r, m + 1] = -1.0
        equations.append(eq.ravel())
    if child.exclusive:
        for c in range(width):
            eq = np.zeros((k + 1, width))
            eq[:k, c] = 1.0
            eq[k, c] = -1.0
            equations.append(eq.ravel())
    hidden = np.zeros((k + 1, width), dtype=bool)
    hidden[:k, m] = True
    if not has_remainder:
        hidden[:, m] = False
    protected = np.zeros((k + 1, width), dtype=bool)
    protected[k, :] = True
    protected[:, m] |= not has_remainder
    is_total = np.zeros((k + 1, width), dtype=bool)
    is_total[:, m + 1] = True
    primary = np.zeros((k + 1, width), dtype=bool)
    shown_rows = np.full((k + 1, width), -1, dtype=np.int64)
    shown_rows[:k, :m] = rows[:, :-1]
    shown_rows[:k, m + 1] = rows[:, -1]
    real = shown_rows >= 0
    primary[real] = flags[shown_rows[real]] != ""
    mask = complementary_suppression(values.ravel(), primary.ravel(), np.array(equations),
                                     hidden=hidden.ravel(), is_total=is_total.ravel(),
                                     protected=protected.ravel()).reshape(k + 1, width)
    new = mask & real & ~primary
    flags[shown_rows[new]] = COMPLEMENTARY
    return shown_rows[new].tolist()
