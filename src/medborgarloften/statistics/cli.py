"""``medborgarloften import police-events|bra|scb|csv FILE``: import statistics from the command line.

Prints rows read, stored, changed and skipped (already present), every
error with its line and every name that matched no place; exits 0 when the
file was imported (or, with ``--dry-run``, would be), 1 when it was rejected
(nothing is stored then) and 2 when it cannot be opened.

``police-events --url URL`` fetches the feed first (polisen.se's
``/api/events`` with its query parameters, HTTPS only); this is what a
scheduled task runs in production, never the tests.
"""

import sys
import tempfile
import time

SOURCES = {"police-events": "police-events", "bra": "bra", "scb": "scb", "csv": "csv"}
FEED = "https://polisen.se/api/events"


def register(subparsers):
    command = subparsers.add_parser(
        "import", help="import statistics: police events, Brå reported crimes, SCB population or own counts",
        description="Import a statistics file. Formats: src/medborgarloften/statistics/FORMATS.md.",
    )
    command.add_argument("source", choices=sorted(SOURCES), help="what the file holds")
    command.add_argument("file", nargs="?", metavar="FILE", help="the file to import")
    command.add_argument("--year", type=int, help="for bra.se's open-data file, which does not say its year")
    command.add_argument("--dry-run", action="store_true", help="check the file and report, store nothing")
    command.add_argument("--url", help="police-events only: fetch this feed address (https://polisen.se/api/events?…)")
    command.set_defaults(func=run_import, needs_django=True)


def fetch_feed(url, destination):
    """Download the events feed at ``url`` into the open binary file ``destination``."""
    import urllib.request

    from django.conf import settings

    if not url.startswith(FEED):
        raise ValueError(f"only {FEED} (with query parameters) is fetched")
    request = urllib.request.Request(url, headers={"User-Agent": settings.POLICE_EVENTS_USER_AGENT,
                                                   "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - the address is checked above
        while chunk := response.read(1 << 16):
            destination.write(chunk)


def run_import(args, *, out=None, err=None):
    from django.utils import translation
    from django.utils.translation import gettext as _

    from .parsers import format_error
    from .services import import_from_path, summary_lines

    out, err = out or sys.stdout, err or sys.stderr
    translation.activate("sv")
    path = args.file
    temporary = None
    if args.url:
        if args.source != "police-events":
            print("--url is for police-events only", file=err)
            return 2
        temporary = tempfile.NamedTemporaryFile(prefix="polisen-events-", suffix=".json")
        try:
            fetch_feed(args.url, temporary)
        except (OSError, ValueError) as error:
            print(f"import: could not fetch {args.url}: {error}", file=err)
            return 2
        temporary.flush()
        path = temporary.name
    if not path:
        print("import: give a FILE (or --url for police-events)", file=err)
        return 2
    try:
        open(path, "rb").close()
    except OSError as error:
        print(f"import: {error}", file=err)
        return 2
    last = [0.0]

    def progress(*, done, total=None, message=None):
        if time.monotonic() - last[0] >= 2 and message:
            last[0] = time.monotonic()
            print(message, file=err)

    started = time.monotonic()
    run = import_from_path(path, source=SOURCES[args.source], year=args.year, dry_run=args.dry_run, progress=progress)
    for note in run.notes:
        print(note, file=out)
    for line in summary_lines(run):
        print(line, file=out)
    for error in run.errors:
        print(f"{path}: {format_error(error)}", file=err)
    if run.error_count > len(run.errors):
        print(f"… {run.error_count - len(run.errors)} more errors", file=err)
    if temporary:
        temporary.close()
    if run.error_count:
        print(_("The file was rejected; nothing was stored."), file=err)
        return 1
    seconds = f"{time.monotonic() - started:.1f}"
    if args.dry_run:
        print(_("Checked %(rows)s rows in %(seconds)s s; nothing was stored (dry run).") % {"rows": run.rows_read, "seconds": seconds}, file=out)
    else:
        print(_("Imported %(rows)s rows in %(seconds)s s.") % {"rows": run.rows_read, "seconds": seconds}, file=out)
    return 0
