"""Generated Jämtland statistics for the demo: SCB population, Brå series 2012–2017, own counts, police events.

Every figure is invented (seeded, so the demo is the same every time) but
plausible: Jämtland's municipalities at about their real size, crime rates
near Brå's national level, a ski resort (Åre) with more reported crime per
resident than the rest. The figures are written as files in the sources' real
formats and imported through the import service, so the demo exercises the
same readers as a real import.
"""

import datetime
import json
import random
import tempfile
from pathlib import Path

from medborgarloften.accounts.models import Person
from medborgarloften.areas.models import Municipality
from medborgarloften.statistics import services

SEED = 2017
YEARS = range(2012, 2018)
# Residents at the end of 2012 and the yearly growth.
POPULATION_2012 = {
    "2380": (59_800, 0.008), "2309": (14_600, 0.006), "2313": (11_900, -0.008), "2321": (10_400, 0.012),
    "2361": (10_300, -0.004), "2326": (7_100, -0.003), "2305": (6_500, -0.006), "2303": (5_450, -0.005),
}
SWEDEN_2012 = (9_555_893, 0.011)
# Reported per 100 000 residents (roughly Sweden's level) and how much a municipality departs from it.
CATEGORIES = [
    ("Totalt antal brott", 0, 14_500),
    ("3-7 kap. Brott mot person", 1, 1_650),
    ("Misshandel inkl. grov (5, 6 §)", 2, 930),
    ("8 kap. Stöld, rån m.m.", 1, 5_400),
    ("Inbrottsstöld i bostad", 2, 230),
    ("12 kap. Skadegörelsebrott", 1, 1_900),
    ("Skadegörelse inkl. grov, åverkan (1-3 §)", 2, 1_400),
    ("Klotter", 3, 450),
    ("Brott mot narkotikastrafflagen", 1, 1_000),
    ("Rattfylleri inkl. grovt, enbart alkohol eller både alkohol och narkotika(4, 4 a §)", 2, 140),
]
LEVEL = {"2380": 0.78, "2309": 0.52, "2313": 0.55, "2321": 0.95, "2361": 0.6, "2326": 0.45, "2305": 0.48, "2303": 0.47}
NAMES = {"2380": "Östersund", "2309": "Krokom", "2313": "Strömsund", "2321": "Åre", "2361": "Härjedalen",
         "2326": "Berg", "2305": "Bräcke", "2303": "Ragunda"}
EVENT_TYPES = [("Trafikolycka", 20), ("Rattfylleri", 8), ("Misshandel", 8), ("Stöld", 8), ("Skadegörelse", 7),
               ("Brand", 6), ("Inbrott", 5), ("Trafikkontroll", 4), ("Narkotikabrott", 4), ("Ofredande/förargelse", 3),
               ("Trafikolycka, vilt", 6), ("Fjällräddning", 2), ("Övrigt", 5)]
MONTHS_SV = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
             "november", "december"]
GPS = {"2380": "63.176683,14.636068", "2309": "63.326744,14.455916", "2313": "63.853454,15.558462",
       "2321": "63.398522,13.081339", "2361": "62.041367,14.360283", "2326": "62.987425,14.468937",
       "2305": "62.749866,15.420208", "2303": "63.077937,16.380233"}


def _age_shares():
    """A plausible age profile 0–100 for a Norrland municipality (shares summing to 1)."""
    weights = []
    for age in range(101):
        w = 1.0 if age < 20 else 1.1 if age < 30 else 1.05 if age < 65 else max(0.02, 1.15 - (age - 65) * 0.035)
        weights.append(w)
    total = sum(weights)
    return [w / total for w in weights]


def _population(rng):
    """Return {(code, year): [(age, sex, count)]} and {(code, year): total}."""
    shares = _age_shares()
    cells, totals = {}, {}
    for code, (start, growth) in [*POPULATION_2012.items(), ("00", SWEDEN_2012)]:
        for i, year in enumerate(YEARS):
            total = round(start * (1 + growth) ** i * (1 + rng.uniform(-0.002, 0.002)))
            rows = []
            for age, share in enumerate(shares):
                for sex in (1, 2):
                    rows.append((age, sex, max(0, round(total * share / 2 * rng.uniform(0.9, 1.1)))))
            cells[(code, year)] = rows
            totals[(code, year)] = sum(r[2] for r in rows)
    return cells, totals


def _jsonstat(cells):
    regions = [*POPULATION_2012, "00"]
    ages = [str(a) if a < 100 else "100+" for a in range(101)]
    lookup = {(code, year, age, sex): count for (code, year), rows in cells.items() for age, sex, count in rows}
    values = [lookup[(code, year, age, sex)]
              for code in regions for age in range(101) for sex in (1, 2) for year in YEARS]
    labels = {**NAMES, "00": "Riket"}
    return {
        "version": "2.0", "class": "dataset", "label": "Folkmängd efter region, ålder, kön och år", "source": "SCB",
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        "id": ["Region", "Alder", "Kon", "ContentsCode", "Tid"],
        "size": [len(regions), len(ages), 2, 1, len(YEARS)],
        "dimension": {
            "Region": {"label": "region", "category": {"index": {c: i for i, c in enumerate(regions)}, "label": labels}},
            "Alder": {"label": "ålder", "category": {"index": {a: i for i, a in enumerate(ages)},
                                                     "label": {a: f"{a} år" for a in ages}}},
            "Kon": {"label": "kön", "category": {"index": {"1": 0, "2": 1}, "label": {"1": "män", "2": "kvinnor"}}},
            "ContentsCode": {"label": "tabellinnehåll", "category": {"index": {"BE0101N1": 0}, "label": {"BE0101N1": "Folkmängd"}}},
            "Tid": {"label": "år", "category": {"index": {str(y): i for i, y in enumerate(YEARS)}}},
        },
        "value": values,
    }


def _swedish(number):
    return f"{number:,}".replace(",", "\u00a0")


def _bra_table(rng, totals):
    """Brå's result table (Excel CSV, UTF-8 with BOM) for the eight municipalities and Sweden, 2012–2017."""
    lines = ["Anmälda brott;" + ";" * 12, "Brottstyp, årsvis – kommun och storstädernas stadsområden 1996–" + ";" * 12,
             ";" * 12, ";År" + ";" * 11]
    lines.append(";" + ";".join(f"{y};" for y in YEARS).rstrip(";"))
    lines.append(";" + ";".join("Antal;/100 000 inv" for _ in YEARS))
    trend = {code: rng.uniform(-0.03, 0.04) for code in LEVEL}
    for code, name in [*NAMES.items(), ("00", "Hela landet")]:
        lines.append(name + ";" * 12)
        for label, depth, per_100k in CATEGORIES:
            cells = []
            for i, year in enumerate(YEARS):
                level = 1.0 if code == "00" else LEVEL[code] * (1 + trend[code]) ** i
                count = round(per_100k * level * totals[(code, year)] / 100_000 * rng.uniform(0.85, 1.15))
                rate = count * 100_000 / totals[(code, year)]
                cells.append(f"{_swedish(count)};{rate:,.1f}".replace(",", "\u00a0").replace(".", ","))
            lines.append("\u00a0\u00a0" * depth + label + ("1" if depth == 0 else "") + ";" + ";".join(cells))
    lines += [";" * 12, "1) Samtliga anmälda brott." + ";" * 12, "Källa: Brottsförebyggande rådet (Brå)." + ";" * 12]
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


def _bra_months(rng):
    """Brå's database file with Östersund's 2017 months (Windows-1252, as SOL sends it)."""
    rows = ["Region;Brott;År;Period;Antal;/100 000 inv"]
    for month, name in enumerate(["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"]):
        season = 1 + 0.15 * (month in (5, 6, 7))
        count = round(610 * season * rng.uniform(0.85, 1.15))
        rows.append(f"Östersund;Totalt antal brott;2017;{name};{count};{round(count * 100_000 / 62_000)};")
    return ("\r\n".join(rows) + "\r\n").encode("cp1252")


def _own_counts(rng):
    rows = ["municipality;category;year;month;value;unit;theme"]
    for year in range(2014, 2018):
        rows.append(f"2380;Kostnad för klottersanering;{year};;{_swedish(round(rng.uniform(380_000, 520_000)))};kronor;graffiti")
        rows.append(f"2380;Felanmälningar om skadegörelse;{year};;{round(rng.uniform(260, 340))};antal;vandalism")
    return "\r\n".join(rows) + "\r\n"


def _events(rng, count=320):
    types = [t for t, weight in EVENT_TYPES for _ in range(weight)]
    codes = list(NAMES)
    weights = [POPULATION_2012[c][0] for c in codes]
    start = datetime.datetime(2017, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    events = []
    for i in range(count):
        code = rng.choices(codes, weights)[0]
        kind = rng.choice(types)
        when = start + datetime.timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        incident = when - datetime.timedelta(minutes=rng.randrange(10, 180))
        offset = "+02:00" if 3 < when.month < 11 else "+01:00"
        name = f"{incident.day:02d} {MONTHS_SV[incident.month - 1]} {incident:%H.%M}, {kind}, {NAMES[code]}"
        summary = rng.choice(["Polisen är på plats.", "Ingen person skadad.", "En person har förts till sjukhus.",
                              "Händelsen utreds.", "Anmälan upprättad."])
        events.append({
            "id": 200_000 + i, "datetime": f"{when:%Y-%m-%d} {when.hour}:{when:%M:%S} {offset}", "name": name,
            "summary": summary,
            "url": f"https://polisen.se/aktuellt/handelser/2017/{MONTHS_SV[when.month - 1]}/{when.day}/demo-{i}/",
            "type": kind, "location": {"name": NAMES[code], "gps": GPS[code]},
        })
    events.sort(key=lambda e: e["datetime"], reverse=True)
    return events


def load_statistics(*, password):
    """Generate and import the demo's statistics (as the command line does) and Åre's population with visitors.

    ``password`` is the demo's; the statistics add no logins (the national
    administrator ``forvaltning.nationell`` imports SCB's population).
    """
    rng = random.Random(SEED)
    cells, totals = _population(rng)
    with tempfile.TemporaryDirectory(prefix="medborgarloften-demo-") as folder:
        folder = Path(folder)
        files = [
            ("scb", "befolkning-jamtland-2012-2017.json", json.dumps(_jsonstat(cells)).encode("utf-8")),
            ("bra", "anmalda-brott-jamtland-2012-2017.csv", _bra_table(rng, totals).encode("utf-8")),
            ("bra", "anmalda-brott-ostersund-manader-2017.txt", _bra_months(rng)),
            ("csv", "ostersund-egna-rakningar.csv", _own_counts(rng).encode("utf-8")),
            ("police-events", "polisen-handelser-2017.json",
             ("[\n" + ",\n".join(json.dumps(e, ensure_ascii=False) for e in _events(rng)) + "\n]").encode("utf-8")),
        ]
        for source, name, content in files:
            path = folder / name
            path.write_bytes(content)
            run = services.import_from_path(path, source=source)
            if run.error_count:
                raise RuntimeError(f"demo statistics {name}: {run.errors[:3]}")
    admin = Person.objects.get(username="admin")
    are = Municipality.objects.get(code="2321")
    for year in YEARS:
        services.set_denominator(
            are, by=admin, year=year, population=round(totals[("2321", year)] * 2.3),
            label="Genomsnittlig befolkning inklusive besökare och säsongsarbetare",
            explanation="Åre kommuns uppskattning från gästnätter, fritidshus och säsongsanställda: i genomsnitt över "
                        "året vistas mer än dubbelt så många personer i kommunen som de som är folkbokförda där.",
        )
