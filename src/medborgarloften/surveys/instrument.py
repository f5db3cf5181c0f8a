"""The standard instrument: questions modelled on the police safety survey.

The blocks follow the public descriptions of the police's *trygghetsmätning*
(research notes in README, "Safety surveys"): feeling safe outdoors alone late
in the evening, worry about crime, avoiding places, a list of local problems on
the four-step scale with *vet ej*, crimes against the respondent in the last
12 months and whether they were reported, whether police and municipality care
about local problems, and age group, sex and sub-area for weighting. The
complete official questionnaire is not public; answer scales marked "assumed"
in the research notes are the commonly reported ones.

Codes match the engine's built-in indicators (``trygg_kvall``, ``undviker``,
``utsatt_vald``, ``utsatt_stold``, ``utsatt_skadegorelse``, ``anmalt``).
"""

from django.utils.translation import gettext_lazy as _

from medborgarloften.scope.themes import Theme

from .estimation.data import AGE_GROUPS

PROBLEM_OPTIONS = (
    ("1", _("No problem")),
    ("2", _("Quite a small problem")),
    ("3", _("Quite a big problem")),
    ("4", _("A very big problem")),
)
YES_NO_OPTIONS = (("ja", _("Yes")), ("nej", _("No")))
SEX_OPTIONS = (("kvinna", _("Woman")), ("man", _("Man")))
AGE_OPTIONS = tuple((a, a.replace("-", "–") + " " + str(_("years"))) for a in AGE_GROUPS)
DONT_KNOW = "vet_ej"


def fixed_options(kind):
    """Return the (code, label) options every question of ``kind`` has, or None when the question sets its own."""
    return {
        "problem": PROBLEM_OPTIONS,
        "yesno": YES_NO_OPTIONS,
        "sex": SEX_OPTIONS,
        "age_group": tuple((a, a.replace("-", "–")) for a in AGE_GROUPS),
    }.get(kind)


def _options(*pairs):
    return [{"code": code, "label": sv, "label_en": en} for code, sv, en in pairs]


SAFE = _options(
    ("mycket_trygg", "Mycket trygg", "Very safe"),
    ("ganska_trygg", "Ganska trygg", "Fairly safe"),
    ("ganska_otrygg", "Ganska otrygg", "Fairly unsafe"),
    ("mycket_otrygg", "Mycket otrygg", "Very unsafe"),
    ("gar_inte_ut", "Går inte ut ensam sent på kvällen", "I do not go out alone late in the evening"),
)
WORRY = _options(
    ("nej_aldrig", "Nej, aldrig", "No, never"),
    ("ja_nagon_gang", "Ja, någon gång", "Yes, sometimes"),
    ("ja_ofta", "Ja, ofta", "Yes, often"),
)
AGREE = _options(
    ("stammer_helt", "Stämmer helt", "Completely true"),
    ("stammer_ganska_bra", "Stämmer ganska bra", "Fairly true"),
    ("stammer_ganska_daligt", "Stämmer ganska dåligt", "Not very true"),
    ("stammer_inte_alls", "Stämmer inte alls", "Not true at all"),
)

# (code, kind, topic, Swedish text, English text, theme, options)
STANDARD_QUESTIONS = (
    ("trygg_kvall", "single", "safety",
     "Om du går ut ensam sent en kväll i området där du bor, hur trygg eller otrygg känner du dig då?",
     "If you go out alone late one evening in the area where you live, how safe or unsafe do you feel?", "", SAFE),
    ("oro_overfall", "single", "worry",
     "Har du under de senaste 12 månaderna varit orolig för att bli överfallen eller misshandlad i området där du bor?",
     "In the last 12 months, have you worried about being attacked or assaulted in the area where you live?", "", WORRY),
    ("oro_inbrott", "single", "worry",
     "Har du under de senaste 12 månaderna varit orolig för bostadsinbrott?",
     "In the last 12 months, have you worried about a burglary in your home?", "", WORRY),
    ("oro_stold", "single", "worry",
     "Har du under de senaste 12 månaderna varit orolig för att få något stulet eller förstört?",
     "In the last 12 months, have you worried about having something stolen or damaged?", "", WORRY),
    ("undviker", "yesno", "avoidance",
     "Händer det att du avstår från en aktivitet eller väljer en annan väg eller ett annat färdsätt för att du är orolig för att utsättas för brott?",
     "Do you ever refrain from an activity, or take another route or means of transport, because you worry about becoming a victim of crime?", "", []),
    ("nedskrapning", "problem", "problems", "Nedskräpning", "Littering", Theme.LITTERING, []),
    ("skadegorelse", "problem", "problems", "Skadegörelse", "Vandalism", Theme.VANDALISM, []),
    ("klotter", "problem", "problems", "Klotter", "Graffiti", Theme.GRAFFITI, []),
    ("belysning", "problem", "problems", "Dålig belysning", "Poor lighting", Theme.POOR_LIGHTING, []),
    ("storande_trafik", "problem", "problems", "Bilar eller mopeder som körs på ett störande sätt",
     "Cars or mopeds driven in a disruptive way", Theme.DISRUPTIVE_TRAFFIC, []),
    ("berusade", "problem", "problems", "Personer som är påverkade av alkohol eller narkotika i offentlig miljö",
     "People under the influence of alcohol or drugs in public places", Theme.INTOXICATED_PEOPLE, []),
    ("narkotikahandel", "problem", "problems", "Öppen narkotikahandel", "Open drug dealing", Theme.DRUG_DEALING, []),
    ("ungdomsgang", "problem", "problems", "Grupper av ungdomar som stör", "Groups of young people causing disturbance",
     Theme.YOUTH_GANGS, []),
    ("bostadsinbrott", "problem", "problems", "Bostadsinbrott", "Burglary", Theme.BURGLARY, []),
    ("bilinbrott", "problem", "problems", "Inbrott i bilar och stölder av bilar", "Car break-ins and car theft",
     Theme.VEHICLE_CRIME, []),
    ("cykelstold", "problem", "problems", "Cykelstölder", "Bicycle theft", Theme.BICYCLE_THEFT, []),
    ("vald_offentlig", "problem", "problems", "Våld i offentlig miljö", "Violence in public places",
     Theme.PUBLIC_VIOLENCE, []),
    ("utsatt_vald", "yesno", "victimisation",
     "Har du under de senaste 12 månaderna utsatts för våld eller hot om våld?",
     "In the last 12 months, have you been subjected to violence or threats of violence?", "", []),
    ("utsatt_stold", "yesno", "victimisation",
     "Har du under de senaste 12 månaderna fått något stulet (till exempel cykel, plånbok eller ur bilen)?",
     "In the last 12 months, have you had something stolen (for example a bicycle, a wallet or from your car)?", "", []),
    ("utsatt_skadegorelse", "yesno", "victimisation",
     "Har du under de senaste 12 månaderna utsatts för skadegörelse på något du äger?",
     "In the last 12 months, has something you own been vandalised?", "", []),
    ("anmalt", "yesno", "victimisation",
     "Om du svarade ja på någon av frågorna ovan: anmälde du det senaste brottet till polisen?",
     "If you answered yes to any of the questions above: did you report the latest crime to the police?", "", []),
    ("polisen_bryr_sig", "single", "trust",
     "Hur väl stämmer påståendet: Polisen bryr sig om de lokala problemen i området där jag bor.",
     "How true is this: The police care about the local problems in the area where I live.", "", AGREE),
    ("kommunen_bryr_sig", "single", "trust",
     "Hur väl stämmer påståendet: Kommunen bryr sig om de lokala problemen i området där jag bor.",
     "How true is this: The municipality cares about the local problems in the area where I live.", "", AGREE),
    ("alder", "age_group", "background", "Hur gammal är du?", "How old are you?", "", []),
    ("kon", "sex", "background", "Är du kvinna eller man?", "Are you a woman or a man?", "", []),
    ("delomrade", "sub_area", "background", "I vilket område bor du?", "Which area do you live in?", "", []),
)
