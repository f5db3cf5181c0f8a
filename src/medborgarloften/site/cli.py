"""``medborgarloften demo | serve | setup | load-demo``."""

import os
import sys

DEMO_PASSWORD = "medborgarlofte-demo"


def register(subparsers):
    demo = subparsers.add_parser("demo", help="prepare the embedded database with Jämtland demo data and serve it")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--workers", type=int, default=2)
    demo.add_argument("--force", action="store_true", help="also on a database other than the embedded SQLite")
    demo.set_defaults(func=run_demo, needs_django=True)

    serve = subparsers.add_parser("serve", help="run the production HTTP server (gunicorn) on a prepared database")
    serve.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"), help="address:port (env BIND)")
    serve.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3")), help="processes (env WEB_CONCURRENCY)")
    serve.set_defaults(func=run_serve, needs_django=True)

    setup = subparsers.add_parser("setup", help="migrate the database, create the cache table and collect static files")
    setup.set_defaults(func=run_setup, needs_django=True)

    load_demo = subparsers.add_parser("load-demo", help="load the Jämtland demo data into an empty database")
    load_demo.add_argument("--force", action="store_true", help="also on a database other than the embedded SQLite")
    load_demo.set_defaults(func=run_load_demo, needs_django=True)


def run_setup(args=None, *, verbosity=1):
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("createcachetable", verbosity=verbosity)
    call_command("collectstatic", interactive=False, verbosity=0)
    return 0


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
    from medborgarloften.demo.load import demo_is_loaded, load_demo

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
    from medborgarloften.demo.load import DEMO_LOGINS, demo_is_loaded, load_demo

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
    for username, description in DEMO_LOGINS:
        print(f"  {username:<26} {description}")
    print("Stop with Ctrl+C.")
    print(flush=True)
    return _gunicorn(f"{args.host}:{args.port}", args.workers)


def run_serve(args):
    return _gunicorn(args.bind, args.workers)


def _gunicorn(bind, workers):
    from gunicorn.app.base import BaseApplication

    from medborgarloften.wsgi import application

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", bind)
            self.cfg.set("workers", workers)
            self.cfg.set("accesslog", os.environ.get("ACCESS_LOG", "-"))
            self.cfg.set("forwarded_allow_ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"))

        def load(self):
            return application

    Server().run()
    return 0
