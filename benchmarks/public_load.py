"""Benchmark: public pages under load on the real server, against a Django hello world on the same server.

Run:  python benchmarks/public_load.py [--data demo|national] [--seconds 10] [--connections 64] [--workers 2]

Needs wrk (Debian: apt-get install wrk). It prepares a throw-away database
(SQLite in a temporary data folder; PostgreSQL + Redis when DATABASE_URL and
REDIS_URL are set — point DATABASE_URL at an empty database), loads the
Jämtland demo or national-scale data (290 municipalities × 10 years with
follow-up reports, as benchmarks/public_pages.py builds it), starts
``medborgarloften serve`` (gunicorn) and, beside it, the same settings with a
one-view URLconf answering "Hello, world", runs wrk against each and prints
requests per second as a ratio to the hello world and the 99th-percentile
latency, for first visits and for conditional GETs (If-None-Match → 304).
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(port, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answers on port {port}")


def prepare(env, data):
    subprocess.run([PYTHON, "-m", "medborgarloften.cli", "setup"], env=env, check=True, stdout=subprocess.DEVNULL)
    if data == "demo":
        subprocess.run([PYTHON, "-m", "medborgarloften.cli", "load-demo", "--force"], env=env, check=True, stdout=subprocess.DEVNULL)
    else:
        code = ("import sys; sys.path.insert(0, %r); import public_pages as p; p.setup_django(); p.build(10)" % str(HERE))
        subprocess.run([PYTHON, "-c", code], env=env, check=True)


def start(env, port, workers, wsgi="medborgarloften.wsgi:application"):
    return subprocess.Popen(
        [PYTHON, "-m", "gunicorn", wsgi, "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--access-logfile", "/dev/null", "--error-logfile", "-", "--log-level", "warning"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )


def wrk(url, seconds, connections, header=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if header:
        command[1:1] = ["-H", header]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p99_ms, int(non2xx.group(1)) if non2xx else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", choices=("demo", "national"), default="demo")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="ml-load-")
    env = {**os.environ, "MEDBORGARLOFTEN_DATA_DIR": data_dir, "DJANGO_SETTINGS_MODULE": "medborgarloften.settings",
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "RATELIMIT_ENABLE": "0", "PYTHONPATH": str(ROOT / "src")}
    prepare(env, args.data)
    app_port, hello_port = free_port(), free_port()
    hello_env = {**env, "DJANGO_SETTINGS_MODULE": "hello_settings", "PYTHONPATH": f"{HERE / 'load'}:{ROOT / 'src'}"}
    servers = [start(env, app_port, args.workers), start(hello_env, hello_port, args.workers)]
    try:
        wait(app_port)
        wait(hello_port)
        import urllib.request

        def fetch(path):
            with urllib.request.urlopen(f"http://127.0.0.1:{app_port}{path}") as response:
                return response.read().decode(), response.headers

        county = "/lan/23-jamtlands-lan/" if args.data == "demo" else "/lan/14-vastra-gotalands-lan/"
        municipality = "/kommun/2380-ostersund/" if args.data == "demo" else "/kommun/1480-goteborg/"
        page, _headers = fetch(municipality)
        promise = re.search(r'href="(/medborgarlofte/\d+/)"', page).group(1)
        pages = [("home", "/"), ("county", county), ("municipality", municipality), ("promise", promise)]
        for _label, path in pages:  # warm every worker's store
            for _ in range(args.workers * 4):
                fetch(path)
        hello_rps, hello_p99, _ = wrk(f"http://127.0.0.1:{hello_port}/", args.seconds, args.connections)
        print(f"data: {args.data}; database: {'PostgreSQL' if os.environ.get('DATABASE_URL') else 'SQLite'}"
              f"{' + Redis' if os.environ.get('REDIS_URL') else ''}; {args.connections} connections, {args.workers} workers")
        print(f"{'page':<28} {'req/s':>9} {'× hello':>8} {'p99 ms':>8} {'errors':>7}")
        print(f"{'hello world (baseline)':<28} {hello_rps:>9.0f} {1:>8.2f} {hello_p99:>8.1f} {0:>7}")
        for label, path in pages:
            rps, p99, errors = wrk(f"http://127.0.0.1:{app_port}{path}", args.seconds, args.connections)
            print(f"{label:<28} {rps:>9.0f} {rps / hello_rps:>8.2f} {p99:>8.1f} {errors:>7}")
            etag = fetch(path)[1]["ETag"]
            rps, p99, errors = wrk(f"http://127.0.0.1:{app_port}{path}", args.seconds, args.connections,
                                   header=f"If-None-Match: {etag}")
            print(f"{label + ' (304)':<28} {rps:>9.0f} {rps / hello_rps:>8.2f} {p99:>8.1f} {errors:>7}")
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
