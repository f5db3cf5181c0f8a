"""``medborgarloften survey …`` commands.

``survey estimate`` reproduces published survey figures from CSV files with
the estimation engine in :mod:`medborgarloften.surveys.estimation`; it never
imports Django.
"""

from __future__ import annotations

import argparse
import csv
import sys


def register(subparsers) -> None:
    """Add the ``survey`` command and its subcommands."""
    survey = subparsers.add_parser("survey", help="survey estimation tools")
    survey_sub = survey.add_subparsers(dest="survey_command", metavar="SUBCOMMAND")
    survey_sub.required = True

    estimate = survey_sub.add_parser(
        "estimate",
        help="weighted estimates from survey answers (or unweighted counts for an open questionnaire)",
        description=(
            "Read RESPONSES.csv and POPULATION.csv (layouts in "
            "src/medborgarloften/surveys/estimation/README.md) and write one CSV row per "
            "area, domain, item and option with n, estimate, standard error, 95 %% interval, "
            "suppression flag and change against the previous year."
        ),
    )
    estimate.add_argument("responses", metavar="RESPONSES.csv")
    estimate.add_argument("--population", metavar="POPULATION.csv",
                          help="population by municipality, year, age group and sex (cells or margins)")
    estimate.add_argument("--level", action="append", choices=("municipality", "subarea", "lpo", "county"),
                          help="level to estimate for; repeat for several (default: municipality)")
    estimate.add_argument("--previous", metavar="PREVIOUS.csv", action="append", default=[],
                          help="answers of earlier years in the same layout, for the change against the previous year")
    estimate.add_argument("--output", metavar="OUT.csv", help="where to write the results (default: standard output)")
    estimate.add_argument("--min-n", type=int, default=None, metavar="N",
                          help="publish no estimate based on fewer than N answers (default 30; open questionnaires: counts below 5)")
    estimate.add_argument("--min-cell-size", type=int, default=None, metavar="N",
                          help="collapse weighting cells with fewer than N respondents (default 10)")
    estimate.add_argument("--lpo-map", metavar="FILE.csv",
                          help="municipality_code,lpo mapping for --level lpo (default: Jämtland's two local police areas)")
    estimate.add_argument("--indicators", metavar="FILE.csv",
                          help="safety indicators: name,items,options,among_items,among_options")
    estimate.add_argument("--weights-output", metavar="FILE.csv", help="write every respondent's weight and cell")
    estimate.add_argument("--design-output", metavar="FILE.csv",
                          help="write n, population, Kish design effect and effective n per municipality-year")
    estimate.add_argument("--open", action="store_true",
                          help="open questionnaire: unweighted counts and shares, no population needed")
    estimate.add_argument("--all-values", action="store_true",
                          help="also print suppressed values (for checking, never for publishing)")
    estimate.set_defaults(func=run_estimate)


def run_estimate(args: argparse.Namespace) -> int:
    """Run ``survey estimate``; returns the exit status (2 for bad input files)."""
    from .estimation.data import SurveyDataError, concatenate_responses, read_population, read_responses
    from .estimation.groups import read_lpo_map
    from .estimation.indicators import DEFAULT_INDICATORS, read_indicators
    from .estimation.open import DEFAULT_MIN_COUNT, estimate_open
    from .estimation.report import DESIGN_COLUMNS, WEIGHT_COLUMNS, ResultTable
    from .estimation.survey import DEFAULT_MIN_N, estimate_survey
    from .estimation.weights import DEFAULT_MIN_CELL_SIZE, RakingError

    try:
        parts = [read_responses(path, open_questionnaire=args.open) for path in [*args.previous, args.responses]]
        responses = parts[0] if len(parts) == 1 else concatenate_responses(parts)
        if args.open:
            levels = tuple(dict.fromkeys(args.level or ["municipality"]))
            if "subarea" in levels:
                print("survey estimate: an open questionnaire has no subarea level: every area's rows are also split "
                      "by sub-area (domain subarea=…); leave out --level subarea", file=sys.stderr)
                return 2
            lpo_map = read_lpo_map(args.lpo_map) if args.lpo_map else None
            open_notes: list[str] = []
            table = ResultTable.concatenate([
                estimate_open(responses, min_count=args.min_n if args.min_n is not None else DEFAULT_MIN_COUNT,
                              level=level, lpo_map=lpo_map, notes=open_notes)
                for level in levels
            ])
            for note in open_notes:
                print(f"note: {note}", file=sys.stderr)
            result = None
        else:
            if not args.population:
                print("survey estimate: --population is required (or --open for an open questionnaire)", file=sys.stderr)
                return 2
            population = read_population(args.population)
            result = estimate_survey(
                responses, population,
                levels=tuple(dict.fromkeys(args.level or ["municipality"])),
                min_n=args.min_n if args.min_n is not None else DEFAULT_MIN_N,
                min_cell_size=args.min_cell_size if args.min_cell_size is not None else DEFAULT_MIN_CELL_SIZE,
                lpo_map=read_lpo_map(args.lpo_map) if args.lpo_map else None,
                indicators=read_indicators(args.indicators) if args.indicators else DEFAULT_INDICATORS,
            )
            table = result.table
    except SurveyDataError as error:
        print(str(error), file=sys.stderr)
        return 2
    except (RakingError, ValueError, OSError) as error:
        print(f"survey estimate: {error}", file=sys.stderr)
        return 2

    if result is not None:
        for note in result.notes:
            print(f"note: {note}", file=sys.stderr)
        if args.design_output:
            _write_design(result, args.design_output, DESIGN_COLUMNS)
        if args.weights_output:
            _write_weights(result, responses, args.weights_output, WEIGHT_COLUMNS)
    if args.output:
        with open(args.output, "w", newline="", encoding="utf-8") as handle:
            table.write_csv(handle, publish=not args.all_values)
    else:
        table.write_csv(sys.stdout, publish=not args.all_values)
    return 0


def _write_design(result, path: str, columns) -> None:
    design = result.design
    summary = design.stratum_summary()
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for h, (code, year) in enumerate(design.strata):
            writer.writerow([code, year, design.method[h], int(summary["n"][h]), int(summary["population"][h]),
                             repr(float(summary["sum_weights"][h])), repr(float(summary["deff_kish"][h])),
                             repr(float(summary["effective_n"][h]))])


def _write_weights(result, responses, path: str, columns) -> None:
    design = result.design
    lines = responses.line if responses.line is not None else range(2, len(responses) + 2)
    weights = design.weight
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for i, line in enumerate(lines):
            code, year = design.strata[design.stratum[i]]
            writer.writerow([int(line), code, year, design.cell_label[design.cell[i]], repr(float(weights[i]))])
