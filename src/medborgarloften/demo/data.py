"""Demo data: Jämtland county's 2017 citizen promises.

The police structure follows DOMAIN.md (Polisregion Nord, polisområde
Jämtland, two local police areas). The people are invented; the promises are
illustrations written in the style of real ones, not copies.
"""

POLICE_REGION = "Polisregion Nord"
POLICE_AREA = "Polisområde Jämtland"
LOCAL_POLICE_AREAS = {
    "Lokalpolisområde Östersund": ["2380", "2305", "2303"],
    "Lokalpolisområde Jämtland/Härjedalen": ["2309", "2313", "2321", "2326", "2361"],
}

# (organisation name, partner kind, municipality codes it works in)
PARTNERS = [
    ("Brottsofferjouren Jämtlands län", "victim_support", ["2380", "2305", "2303", "2309", "2313", "2321", "2326", "2361"]),
    ("Kvinnojouren i Östersund", "womens_shelter", ["2380", "2305", "2303", "2309"]),
    ("Fastighetsägarna Mitt", "property_owner", ["2380", "2321", "2309"]),
    ("Östersunds Centrumförening", "business", ["2380"]),
    ("IFK Östersund", "sports_club", ["2380"]),
    ("Nattvandrarna i Jämtland", "voluntary", ["2380", "2313", "2361", "2321"]),
    ("Trafikverket", "authority", ["2380", "2305", "2303", "2309", "2313", "2321", "2326", "2361"]),
    ("Åre Destination", "business", ["2321"]),
    ("Bergs skoterklubb", "sports_club", ["2326"]),
]

# (username, first name, last name, organisation, role, title, what the login shows)
PEOPLE = [
    ("samordnare.ostersund", "Karin", "Lund", "Östersunds kommun", "editor", "Trygghetssamordnare",
     "municipal safety coordinator, Östersund (drafts promises)"),
    ("kso.ostersund", "Anna", "Berglund", "Östersunds kommun", "signatory", "Kommunstyrelsens ordförande",
     "chair of the executive board, Östersund (signs)"),
    ("lpo.ostersund", "Johan", "Ek", "Lokalpolisområde Östersund", "signatory", "Lokalpolisområdeschef",
     "head of local police area Östersund (signs)"),
    ("kommunpolis.ostersund", "Maria", "Nord", "Lokalpolisområde Östersund", "editor", "Kommunpolis",
     "community police officer, Östersund, Bräcke, Ragunda (drafts)"),
    ("samordnare.berg", "Lars", "Strand", "Bergs kommun", "editor", "Trygghetssamordnare",
     "municipal safety coordinator, Berg (drafts, not Östersund)"),
    ("lpo.jamtland", "Eva", "Sjöberg", "Lokalpolisområde Jämtland/Härjedalen", "signatory", "Lokalpolisområdeschef",
     "head of local police area Jämtland/Härjedalen (signs)"),
    ("kommunpolis.jamtland", "Per", "Holm", "Lokalpolisområde Jämtland/Härjedalen", "editor", "Kommunpolis",
     "community police officer, Krokom to Härjedalen (drafts)"),
    ("partner.brottsofferjouren", "Sara", "Falk", "Brottsofferjouren Jämtlands län", "editor", "Verksamhetsledare",
     "partner organisation (sees promises naming it)"),
    ("insyn.ostersund", "Olof", "Dahl", "Östersunds kommun", "viewer", "Kommundirektör",
     "viewer, Östersund (reads drafts, cannot edit)"),
    ("admin.ostersund", "Eva", "Månsson", "Östersunds kommun", "administrator", "Systemförvaltare",
     "administrator, Östersund (manages its people and roles)"),
    ("forvaltning.nationell", "Nora", "Riksson", "Medborgarlöften – nationell förvaltning", "administrator",
     "Nationell förvaltare", "national administrator (the police organisation, partner organisations everywhere)"),
]

# Signatories (KSO) of the other municipalities: (code, username, first, last).
OTHER_KSO = [
    ("2305", "kso.bracke", "Birgitta", "Wallin"),
    ("2303", "kso.ragunda", "Nils", "Hägglund"),
    ("2309", "kso.krokom", "Ingrid", "Persson"),
    ("2313", "kso.stromsund", "Helena", "Rask"),
    ("2321", "kso.are", "Mikael", "Forsberg"),
    ("2326", "kso.berg", "Gunnel", "Ström"),
    ("2361", "kso.harjedalen", "Anders", "Lindh"),
]

SITUATION = (
    "Under sommaren och hösten 2016 genomförde polisen och kommunen medborgardialoger, och medborgarna "
    "kunde också besvara en enkät. Tillsammans med polisens och kommunens egen kunskap och den lokala "
    "brottsstatistiken ledde det fram till en gemensam lokal problembild. Prioriteringarna utgår från "
    "medborgarnas perspektiv."
)
FOLLOW_UP = "Löftena följs upp två gånger per år av polisen och kommunen, och resultatet redovisas på kommunens webbplats."


def _a(description, responsible="both", target=None, unit="", recurrence="", places="", partners=()):
    return {
        "description": description, "responsible": responsible, "target_quantity": target, "unit": unit,
        "recurrence": recurrence, "places": places, "partners": list(partners),
    }


# The theme of the shared taxonomy (scope/themes.py) each 2017 focus area answers: the activity library and
# the drafting help find what other municipalities promised by it.
FOCUS_AREA_THEMES = {
    "Trygghet i centrala Östersund": "public_violence",
    "Unga i riskzon": "youth_gangs",
    "Våld i nära relationer": "other",
    "Trafiksäkerhet": "traffic_hazard",
    "Narkotika bland unga": "drug_dealing",
    "Trygghet i Hammarstrand": "public_violence",
    "Ungdomar och alkohol": "intoxicated_people",
    "Stölder i glesbygd": "burglary",
    "Trygghet i centrala Strömsund": "public_violence",
    "Trygghet under vintersäsongen": "intoxicated_people",
    "Säkerhet i skoterterrängen": "disruptive_traffic",
    "Ungdomars trygghet": "youth_gangs",
}


def _c(focus_area, pledge, activities, goal="", indicator="", baseline_year=None):
    return {"focus_area": focus_area, "theme": FOCUS_AREA_THEMES[focus_area], "pledge": pledge,
            "activities": activities, "goal": goal, "indicator": indicator, "baseline_year": baseline_year}


PROMISES_2017 = {
    "2380": [
        _c("Trygghet i centrala Östersund",
           "Polisen och kommunen lovar att öka tryggheten i centrala Östersund på kvällar och helger.",
           [_a("Synlig polisiär närvaro i centrum fredag och lördag kväll.", "police", 40, "pass",
               "fredagar och lördagar kl. 20–03", "Stortorget, Prästgatan, resecentrum"),
            _a("Trygghetsvandringar tillsammans med boende och näringsidkare.", "both", 4, "trygghetsvandringar",
               "vår och höst", "Centrum och Odenskog", ["Östersunds Centrumförening", "Fastighetsägarna Mitt"]),
            _a("Nattvandring under helger med stöd av kommunen.", "partners", 30, "kvällar", "helger",
               "Centrum", ["Nattvandrarna i Jämtland"])],
           goal="Fler invånare känner sig trygga i centrum på kvällstid.",
           indicator="Andel som känner sig trygga i centrum sent på kvällen (trygghetsmätningen)", baseline_year=2016),
        _c("Unga i riskzon",
           "Polisen och kommunen lovar att tidigt fånga upp unga som riskerar att hamna i kriminalitet.",
           [_a("Skolbesök i årskurs 7–9 om droger och konsekvenser av brott.", "both", 12, "skolbesök",
               "under läsåret", "Kommunens högstadieskolor"),
            _a("Samverkansmöten mellan socialtjänst, skola och polis (SSPF).", "both", 10, "möten", "en gång i månaden"),
            _a("Stöd till unga brottsutsatta i samband med idrottsevenemang.", "partners", 6, "informationsträffar",
               "", "Jämtkraft Arena", ["IFK Östersund", "Brottsofferjouren Jämtlands län"])]),
        _c("Våld i nära relationer",
           "Polisen och kommunen lovar att bli bättre på att upptäcka och stödja den som utsätts för våld i nära relationer.",
           [_a("Utbildning för kommunens personal om att upptäcka våld i nära relationer.", "municipality", 4, "utbildningstillfällen"),
            _a("Gemensam informationskampanj om var man kan få stöd.", "partners", 1, "kampanj", "november",
               "", ["Kvinnojouren i Östersund", "Brottsofferjouren Jämtlands län"])]),
    ],
    "2305": [
        _c("Trafiksäkerhet", "Polisen och kommunen lovar att arbeta för säkrare trafik genom Bräcke och Kälarne.",
           [_a("Hastighetskontroller på väg E14 och riksväg 83.", "police", 30, "trafikkontroller",
               "januari–december", "E14 genom Bräcke, riksväg 83 genom Kälarne", ["Trafikverket"]),
            _a("Översyn av belysning och skyltning vid skolvägar.", "municipality", 2, "översyner", "vår och höst")]),
        _c("Narkotika bland unga", "Polisen och kommunen lovar att motverka att unga använder narkotika.",
           [_a("Föräldramöten om droger i samarbete med skolan.", "both", 4, "föräldramöten"),
            _a("Riktade insatser mot langning av narkotika.", "police", 10, "insatser")])],
    "2303": [
        _c("Trygghet i Hammarstrand", "Polisen och kommunen lovar att öka tryggheten i Hammarstrand och Bispgården.",
           [_a("Trygghetsvandringar med boende.", "both", 2, "trygghetsvandringar", "maj och oktober",
               "Hammarstrand, Bispgården"),
            _a("Polisen har öppet kontor i kommunhuset.", "police", 12, "tillfällen", "en gång i månaden", "Kommunhuset, Hammarstrand")]),
        _c("Trafiksäkerhet", "Polisen och kommunen lovar att minska hastigheterna på riksväg 87.",
           [_a("Hastighetskontroller på riksväg 87.", "police", 20, "trafikkontroller", "april–september",
               "Riksväg 87", ["Trafikverket"])])],
    "2309": [
        _c("Ungdomar och alkohol", "Polisen och kommunen lovar att minska ungdomars tillgång till alkohol.",
           [_a("Kontroller av langning i samband med skolavslutning och valborg.", "police", 6, "insatser",
               "valborg, skolavslutning, midsommar", "Krokom, Föllinge, Ås"),
            _a("Tillsyn av restauranger med serveringstillstånd.", "both", 10, "tillsynsbesök")]),
        _c("Stölder i glesbygd", "Polisen och kommunen lovar att förebygga stölder från fritidshus och gårdar.",
           [_a("Informationsmöten om grannsamverkan.", "both", 4, "möten", "", "Byarna längs E14 och Offerdal"),
            _a("Märkning av båtmotorer och redskap.", "police", 2, "märkningsdagar", "juni")])],
    "2313": [
        _c("Trygghet i centrala Strömsund", "Polisen och kommunen lovar att öka tryggheten i Strömsunds centrum.",
           [_a("Nattvandring fredagar med stöd av kommunen.", "partners", 20, "kvällar", "fredagar",
               "Strömsunds centrum", ["Nattvandrarna i Jämtland"]),
            _a("Polisiär närvaro vid evenemang och helger.", "police", 25, "pass", "helger")]),
        _c("Trafiksäkerhet", "Polisen och kommunen lovar att arbeta för säkrare trafik.",
           [_a("Nykterhetskontroller på riksväg 45.", "police", 30, "trafikkontroller", "torsdagar och söndagar",
               "Riksväg 45", ["Trafikverket"])])],
    "2321": [
        _c("Trygghet under vintersäsongen",
           "Polisen och kommunen lovar att öka tryggheten i Åre by under högsäsong, när befolkningen mångdubblas.",
           [_a("Förstärkt polisiär närvaro i Åre by under högsäsong.", "police", 60, "pass",
               "torsdagar–lördagar, januari–april", "Åre torg, Stationsområdet"),
            _a("Samverkan med krögare om ansvarsfull alkoholservering.", "partners", 4, "utbildningstillfällen",
               "december–februari", "Åre by", ["Åre Destination"]),
            _a("Trygghetsvärdar vid nattliga evenemang.", "municipality", 20, "kvällar", "högsäsong")]),
        _c("Trafiksäkerhet", "Polisen och kommunen lovar att arbeta för säkrare trafik på E14.",
           [_a("Hastighets- och nykterhetskontroller på E14.", "police", 40, "trafikkontroller", "",
               "E14 Järpen–Duved", ["Trafikverket"])])],
    "2326": [
        _c("Säkerhet i skoterterrängen",
           "Polisen och kommunen lovar att verka för säkrare skoteråkning och färre olyckor.",
           [_a("Kontroller av skoterförare i fjällen.", "police", 12, "kontrolldagar", "februari–april",
               "Skoterlederna i Vemdalen och Ljungdalen", ["Bergs skoterklubb"]),
            _a("Informationskampanj om säker skoteråkning.", "partners", 1, "kampanj", "februari",
               "", ["Bergs skoterklubb"])]),
        _c("Trafiksäkerhet", "Polisen och kommunen lovar att sänka hastigheterna genom tätorterna.",
           [_a("Hastighetskontroller genom Svenstavik och Myrviken.", "police", 25, "trafikkontroller", "",
               "Riksväg 45 genom Svenstavik och Myrviken", ["Trafikverket"])])],
    "2361": [
        _c("Ungdomars trygghet", "Polisen och kommunen lovar att skapa trygga mötesplatser för unga.",
           [_a("Polisen besöker fritidsgårdarna.", "police", 12, "besök", "en gång i månaden", "Sveg, Funäsdalen"),
            _a("Nattvandring under lov och helger.", "partners", 16, "kvällar", "skollov och helger",
               "Sveg", ["Nattvandrarna i Jämtland"])]),
        _c("Trafiksäkerhet", "Polisen och kommunen lovar att minska rattfylleriet.",
           [_a("Nykterhetskontroller på väg 84 och E45.", "police", 30, "trafikkontroller", "",
               "Väg 84, E45", ["Trafikverket"])])],
}

DEMO_LOGINS = [(username, description) for username, *_rest, description in PEOPLE] + [
    ("admin", "administrator (Django admin at /admin/)"),
]
