"""Benchmark: importing 1 000 000 police events, against a bare ``json.load`` plus ``bulk_create`` of the same rows.

Run:  .venv/bin/python benchmarks/statistics_import.py [--events 1000000]

It writes a feed-shaped JSON array (one event per line, as polisen.se's
layout: unpadded hours, county locations with the municipality in the title
since 2026, a few unmatched names) to a temporary folder, migrates a
throw-away SQLite database (or uses DATABASE_URL: point it at an empty
database), and then runs, each in a fresh process so that peak memory is its own:

* **baseline** — ``json.load`` of the whole file, one ``Event`` per element
  with the fields copied as they are, ``bulk_create`` in one transaction;
* **import** — ``medborgarloften import police-events``'s service: the
  streaming reader, field checks, duplicate ids, place matching, the
  comparison with stored rows, ``bulk_create``, all in one transaction;
* **import of a tenth of the file** — to show that the import's peak memory
  does not grow with the file.

It prints events per second for each, the import's throughput as a ratio of
the baseline's (target ≥ 0.5) and each process's peak resident memory.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
sys.path.insert(0, str(SRC))
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]
TYPES = ["Trafikolycka", "Sammanfattning natt", "Brand", "Rattfylleri", "Trafikkontroll", "Övrigt", "Misshandel",
         "Stöld", "Trafikolycka, vilt", "Inbrott", "Skadegörelse"]


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medborgarloften.settings")
    os.environ["MEDBORGARLOFTEN_PLAIN_STATIC"] = "1"
    import django

    django.setup()


def write_feed(path, count, seed=13):
    """Write ``count`` feed-shaped events to ``path``."""
    setup_django()
    from medborgarloften.areas.models import County, Municipality

    rng = random.Random(seed)
    municipalities = list(Municipality.objects.select_related("county").values_list("name", "county__name"))
    with open(path, "w", encoding="utf-8") as f:
        f.write("[\n")
        for i in range(count):
            name, county = rng.choice(municipalities)
            month, day, hour, minute = rng.randrange(12), rng.randrange(1, 29), rng.randrange(24), rng.randrange(60)
            kind = rng.choice(TYPES)
            location = county if rng.random() < 0.5 else name  # since 2026 mostly the county
            if rng.random() < 0.001:
                location = "Norge"
            event = {
                "id": 1_000_000 + i,
                "datetime": f"2025-{month + 1:02d}-{day:02d} {hour}:{minute:02d}:{rng.randrange(60):02d} +0{1 + (3 <= month < 10)}:00",
                "name": f"{day:02d} {MONTHS[month]} {hour:02d}.{minute:02d}, {kind}, {name}",
                "summary": "Polisen är på plats. " * rng.randrange(1, 4),
                "url": f"/aktuellt/handelser/2025/{MONTHS[month]}/{day}/{i}/",
                "type": kind,
                "location": {"name": location, "gps": f"{rng.uniform(55, 69):.6f},{rng.uniform(11, 24):.6f}"},
            }
            f.write(json.dumps(event, ensure_ascii=False, separators=(",", ":")))
            f.write(",\n" if i < count - 1 else "\n")
        f.write("]\n")
    del County


def phase_baseline(path):
    from django.db import transaction

    from medborgarloften.statistics.models import Event

    started = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        events = json.load(f)
    with transaction.atomic():
        Event.objects.bulk_create([
            Event(id=e["id"], published_at=e["datetime"], name=e["name"], summary=e["summary"], url=e["url"],
                  type=e["type"], location_name=e["location"]["name"], match="unmatched",
                  latitude=e["location"]["gps"].split(",")[0], longitude=e["location"]["gps"].split(",")[1])
            for e in events
        ], batch_size=2000)
    return len(events), time.perf_counter() - started


def phase_import(path):
    from medborgarloften.statistics import services

    started = time.perf_counter()
    run = services.import_from_path(path, source="police-events")
    elapsed = time.perf_counter() - started
    if run.error_count:
        raise SystemExit(f"import rejected: {run.errors[:3]}")
    return run.rows_new, elapsed


def child(args):
    setup_django()
    from medborgarloften.statistics.models import Event, ImportRun

    Event.objects.all().delete()
    ImportRun.objects.all().delete()
    rows, seconds = (phase_baseline if args.phase == "baseline" else phase_import)(args.file)
    assert Event.objects.count() == rows, (Event.objects.count(), rows)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_mb": peak_mb}))


def run_phase(phase, file, env):
    output = subprocess.run([sys.executable, __file__, "--phase", phase, "--file", str(file)], env=env,
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--phase", choices=["baseline", "import"])
    parser.add_argument("--file")
    args = parser.parse_args()
    if args.phase:
        return child(args)

    folder = Path(tempfile.mkdtemp(prefix="ml-bench-import-"))
    env = {**os.environ, "MEDBORGARLOFTEN_DATA_DIR": str(folder), "PYTHONPATH": str(SRC)}
    os.environ.update(env)
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    big, small = folder / "events.json", folder / "events-tenth.json"
    print(f"writing {args.events:,} events …", flush=True)
    write_feed(big, args.events)
    write_feed(small, args.events // 10)
    connection.close()
    print(f"file: {big.stat().st_size / 1e6:.0f} MB; database: {connection.vendor}", flush=True)

    baseline = run_phase("baseline", big, env)
    ours = run_phase("import", big, env)
    tenth = run_phase("import", small, env)
    rate_base = baseline["rows"] / baseline["seconds"]
    rate_ours = ours["rows"] / ours["seconds"]
    print(f"baseline  json.load + bulk_create : {baseline['rows']:>9,} events {baseline['seconds']:7.1f} s "
          f"{rate_base:>9,.0f} events/s  peak {baseline['peak_mb']:6.0f} MB")
    print(f"import    streaming, checked      : {ours['rows']:>9,} events {ours['seconds']:7.1f} s "
          f"{rate_ours:>9,.0f} events/s  peak {ours['peak_mb']:6.0f} MB")
    print(f"import    a tenth of the file     : {tenth['rows']:>9,} events {tenth['seconds']:7.1f} s "
          f"{tenth['rows'] / tenth['seconds']:>9,.0f} events/s  peak {tenth['peak_mb']:6.0f} MB")
    print(f"ratio import/baseline (events per second): {rate_ours / rate_base:.2f}  (target >= 0.5)")
    print(f"peak memory, import of the whole file vs a tenth: {ours['peak_mb'] / tenth['peak_mb']:.2f}x "
          f"(baseline: {baseline['peak_mb'] / ours['peak_mb']:.1f}x the import's)")


if __name__ == "__main__":
    main()
