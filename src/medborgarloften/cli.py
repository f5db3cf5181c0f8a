"""The single command-line entry point: ``medborgarloften``.

Subcommands:

* ``demo``   prepare the embedded database, load the Jämtland demo data if the
  database is empty, and serve on http://127.0.0.1:8000 with gunicorn;
* ``serve``  run the production HTTP server (gunicorn) for an already
  migrated database (``DATABASE_URL``);
* ``setup``  migrate, create the cache table and collect static files;
* ``worker`` run queued background tasks (with ``TASK_BACKEND=database``);
* ``load-demo``  load the demo data into an empty database;
* ``survey estimate``  reproduce published survey figures from CSV files;
* ``followup remind``  e-mail reminders about activities due for a report;
* ``manage`` any Django management command (``medborgarloften manage check``).

Each app that adds commands exposes ``register(subparsers)`` in its ``cli``
module; it is listed in ``COMMAND_MODULES``.
"""

import argparse
import importlib
import os
import sys

COMMAND_MODULES = [
    "medborgarloften.web.cli",
    "medborgarloften.demo.cli",
    "medborgarloften.surveys.cli",
    "medborgarloften.followup.cli",
]


def _django_setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medborgarloften.settings")
    import django

    django.setup()


def build_parser():
    parser = argparse.ArgumentParser(
        prog="medborgarloften",
        description="Medborgarlöften – the police–municipality citizen promise cycle.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True

    manage = subparsers.add_parser("manage", help="run a Django management command")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    manage.set_defaults(func=_manage)

    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        module.register(subparsers)
    return parser


def _manage(args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medborgarloften.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["medborgarloften manage", *args.args])
    return 0


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "needs_django", False):
        _django_setup()
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
