"""Benchmark: municipality statistics pages at national scale (290 municipalities × 10 years × 30 categories).

Run:  .venv/bin/python benchmarks/statistics_pages.py [--requests 300]

It builds a throw-away SQLite database (or uses DATABASE_URL: point it at an
empty database) with Brå-like yearly figures for every municipality, 30
categories and 10 years (87 000 rows), twelve months of the total, SCB
population by single year of age and sex (590 000 rows), the county and
Sweden sums kept by the importer, and 100 police events per municipality.
Then it requests the public statistics page of random municipalities (with
a random category in detail) through Django's test client and prints the
median and 95th percentile in the benchmark's own timing, the queries per
page (which must be the same for every municipality) and the ratio against
a baseline measured in the same run: the static "about" page.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

YEARS = range(2015, 2025)
CATEGORIES = 30


def setup_django():
    os.environ.setdefault("MEDBORGARLOFTEN_DATA_DIR", tempfile.mkdtemp(prefix="ml-bench-stat-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medborgarloften.settings")
    os.environ["MEDBORGARLOFTEN_PLAIN_STATIC"] = "1"
    os.environ["RATELIMIT_ENABLE"] = "0"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def build(rng):
    from django.db import transaction
    from django.utils import timezone

    from medborgarloften.areas.models import Municipality
    from medborgarloften.statistics.importing import refresh_population_totals, refresh_region_totals
    from medborgarloften.statistics.models import Category, Event, Observation, Population, Source

    municipalities = list(Municipality.objects.select_related("county"))
    with transaction.atomic():
        categories = Category.objects.bulk_create([
            Category(source=Source.BRA, name=f"Brottstyp {i:02d}", slug=f"brottstyp-{i:02d}", position=i * 10)
            for i in range(CATEGORIES)])
        observations = []
        for m in municipalities:
            for i, category in enumerate(categories):
                base = rng.randint(5, 5000) // (i + 1)
                for year in YEARS:
                    observations.append(Observation(region_code=m.code, category=category, year=year,
                                                    count=max(0, int(base * rng.uniform(0.8, 1.2))),
                                                    preliminary=year == YEARS[-1]))
            for month in range(1, 13):
                observations.append(Observation(region_code=m.code, category=categories[0], year=YEARS[-1], month=month,
                                                count=rng.randint(10, 500)))
        Observation.objects.bulk_create(observations, batch_size=5000)
        cells = []
        for m in municipalities:
            size = rng.randint(2_500, 900_000)
            for year in YEARS:
                for age in range(101):
                    for sex in (1, 2):
                        cells.append(Population(region_code=m.code, year=year, age=age, sex=sex,
                                                count=max(0, int(size / 202 * rng.uniform(0.5, 1.5)))))
        Population.objects.bulk_create(cells, batch_size=5000)
        refresh_population_totals(set(YEARS))
        refresh_region_totals({c.pk for c in categories}, set(YEARS))
        now = timezone.now()
        Event.objects.bulk_create([
            Event(id=n * 1000 + k, published_at=now - datetime.timedelta(hours=k * 7), name=f"Händelse {k}",
                  type=f"Typ {k % 12}", location_name=m.name, municipality=m, county=m.county, match="municipality")
            for n, m in enumerate(municipalities) for k in range(100)
        ], batch_size=5000)
    return municipalities, categories


CPU = []


def time_get(client, url):
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    CPU.append((time.process_time() - cpu) * 1000)
    assert response.status_code == 200, (url, response.status_code)
    return elapsed * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    rng = random.Random(290)
    print("building 290 municipalities × 10 years × 30 categories …", flush=True)
    municipalities, categories = build(rng)
    client = Client()
    urls = []
    for _ in range(args.requests):
        m = rng.choice(municipalities)
        url = reverse("statistics:municipality", kwargs={"code": m.code, "slug": m.slug})
        urls.append(f"{url}?kategori={rng.choice(categories).slug}")
    for url in urls[:10]:  # warm up
        client.get(url)
    queries = set()
    for url in urls[:30]:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries.add(len(captured.captured_queries))
    about = [time_get(client, reverse("site:about")) for _ in range(args.requests)]
    CPU.clear()
    page = [time_get(client, url) for url in urls]
    page_cpu = list(CPU)

    def p95(values):
        return statistics.quantiles(values, n=20)[-1]

    print(f"database: {connection.vendor}; {args.requests} requests each")
    print(f"about page (baseline)      median {statistics.median(about):6.1f} ms  p95 {p95(about):6.1f} ms")
    print(f"municipality statistics    median {statistics.median(page):6.1f} ms  p95 {p95(page):6.1f} ms  "
          f"(target p95 <= 50 ms)")
    print(f"  (CPU time of this process: median {statistics.median(page_cpu):6.1f} ms  p95 {p95(page_cpu):6.1f} ms; "
          f"wall time above {statistics.median(page) / statistics.median(page_cpu):.1f}x it on a busy machine)")
    print(f"queries per statistics page: {sorted(queries)} (must be one number)")
    print(f"ratio statistics page / about page (median): {statistics.median(page) / statistics.median(about):.1f}")


if __name__ == "__main__":
    main()
