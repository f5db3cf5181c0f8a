"""``medborgarloften serve | setup | worker``: running the system on a prepared database."""

import os


def register(subparsers):
    serve = subparsers.add_parser("serve", help="run the production HTTP server (gunicorn) on a prepared database")
    serve.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"), help="address:port (env BIND)")
    serve.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3")), help="processes (env WEB_CONCURRENCY)")
    serve.set_defaults(func=run_serve, needs_django=True)

    setup = subparsers.add_parser("setup", help="migrate the database, create the cache table and collect static files")
    setup.set_defaults(func=run_setup, needs_django=True)

    worker = subparsers.add_parser(
        "worker", help="run background tasks (imports, documents, reminders, text analysis) from the database queue",
    )
    worker.add_argument("--queue", action="append", dest="queues", help="queue name (repeat; default: all)")
    worker.add_argument("--batch", action="store_true", help="stop when the queue is empty instead of waiting for more")
    worker.set_defaults(func=run_worker, needs_django=True)


def run_setup(args=None, *, verbosity=1):
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("createcachetable", verbosity=verbosity)
    call_command("collectstatic", interactive=False, verbosity=0)
    return 0


def run_serve(args):
    return gunicorn(args.bind, args.workers)


def run_worker(args):
    from django.conf import settings
    from django.core.management import call_command

    if settings.TASK_BACKEND != "database":
        print("Tasks run immediately in the web processes (TASK_BACKEND=immediate); set TASK_BACKEND=database "
              "to queue them for this worker.")
        return 2
    options = {"batch": args.batch}
    if args.queues:
        options["queue_name"] = ",".join(args.queues)
    call_command("db_worker", **options)
    return 0


def gunicorn(bind, workers):
    """Serve the app with gunicorn on ``bind`` with ``workers`` processes; return when it stops."""
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
