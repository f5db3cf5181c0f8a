"""Load the police organisation (regions, police areas, local police areas and the municipalities each covers)
and an organisation for every municipality and local police area, from areas/data/ (sources in data/README.md).

So that anyone can start working in any municipality without the Django admin:
the parties of a promise (the municipality and its police) exist from the
first migrate. Existing rows (a database set up by hand before) are kept and
completed, never duplicated.
"""

import csv
import datetime
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
# The police reform that created today's structure.
REFORM = datetime.date(2015, 1, 1)
NATIONAL = "Medborgarlöften – nationell förvaltning"


def _rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load(apps, schema_editor):
    County = apps.get_model("areas", "County")
    Municipality = apps.get_model("areas", "Municipality")
    PoliceRegion = apps.get_model("areas", "PoliceRegion")
    PoliceArea = apps.get_model("areas", "PoliceArea")
    LocalPoliceArea = apps.get_model("areas", "LocalPoliceArea")
    Coverage = apps.get_model("areas", "LocalPoliceAreaCoverage")
    Organisation = apps.get_model("areas", "Organisation")

    counties = {c.code: c for c in County.objects.all()}
    municipalities = {m.code: m for m in Municipality.objects.all()}
    regions = {}
    for row in _rows("police_regions.csv"):
        region, _ = PoliceRegion.objects.get_or_create(name=row["name"])
        region.counties.set(counties[code] for code in row["county_codes"].split())
        regions[row["name"]] = region
    areas = {}
    for row in _rows("police_areas.csv"):
        areas[row["name"]], _ = PoliceArea.objects.get_or_create(name=row["name"], defaults={"region": regions[row["region"]]})
    for row in _rows("local_police_areas.csv"):
        lpo, _ = LocalPoliceArea.objects.get_or_create(name=row["name"], defaults={"police_area": areas[row["police_area"]]})
        partial = set(row["partial_municipality_codes"].split())
        for code in row["municipality_codes"].split():
            if not Coverage.objects.filter(local_police_area=lpo, municipality=municipalities[code]).exists():
                Coverage.objects.create(local_police_area=lpo, municipality=municipalities[code],
                                        valid_from=REFORM, partial=code in partial)
        if not Organisation.objects.filter(local_police_area=lpo).exists() and not Organisation.objects.filter(name=lpo.name).exists():
            Organisation.objects.create(name=lpo.name, kind="police", local_police_area=lpo)
    for row in _rows("municipal_organisations.csv"):
        municipality = municipalities[row["code"]]
        if not Organisation.objects.filter(municipality=municipality).exists() and not Organisation.objects.filter(name=row["name"]).exists():
            Organisation.objects.create(name=row["name"], kind="municipality", municipality=municipality)
    if not Organisation.objects.filter(kind="national").exists():
        Organisation.objects.create(name=NATIONAL, kind="national")


class Migration(migrations.Migration):
    dependencies = [("areas", "0004_police_region_counties_partial_coverage")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
