"""``medborgarloften demo | load-demo``: the whole system with Jämtland's demo data, in one command."""

import sys

from medborgarloften.web.cli import gunicorn, run_setup

DEMO_PASSWORD = "medborgarlofte-demo"


def register(subparsers):
    demo = subparsers.add_parser("demo", help="prepare the embedded database with Jämtland demo data and serve it")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--workers", type=int, default=2)
    demo.add_argument("--force", action="store_true", help="also on a database other than the embedded SQLite")
    demo.set_defaults(func=run_demo, needs_django=True)

    load_demo = subparsers.add_parser("load-demo", help="load the Jämtland demo data into an empty database")
    load_demo.add_argument("--force", action="store_true", help="also on a database other than the embedded SQLite")
    load_demo.set_defaults(func=run_load_demo, needs_django=True)


def _refuse_shared_database(force):
    """Return an error message if the database is not the embedded SQLite and ``force`` is off.

    The demo creates accounts with a published password; it must not land in
    a production database by mistake.
    """
    from django.db import connection

    if connection.vendor != "sqlite" and not force:
        return ("The demo data (with its published passwords) is only loaded into the embedded SQLite database; "
                "unset DATABASE_URL, or pass --force to load it into this database anyway.")
    return None


def run_load_demo(args):
    from .load import demo_is_loaded, load_demo

    refusal = _refuse_shared_database(args.force)
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    if demo_is_loaded():
        print("The database already holds data; nothing loaded.")
        return 0
    load_demo(password=DEMO_PASSWORD)
    print("Demo data loaded.")
    return 0


def run_demo(args):
    from .load import DEMO_LOGINS, demo_is_loaded, load_demo

    refusal = _refuse_shared_database(args.force)
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    run_setup(verbosity=0)
    if not demo_is_loaded():
        print("Loading the Jämtland demo data …")
        load_demo(password=DEMO_PASSWORD)
    address = f"http://{args.host}:{args.port}/"
    print()
    print(f"Medborgarlöften is running on {address}")
    print(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    print("  Signatories and administrators also give a code from an authenticator app with the demo key")
    print("  NVSWIYTPOJTWC4TMN5THIZJNMRSW23ZB (see README, Demo logins).")
    for username, description in DEMO_LOGINS:
        print(f"  {username:<26} {description}")
    print("Stop with Ctrl+C.")
    print(flush=True)
    return gunicorn(f"{args.host}:{args.port}", args.workers)
