"""Demo dialogues: the 2016 citizen and staff dialogues behind Jämtland's 2017 promises.

Every municipality held an open meeting and a staff dialogue (medarbetardialog)
in 2016; Östersund also a safety walk (with observations, some fixed), a
school visit, a stand at Storsjöyran and an online dialogue. The comments
are the training part of the labelled set the theme suggestions learn from
(written by the team, in ``dialogues/data/seed_comments.csv``), placed in
the municipality and at the place they name; those naming people wait in
the moderation queue. Loaded through the services, seeded, deterministic.
"""

import csv
import datetime
import random

from django.db.models import Q
from django.utils import timezone

from medborgarloften.accounts.models import Person
from medborgarloften.areas.models import Municipality, Organisation
from medborgarloften.dialogues import services
from medborgarloften.dialogues.analysis.redaction import find_personal_data
from medborgarloften.dialogues.models import Comment, Dialogue, Observation
from medborgarloften.dialogues.services.analysis import SEED_FILE

SEED = 2016

# (municipality code, place, latitude, longitude, words in a comment that point at it)
PLACES = [
    ("2380", "Stortorget", "63.17583", "14.63694", ["stortorget", "torget"]),
    ("2380", "Badhusparken", "63.17860", "14.63000", ["badhusparken"]),
    ("2380", "Kyrkparken", "63.17500", "14.64300", ["kyrkparken"]),
    ("2380", "Resecentrum", "63.17000", "14.63900", ["tågstationen", "stationen", "resecentrum", "busstationen"]),
    ("2380", "Frösöbron", "63.18180", "14.62150", ["frösöbron", "bron"]),
    ("2380", "Frösön", "63.18900", "14.55000", ["frösön"]),
    ("2380", "Lillänge", "63.18960", "14.67850", ["lillänge"]),
    ("2380", "Lugnvik", "63.19150", "14.66800", ["lugnvik"]),
    ("2380", "Odenskog", "63.19500", "14.69000", ["odenskog"]),
    ("2380", "Torvalla", "63.15300", "14.66400", ["torvalla"]),
    ("2380", "Storsjöstrand", "63.16900", "14.61500", ["storsjöstrand"]),
    ("2380", "Brunflo", "63.07700", "14.82000", ["brunflo"]),
    ("2380", "Prästgatan", "63.17650", "14.63750", ["prästgatan"]),
    ("2309", "Krokom centrum", "63.32700", "14.45600", ["krokom"]),
    ("2309", "Lit", "63.31600", "14.85600", [" lit ", " lit,", " lit."]),
    ("2321", "Åre torg", "63.39900", "13.07900", ["åre"]),
    ("2321", "Järpen", "63.34700", "13.47600", ["järpen"]),
    ("2321", "Duved", "63.39100", "12.93400", ["duved"]),
    ("2321", "Mörsil", "63.31700", "13.65600", ["mörsil"]),
    ("2305", "Bräcke centrum", "62.75060", "15.42140", ["bräcke"]),
    ("2303", "Hammarstrand", "63.10500", "16.34300", ["hammarstrand", "ragunda"]),
    ("2303", "Stugun", "63.16700", "15.60000", ["stugun"]),
    ("2313", "Strömsund centrum", "63.85000", "15.55400", ["strömsund"]),
    ("2326", "Svenstavik", "62.76667", "14.43333", ["svenstavik", " berg "]),
    ("2361", "Sveg", "62.03400", "14.35800", ["sveg"]),
    ("2361", "Hede", "62.41500", "13.50700", ["hede"]),
]

# Who records each municipality's dialogues (as in the promises demo).
RECORDERS = {"2380": "samordnare.ostersund", "2326": "samordnare.berg", "2305": "kommunpolis.ostersund",
             "2303": "kommunpolis.ostersund"}
POLICE = {"2380": "Lokalpolisområde Östersund", "2305": "Lokalpolisområde Östersund", "2303": "Lokalpolisområde Östersund"}
JH_POLICE = "Lokalpolisområde Jämtland/Härjedalen"

MINUTES = """Medborgardialog om tryggheten i Östersunds centrum, Rådhuset, 14 september 2016, kl. 18.00–20.00.

Närvarande: cirka 45 invånare, kommunpolisen, trygghetssamordnaren, två representanter för Fastighetsägarna Mitt och Östersunds Centrumförening.

1. Kommunpolisen redovisade anmälda brott i centrum 2015–2016: skadegörelse och cykelstölder ökar, misshandel i anslutning till krogarna är oförändrad.
2. Samtal i grupper om platser där man känner sig otrygg. Flest synpunkter gällde Stortorget och Badhusparken kvällstid, belysningen längs gångvägen mot Frösöbron och mopedbuskörning i Lillänge.
3. Önskemål: mer synlig polis fredag–lördag kväll, bättre belysning, röjning av buskage i Badhusparken, fler papperskorgar.
4. Nästa steg: en trygghetsvandring i Badhusparken och på Stortorget i oktober. Synpunkterna vägs in i den lokala problembilden och i medborgarlöftena för 2017.
"""

STAFF_NOTES = [
    ("Ungdomar samlas vid Resecentrum fredagar efter 22 och det blir bråk när bussarna går.", ["youth_gangs"], "Resecentrum"),
    ("Hemtjänstpersonalen känner sig otrygg i trapphusen i Torvalla kvällstid.", ["other"], "Torvalla"),
    ("Socialtjänsten ser att langning av alkohol till minderåriga sker vid Coop på fredagar.", ["drug_dealing"], None),
    ("Räddningstjänsten har haft flera anlagda containerbränder under hösten.", ["vandalism"], None),
    ("Skolpersonalen rapporterar trakasserier mot flickor på väg hem från skolan.", ["harassment"], None),
]

OBSERVATIONS = [
    ("poor_lighting", "Tre gatlampor ur funktion längs gångvägen genom Badhusparken.", "Badhusparken",
     "Östersunds kommun", Observation.Status.FIXED, datetime.date(2016, 10, 20)),
    ("overgrown_vegetation", "Täta buskar skymmer sikten vid parkens norra entré.", "Badhusparken",
     "Östersunds kommun", Observation.Status.FIXED, datetime.date(2016, 11, 8)),
    ("graffiti", "Klotter på transformatorstationen vid lekplatsen.", "Badhusparken",
     "Östersunds kommun", Observation.Status.FIXED, datetime.date(2016, 10, 12)),
    ("littering", "Överfulla papperskorgar och glas runt bänkarna.", "Stortorget",
     "Östersunds kommun", Observation.Status.FIXED, datetime.date(2016, 10, 7)),
    ("poor_lighting", "Mörk passage mellan Stortorget och Prästgatan, ingen belysning i portgången.", "Prästgatan",
     "Fastighetsägarna Mitt", Observation.Status.IN_PROGRESS, None),
    ("vandalism", "Sönderslagen glasruta i busskuren.", "Stortorget",
     "Östersunds kommun", Observation.Status.REPORTED, None),
    ("traffic_hazard", "Övergångsstället vid Frösöbron saknar belysning och har dålig sikt.", "Frösöbron",
     "Trafikverket", Observation.Status.IN_PROGRESS, None),
    ("overgrown_vegetation", "Sly längs strandpromenaden gör den mörk och instängd.", "Storsjöstrand",
     "Östersunds kommun", Observation.Status.OPEN, None),
    ("poor_lighting", "Belysningen i gångtunneln under järnvägen blinkar.", "Resecentrum",
     "Trafikverket", Observation.Status.OPEN, None),
]

CHECKED = {0: "Flera lampor trasiga i Badhusparken.", 1: "Buskage vid norra entrén skymmer.", 4: "Klotter vid lekplatsen.",
           5: "Fulla papperskorgar på Stortorget.", 6: ""}


def _at(day, hour=18):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _seed_rows():
    with SEED_FILE.open(encoding="utf-8", newline="") as f:
        return [(row["text"], sorted(row["themes"].split("|"))) for row in csv.DictReader(f)]


def _municipality_of(text, places):
    lowered = f" {text.lower()} "
    for place in places:
        if any(word in lowered for word in place.words):
            return place.municipality_id, place
    return None, None


def load_dialogues():
    """Load the demo dialogues (after the people and organisations of ``load.load_demo``)."""
    rng = random.Random(SEED)
    municipalities = {m.code: m for m in Municipality.objects.filter(county__code="23")}
    people = {p.username: p for p in Person.objects.all()}
    organisations = {o.name: o for o in Organisation.objects.filter(
        Q(kind=Organisation.Kind.PARTNER) | Q(municipality__county__code="23"))}
    # Police units by the name of their local police area (the organisation's own name may differ).
    for unit in Organisation.objects.filter(local_police_area__name__in=set(POLICE.values()) | {JH_POLICE}):
        organisations[unit.local_police_area.name] = unit
    places = {}
    for code, name, lat, lon, words in PLACES:
        who = people[RECORDERS.get(code, "kommunpolis.jamtland")]
        place = services.create_place(municipalities[code], by=who, name=name, latitude=lat, longitude=lon)
        place.words = words
        places[name] = place

    dialogues, staff_dialogues = {}, {}
    for index, (code, municipality) in enumerate(sorted(municipalities.items())):
        who = people[RECORDERS.get(code, "kommunpolis.jamtland")]
        own = [organisations[name] for name in organisations
               if organisations[name].municipality_id == municipality.pk]
        police = [organisations[POLICE.get(code, JH_POLICE)]]
        town = next((p for p in places.values() if p.municipality_id == municipality.pk), None)
        day = datetime.date(2016, 9, 5) + datetime.timedelta(days=3 * index)
        dialogues[code] = [services.create_dialogue(
            by=who, municipality=municipality, kind=Dialogue.Kind.OPEN_MEETING,
            title=f"Medborgardialog om tryggheten i {municipality.name} 2016", starts_at=_at(day),
            ends_at=_at(day, 20), place=town, location="Kommunhuset" if code != "2380" else "Rådhuset, stora salen",
            organisers=own + police, participants=40 if code == "2380" else rng.randint(18, 60),
            minutes=MINUTES if code == "2380" else "",
        )]
        staff_dialogues[code] = services.create_dialogue(
            by=who, municipality=municipality, kind=Dialogue.Kind.STAFF,
            title=f"Medarbetardialog {municipality.name} 2016", starts_at=_at(day - datetime.timedelta(days=20), 9),
            organisers=own + police, participants=rng.randint(8, 25),
            minutes="Polis, socialtjänst, skola, fritid och räddningstjänst delade sin bild av läget. Anteckningarna är interna.",
        )
    ostersund, coordinator = municipalities["2380"], people["samordnare.ostersund"]
    meeting = dialogues["2380"][0]
    services.set_participant_counts(meeting, by=coordinator, counts={
        ("16-24", "women"): 3, ("16-24", "men"): 2, ("25-44", "women"): 6, ("25-44", "men"): 5,
        ("45-64", "women"): 8, ("45-64", "men"): 6, ("65-", "women"): 5, ("65-", "men"): 4, ("unknown", "other"): 1,
    })
    from django.core.files.base import ContentFile

    minutes_file = ContentFile(MINUTES.encode("utf-8"), name="minnesanteckningar-2016-09-14.txt")
    minutes_file.content_type = "text/plain"
    services.add_attachment(meeting, by=coordinator, upload=minutes_file, title="Minnesanteckningar", public=True)

    walk = _safety_walk(ostersund, coordinator, places, organisations)
    dialogues["2380"] += [
        walk,
        services.create_dialogue(
            by=coordinator, municipality=ostersund, kind=Dialogue.Kind.SCHOOL_VISIT,
            title="Skolbesök på Odenskogsskolan, årskurs 8", starts_at=_at(datetime.date(2016, 10, 18), 10),
            place=places["Odenskog"], organisers=[organisations["Östersunds kommun"]], participants=52),
        services.create_dialogue(
            by=coordinator, municipality=ostersund, kind=Dialogue.Kind.STAND,
            title="Trygghetstält på Stortorget under Storsjöyran", starts_at=_at(datetime.date(2016, 7, 29), 12),
            ends_at=_at(datetime.date(2016, 7, 30), 20), place=places["Stortorget"],
            organisers=[organisations["Östersunds kommun"], organisations["Lokalpolisområde Östersund"]],
            partners=[organisations["Nattvandrarna i Jämtland"], organisations["Östersunds Centrumförening"]]),
    ]
    online = services.create_dialogue(
        by=coordinator, municipality=ostersund, kind=Dialogue.Kind.ONLINE, title="Synpunkter på webben hösten 2016",
        starts_at=_at(datetime.date(2016, 9, 1), 0), ends_at=_at(datetime.date(2016, 11, 30), 23))

    _comments(rng, municipalities, people, places, dialogues, online)
    for code, dialogue in staff_dialogues.items():
        who = people[RECORDERS.get(code, "kommunpolis.jamtland")]
        for text, themes, place in STAFF_NOTES[: 5 if code == "2380" else 2]:
            place = places.get(place) if place and places.get(place) and places[place].municipality_id == dialogue.municipality_id else None
            services.record_comment(dialogue, by=who, text=text, themes=themes, place=place)


def _safety_walk(ostersund, coordinator, places, organisations):
    walk = services.create_dialogue(
        by=coordinator, municipality=ostersund, kind=Dialogue.Kind.SAFETY_WALK,
        title="Trygghetsvandring Badhusparken–Stortorget", starts_at=_at(datetime.date(2016, 10, 5), 19),
        ends_at=_at(datetime.date(2016, 10, 5), 21), place=places["Badhusparken"],
        route="Samling vid Badhusparkens norra entré – gångvägen genom parken – Stortorget – passagen mot Prästgatan – "
              "Resecentrum – Frösöbron – strandpromenaden vid Storsjöstrand.",
        organisers=[organisations["Östersunds kommun"], organisations["Lokalpolisområde Östersund"]],
        partners=[organisations["Fastighetsägarna Mitt"], organisations["Nattvandrarna i Jämtland"]], participants=23,
    )
    items = [{"text": item.text, "checked": i in CHECKED, "note": CHECKED.get(i, "")} for i, item in enumerate(walk.checklist.all())]
    services.set_checklist(walk, by=coordinator, items=items)
    for theme, description, place, responsible, status, fixed_on in OBSERVATIONS:
        observation = services.add_observation(
            walk, by=coordinator, theme=theme, description=description, place=places[place],
            responsible=organisations[responsible])
        if status != Observation.Status.OPEN:
            services.set_observation_status(observation, by=coordinator, status=status, fixed_on=fixed_on,
                                            note="Åtgärdat av ansvarig förvaltning." if fixed_on else "")
    return walk


def _comments(rng, municipalities, people, places, dialogues, online):
    """Place each labelled comment in its municipality and dialogue; those naming people wait for moderation."""
    by_municipality = {m.pk: m for m in municipalities.values()}
    ostersund = municipalities["2380"]
    moderator = people["samordnare.ostersund"]
    rows = _seed_rows()
    for i, (text, themes) in enumerate(rows):
        municipality_id, place = _municipality_of(text, places.values())
        municipality = by_municipality.get(municipality_id, ostersund)
        code = municipality.code
        if place is None and rng.random() < 0.5:
            candidates = [p for p in places.values() if p.municipality_id == municipality.pk]
            place = rng.choice(candidates) if candidates else None
        who = people[RECORDERS.get(code, "kommunpolis.jamtland")]
        time_of_day = rng.choice(["", "", "evening", "night", "daytime"])
        if find_personal_data(text):
            # Names and numbers: sent online, waiting for a moderator to remove them.
            comment = services.submit_comment(ostersund if code == "2380" else municipality, text=text, place=place,
                                              time_of_day=time_of_day, feels_unsafe=True)
            Comment.objects.filter(pk=comment.pk).update(
                made_on=datetime.date(2016, 11, 1) + datetime.timedelta(days=i % 25), dialogue=None)
            continue
        if code == "2380" and i % 4 == 0:
            comment = services.submit_comment(ostersund, text=text, place=place, time_of_day=time_of_day,
                                              feels_unsafe=rng.random() < 0.6, concerns_crime=rng.random() < 0.4)
            Comment.objects.filter(pk=comment.pk).update(
                made_on=datetime.date(2016, 9, 1) + datetime.timedelta(days=i % 90), dialogue=online)
            comment.refresh_from_db()
            services.approve_comment(comment, by=moderator, published_text=text, themes=themes if i % 7 else None)
            continue
        dialogue = dialogues[code][i % len(dialogues[code])] if code == "2380" else dialogues[code][0]
        if dialogue.kind == Dialogue.Kind.SAFETY_WALK:
            dialogue = dialogues[code][0]
        services.record_comment(
            dialogue, by=who, text=text, themes=themes if i % 6 else (), place=place, time_of_day=time_of_day,
            feels_unsafe=rng.random() < 0.6, concerns_crime=rng.random() < 0.4,
            season=rng.choice(["", "winter", "autumn", "all_year"]))
