"""Benchmark: public pages at national scale (290 municipalities, ten years of promises).

Run:  python benchmarks/public_pages.py [--years 10] [--repeat 20]

It builds a throw-away SQLite database in a temporary data folder (or uses
DATABASE_URL if set — point it at an empty database), fills it with one
published promise per municipality and year (3 commitments × 4 activities,
signed by both parties), then times each public page through Django's test
client and prints median milliseconds, queries per page, and the ratio against
a baseline measured in the same run: the static "about" page, which renders the
same base layout with no database reads.
"""

import argparse
import datetime
import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def setup_django():
    os.environ.setdefault("MEDBORGARLOFTEN_DATA_DIR", tempfile.mkdtemp(prefix="ml-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medborgarloften.settings")
    os.environ["MEDBORGARLOFTEN_PLAIN_STATIC"] = "1"
    os.environ["RATELIMIT_ENABLE"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def build(years):
    from django.db import transaction
    from django.utils import timezone

    from medborgarloften.accounts.models import Person
    from medborgarloften.areas.models import (
        County, LocalPoliceArea, LocalPoliceAreaCoverage, Municipality, Organisation, PoliceArea, PoliceRegion,
    )
    from medborgarloften.promises.models import Activity, Commitment, Promise, PromiseParty, PromiseVersion, Signature

    with transaction.atomic():
        region = PoliceRegion.objects.create(name="Bench region")
        signer = Person.objects.create(username="bench", first_name="Bench", last_name="Signer")
        police = {}
        for county in County.objects.all():
            area = PoliceArea.objects.create(name=f"PO {county.name}", region=region)
            lpo = LocalPoliceArea.objects.create(name=f"LPO {county.name}", police_area=area)
            police[county.pk] = Organisation.objects.create(name=lpo.name, kind="police", local_police_area=lpo)
            LocalPoliceAreaCoverage.objects.bulk_create(
                LocalPoliceAreaCoverage(local_police_area=lpo, municipality=m) for m in county.municipalities.all()
            )
        municipalities = list(Municipality.objects.all())
        orgs = {m.pk: Organisation.objects.create(name=f"{m.name} kommun ({m.code})", kind="municipality", municipality=m)
                for m in municipalities}
        now = timezone.now()
        for year in range(2026 - years + 1, 2027):
            promises = Promise.objects.bulk_create(
                Promise(title=f"Medborgarlöften i {m.name} {year}", valid_from=datetime.date(year, 1, 1),
                        valid_to=datetime.date(year, 12, 31), state="published", published_at=now,
                        situation="Situationen i dag. " * 20)
                for m in municipalities
            )
            Through = Promise.municipalities.through
            Through.objects.bulk_create(Through(promise=p, municipality=m) for p, m in zip(promises, municipalities))
            parties = PromiseParty.objects.bulk_create(
                party for p, m in zip(promises, municipalities)
                for party in (PromiseParty(promise=p, organisation=orgs[m.pk], order=0),
                              PromiseParty(promise=p, organisation=police[m.county_id], order=1))
            )
            commitments = Commitment.objects.bulk_create(
                Commitment(promise=p, order=i, focus_area=f"Fokusområde {i}", pledge="Polisen och kommunen lovar att …")
                for p in promises for i in range(3)
            )
            Activity.objects.bulk_create(
                Activity(commitment=c, order=j, description=f"Aktivitet {j}", target_quantity=10, unit="kontroller")
                for c in commitments for j in range(4)
            )
            content_hash = hashlib.sha256(b"bench").hexdigest()
            versions = PromiseVersion.objects.bulk_create(
                PromiseVersion(promise=p, number=1, content={}, content_hash=content_hash) for p in promises
            )
            Signature.objects.bulk_create(
                Signature(version=v, party=party, person=signer, name="Bench Signer", title="Titel",
                          organisation_name=party.organisation.name, signed_at=now, content_hash=content_hash)
                for v, pair in zip(versions, zip(parties[0::2], parties[1::2])) for party in pair
            )
    return Promise.objects.count(), Activity.objects.count()


def measure(client, url, repeat):
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # An execute wrapper survives the reconnects between requests (SQLite runs with CONN_MAX_AGE=0).
    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    setup_django()
    from django.test import Client
    from django.test.utils import override_settings

    from medborgarloften.areas.models import County, Municipality
    from medborgarloften.promises.models import Promise

    start = time.perf_counter()
    promises, activities = build(args.years)
    print(f"data: {promises} published promises, {activities} activities ({time.perf_counter() - start:.1f} s to build)")

    biggest = County.objects.get(code="14")  # Västra Götaland, 49 municipalities
    municipality = Municipality.objects.get(code="1480")  # Göteborg
    promise = Promise.objects.filter(municipalities=municipality).order_by("-valid_from").first()
    pages = [
        ("baseline: about page", "/vad-ar-medborgarloften/"),
        ("home (21 counties)", "/"),
        ("county, 49 municipalities", biggest.get_absolute_url()),
        ("county, earlier year", biggest.get_absolute_url() + "?ar=2018"),
        ("municipality, 10 promises", municipality.get_absolute_url()),
        ("promise page", promise.get_absolute_url()),
    ]
    client = Client()
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        results = [(label, *measure(client, url, args.repeat)) for label, url in pages]
    base = results[0][1]
    print(f"{'page':<30} {'median ms':>10} {'× baseline':>11} {'queries':>8}")
    for label, ms, queries in results:
        print(f"{label:<30} {ms:>10.2f} {ms / base:>11.2f} {queries:>8}")


if __name__ == "__main__":
    main()
