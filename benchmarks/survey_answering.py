"""Benchmark of answering a survey under load (a script, not a test).

Starts the real server — ``medborgarloften demo`` on a fresh temporary data
folder (SQLite), or with ``--database-url`` ``setup`` + ``load-demo`` +
``serve`` on an empty PostgreSQL database — adds one-use codes to the demo's
survey in the field, then, with 64 concurrent clients (a thread pool with
http.client, so nothing beyond the standard library is needed), measures in
the same run:

* the trivial page (``/vad-ar-medborgarloften/``, no database writes): requests per second;
* answer submissions: first every client fills in questionnaires with its
  codes page by page (untimed; the answers wait in the draft kept against the
  code), then all send them, 64 at a time: submissions per second (each stores
  a response, uses up its code and deletes its draft) and their latency;

and prints the ratio (target ≥ 0.3), then checks that every submission the
server accepted (a redirect to the thank-you page) is stored: the number of
responses must grow by exactly that many.

    .venv/bin/python benchmarks/survey_answering.py [--clients 64] [--questionnaires 256] [--seconds 10]
    .venv/bin/python benchmarks/survey_answering.py --database-url postgres://postgres@127.0.0.1:5432/wt_surveys --reset
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIELD_SURVEY = "Trygghetsundersökning Östersund 2017"
TRIVIAL = "/vad-ar-medborgarloften/"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port, process, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


class Client:
    """A browser without JavaScript: cookies, the CSRF token, redirects not followed."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, fields=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if cookie_value in ('""', "") or "expires=Thu, 01 Jan 1970" in value:
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = cookie_value
        connection.close()
        return response.status, response.getheader("Location") or "", text


PAGE_ANSWERS = {
    "trygg_kvall": "ganska_trygg", "oro_overfall": "nej_aldrig", "undviker": "nej", "klotter": "3",
    "nedskrapning": "2", "utsatt_vald": "nej", "polisen_bryr_sig": "stammer_ganska_bra", "alder": "35-44", "kon": "kvinna",
}


def fill_in(port, code):
    """Enter ``code`` and answer every page (saved against the code as the resident goes); return the client or None."""
    client = Client(port)
    client.request("GET", "/enkat/")
    status, location, _ = client.request("POST", "/enkat/", {"code": code})
    if status != 302:
        return None
    page = 1
    while True:
        path = f"/enkat/svara/{page}/"
        status, _, html = client.request("GET", path)
        names = set(re.findall(r'name="([a-z_]+)"', html)) - {"csrfmiddlewaretoken", "language", "next"}
        fields = {name: value for name, value in PAGE_ANSWERS.items() if name in names}
        fields["nasta"] = "1"
        status, location, _ = client.request("POST", path, fields)
        if status != 302:
            return None
        if location.endswith("/skicka/"):
            return client
        page += 1


def submit(port, client, latencies, lock):
    """Send the filled-in questionnaire; return True when the server accepted it (redirect to the thank-you page)."""
    started = time.perf_counter()
    status, location, _ = client.request("POST", "/enkat/svara/skicka/", {})
    with lock:
        latencies.append(time.perf_counter() - started)
    return status == 302 and location.endswith("/enkat/tack/")


def trivial_rate(port, clients, seconds):
    stop = time.monotonic() + seconds
    count = [0]
    lock = threading.Lock()

    def loop():
        client = Client(port)
        done = 0
        while time.monotonic() < stop:
            status, _, _ = client.request("GET", TRIVIAL)
            assert status == 200, status
            done += 1
        with lock:
            count[0] += done

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(loop) for _ in range(clients)]:
            future.result()
    return count[0] / (time.perf_counter() - started)


def django_shell(env, code):
    """Run ``code`` in a Django process with the server's settings; return its standard output."""
    return subprocess.run([sys.executable, "-c", "import django, os; django.setup()\n" + code], env=env, check=True,
                          capture_output=True, text=True).stdout


MAKE_CODES = """
from medborgarloften.accounts.models import Person
from medborgarloften.surveys import services
from medborgarloften.surveys.models import Invitation, Response, Survey
survey = Survey.objects.get(title={title!r})
coordinator = Person.objects.get(username="samordnare.ostersund")
before = set(Invitation.objects.filter(survey=survey).values_list("code", flat=True))
services.create_invitations(survey, by=coordinator, municipality=survey.municipalities.get(), count={count})
print(Response.objects.filter(survey=survey).count())
for code in Invitation.objects.filter(survey=survey).exclude(code__in=before).values_list("code", flat=True):
    print(code)
"""
COUNT = """
from medborgarloften.surveys.models import Response, Survey
print(Response.objects.filter(survey=Survey.objects.get(title={title!r})).count())
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--questionnaires", type=int, default=256)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of the trivial-page run")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database-url", help="PostgreSQL (an empty database, or use --reset)")
    parser.add_argument("--reset", action="store_true", help="drop every table of --database-url first")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="medborgarloften-bench-"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG")}
    env.update({"MEDBORGARLOFTEN_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "medborgarloften.settings",
                # One address sends every request here: lift the per-address limits for the run.
                "SURVEY_CODE_RATE": "1000000/m", "SURVEY_OPEN_RATE": "1000000/h", "LOG_LEVEL": "WARNING",
                "PYTHONPATH": str(REPO / "src")})
    command = [sys.executable, "-m", "medborgarloften.cli"]
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
        if args.reset:
            django_shell(env, "from django.db import connection\nc = connection.cursor()\n"
                              "c.execute('DROP SCHEMA public CASCADE'); c.execute('CREATE SCHEMA public')")
        subprocess.run(command + ["setup"], env=env, check=True, capture_output=True, cwd=data_dir)
        subprocess.run(command + ["load-demo", "--force"], env=env, check=True, capture_output=True, cwd=data_dir)
        server_command = command + ["serve", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)]
        database = "PostgreSQL"
    else:
        server_command = command + ["demo", "--port", str(port), "--workers", str(args.workers)]
        database = "SQLite"
    log = open(data_dir / "server.log", "wb")
    server = subprocess.Popen(server_command, env=env, cwd=data_dir, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(port, server)
        lines = django_shell(env, MAKE_CODES.format(title=FIELD_SURVEY, count=args.questionnaires)).split()
        before, codes = int(lines[0]), lines[1:]
        print(f"{database}, gunicorn with {args.workers} workers, {args.clients} concurrent clients, "
              f"{len(codes)} questionnaires")
        trivial_rate(port, args.clients, 2)  # warm up
        trivial = trivial_rate(port, args.clients, args.seconds)

        # Untimed: every resident fills in the questionnaire page by page (the answers wait against the code).
        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            clients = [c for c in pool.map(lambda code: fill_in(port, code), codes) if c is not None]
        filling = time.perf_counter() - started
        page_posts = len(clients) * 9
        # Timed: the submissions, 64 at a time.
        latencies, lock = [], threading.Lock()
        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            accepted = sum(pool.map(lambda client: submit(port, client, latencies, lock), clients))
        elapsed = time.perf_counter() - started
        # The machine may be shared: measure the baseline again right after and use the mean.
        trivial_after = trivial_rate(port, args.clients, args.seconds)
        print(f"trivial page before / after: {trivial:.1f} / {trivial_after:.1f} requests/s")
        trivial = (trivial + trivial_after) / 2
        after = int(django_shell(env, COUNT.format(title=FIELD_SURVEY)).strip())
        submissions = len(latencies) / elapsed
        latencies.sort()
        print(f"trivial page (mean):   {trivial:8.1f} requests/s")
        print(f"answer submissions:    {submissions:8.1f} submissions/s (median {1000 * latencies[len(latencies) // 2]:.0f} ms, "
              f"95th percentile {1000 * latencies[int(0.95 * (len(latencies) - 1))]:.0f} ms with {args.clients} at once)")
        print(f"ratio submissions / trivial page: {submissions / trivial:.2f}   (target ≥ 0.3)")
        print(f"(filling in, untimed in the ratio: {len(clients)} questionnaires, about {page_posts} requests "
              f"of pages, in {filling:.1f} s: {len(clients) / filling:.1f} whole questionnaires/s)")
        print(f"accepted {accepted} of {len(codes)}; responses stored {after - before}: "
              + ("every accepted answer is present" if after - before == accepted else "MISMATCH"))
        if after - before != accepted or accepted != len(codes):
            raise SystemExit(1)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
