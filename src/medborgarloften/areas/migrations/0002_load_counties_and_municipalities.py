"""Load Sweden's 21 counties and 290 municipalities (SCB codes) from areas/data/."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load(apps, schema_editor):
    County = apps.get_model("areas", "County")
    Municipality = apps.get_model("areas", "Municipality")
    counties = {row["code"]: County.objects.update_or_create(code=row["code"], defaults={"name": row["name"]})[0] for row in _rows("counties.csv")}
    for row in _rows("municipalities.csv"):
        Municipality.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "county": counties[row["county_code"]]}
        )


class Migration(migrations.Migration):
    dependencies = [("areas", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
