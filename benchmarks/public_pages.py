"""Benchmark: public pages at national scale (290 municipalities, ten years of promises with follow-up).

Run:  python benchmarks/public_pages.py [--years 10] [--repeat 20]

It builds a throw-away SQLite database in a temporary data folder (or uses
DATABASE_URL if set — point it at an empty database), fills it with one
published promise per municipality and year (3 commitments × 4 activities,
signed by both parties, each followed up in 4 published reports with an entry
per activity, and an indicator with five yearly values per commitment), then
times each public page through Django's test client (the public page cache
switched off, so the figures are what rendering costs) and prints median and
95th-percentile milliseconds, queries per page, and the ratio against a baseline measured in
the same run: the static "about" page, which renders the same base layout with
no database reads.
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
    # What rendering costs: the public page cache (measured by public_load.py) would answer from memory.
    os.environ["PUBLIC_PAGE_CACHE"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def build(years):
    from django.db import transaction
    from django.utils import timezone

    from decimal import Decimal

    from medborgarloften.accounts.models import Person
    from medborgarloften.areas.models import LocalPoliceAreaCoverage, Municipality, Organisation
    from medborgarloften.followup.models import ActivityReport, Indicator, IndicatorValue, ProgressReport
    from medborgarloften.promises.models import Activity, Commitment, Promise, PromiseParty, PromiseVersion, Signature

    with transaction.atomic():
        signer = Person.objects.create(username="bench", first_name="Bench", last_name="Signer")
        # The police organisation and every municipality's organisation come from the migrations.
        police = {c.municipality_id: c.local_police_area.organisation
                  for c in LocalPoliceAreaCoverage.objects.select_related("local_police_area__organisation").order_by("pk")}
        municipalities = list(Municipality.objects.all())
        orgs = {o.municipality_id: o for o in Organisation.objects.filter(kind="municipality")}
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
                              PromiseParty(promise=p, organisation=police[m.pk], order=1))
            )
            commitments = Commitment.objects.bulk_create(
                Commitment(promise=p, order=i, focus_area=f"Fokusområde {i}", pledge="Polisen och kommunen lovar att …")
                for p in promises for i in range(3)
            )
            activities = Activity.objects.bulk_create(
                Activity(commitment=c, order=j, description=f"Aktivitet {j}", target_quantity=10, unit="kontroller")
                for c in commitments for j in range(4)
            )
            reports = ProgressReport.objects.bulk_create(
                ProgressReport(promise=p, period_start=datetime.date(year, 3 * q + 1, 1),
                               period_end=datetime.date(year, 3 * q + 3, 28), label=f"Kvartal {q + 1} {year}",
                               is_final=q == 3, summary="Sammanfattning." if q == 3 else "", state="published",
                               published_at=now)
                for p in promises for q in range(4)
            )
            reports_of = {}
            for report in reports:
                reports_of.setdefault(report.promise_id, []).append(report)
            commitment_promise = {c.pk: c.promise_id for c in commitments}
            municipality_of = {p.pk: m for p, m in zip(promises, municipalities)}
            ActivityReport.objects.bulk_create(
                ActivityReport(report=report, activity=a, actual_quantity=3, status="done" if report.is_final else "ongoing",
                               organisation=orgs[municipality_of[commitment_promise[a.commitment_id]].pk])
                for a in activities for report in reports_of[commitment_promise[a.commitment_id]]
            )
            indicators = Indicator.objects.bulk_create(
                Indicator(commitment=c, name="Anmälda brott per 100 000 invånare", better="lower", source="statistics",
                          baseline_year=year - 4, baseline_value=Decimal("400"), target_value=Decimal("350"))
                for c in commitments
            )
            IndicatorValue.objects.bulk_create(
                IndicatorValue(indicator=i, year=year - 4 + k, value=Decimal(400 - 10 * k)) for i in indicators for k in range(5)
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
    return Promise.objects.count(), Activity.objects.count(), ProgressReport.objects.count(), ActivityReport.objects.count()


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
    return statistics.median(times), statistics.quantiles(times, n=20)[-1], len(queries)


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
    promises, activities, reports, entries = build(args.years)
    print(f"data: {promises} published promises, {activities} activities, {reports} progress reports with "
          f"{entries} activity entries ({time.perf_counter() - start:.1f} s to build)")

    biggest = County.objects.get(code="14")  # Västra Götaland, 49 municipalities
    municipality = Municipality.objects.get(code="1480")  # Göteborg
    promise = Promise.objects.filter(municipalities=municipality).order_by("-valid_from").first()
    pages = [
        ("baseline: about page", "/vad-ar-medborgarloften/"),
        ("home (21 counties)", "/"),
        ("county, 49 municipalities", biggest.get_absolute_url()),
        ("county, earlier year", biggest.get_absolute_url() + "?ar=2018"),
        ("municipality, 10 promises", municipality.get_absolute_url()),
        ("promise page with follow-up", promise.get_absolute_url()),
        ("municipality follow-up, a year", f"/kommun/{municipality.code}-{municipality.slug}/uppfoljning/2025/"),
        ("county follow-up, 49 promises", f"/lan/{biggest.code}-{biggest.slug}/uppfoljning/2025/"),
    ]
    client = Client()
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        results = [(label, *measure(client, url, args.repeat)) for label, url in pages]
        # The workspace list of the police editor whose local police area covers the most municipalities.
        staff = Client()
        editor, count = police_editor()
        staff.force_login(editor)
        results.append((f"workspace list, {count} promises", *measure(staff, "/arbetsyta/medborgarlofte/", args.repeat)))
    base = results[0][1]
    print(f"{'page':<30} {'median ms':>10} {'p95 ms':>8} {'× baseline':>11} {'queries':>8}")
    for label, ms, p95, queries in results:
        print(f"{label:<30} {ms:>10.2f} {p95:>8.2f} {ms / base:>11.2f} {queries:>8}")


def police_editor():
    """An editor of the local police area that is a party to the most promises, and how many that is."""
    from django.db.models import Count

    from medborgarloften.accounts.models import Membership, Person
    from medborgarloften.areas.models import Organisation

    organisation = (Organisation.objects.filter(kind="police").annotate(n=Count("promise_parties"))
                    .order_by("-n").first())
    person = Person.objects.create(username="bench.police", first_name="Polis", last_name="Redaktör")
    Membership.objects.create(person=person, organisation=organisation, role="editor", title="Kommunpolis",
                              valid_from=datetime.date(2020, 1, 1))
    return person, organisation.n


if __name__ == "__main__":
    main()
