"""Seed the police-style level scales with placeholder thresholds (not the police's: those are not public)."""

from django.db import migrations

SOURCES = (
    "Placeholder thresholds proposed in the project's research notes (FÖRSLAG, inte polisens). "
    "Public descriptions of the police's problemindex: ESC 2025 conference abstract 'Academic research, police "
    "operations in collaboration with municipalities, and surveys as tools – 25 years of experience' (levels 0–6 "
    "from the share of respondents, level 2 the normal value for Sweden, since 2022 level widths from Clopper–Pearson "
    "interval widths at about 360 answers); Polisen, 'Resultat trygghetsmätning 2019: Lokalpolisområde Trelleborg' "
    "and '… 2018 – lokalpolisområde Trelleborg' (0 närmast obefintligt, 6 alarmerande påtagligt problem); Manne "
    "Gerell, 'Dikt och verklighet?', 2014. The exact thresholds are not published."
)

SCALES = (
    ("disorder", "Skala A (platshållare): problem i området, oro och otrygghet", [2, 5, 15, 25, 35, 50]),
    ("victimisation", "Skala B (platshållare): utsatthet för brott", [0.5, 1.5, 4, 6, 9, 13]),
)


def seed(apps, schema_editor):
    Scale = apps.get_model("surveys", "ProblemLevelScale")
    for family, name, cutpoints in SCALES:
        Scale.objects.get_or_create(family=family, defaults={
            "name": name, "origin": "placeholder", "cutpoints": cutpoints, "source_note": SOURCES})


def unseed(apps, schema_editor):
    apps.get_model("surveys", "ProblemLevelScale").objects.filter(origin="placeholder").delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
