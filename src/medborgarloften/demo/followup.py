"""Follow-up of Jämtland's 2017 promises: tertial reports, a final report each, and one goal per municipality with an
indicator series 2014–2018. The figures are invented but plausible; the same every time (no randomness)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from medborgarloften.accounts.models import Membership, Person
from medborgarloften.areas.models import Organisation
from medborgarloften.followup import services
from medborgarloften.followup.models import Cadence, ProgressReport
from medborgarloften.followup.predicates import reporting_organisation
from medborgarloften.promises.models import Promise

TERTIALS = [
    (datetime.date(2017, 1, 1), datetime.date(2017, 4, 30), datetime.date(2017, 5, 16)),
    (datetime.date(2017, 5, 1), datetime.date(2017, 8, 31), datetime.date(2017, 9, 14)),
    (datetime.date(2017, 9, 1), datetime.date(2017, 12, 31), datetime.date(2018, 1, 30)),
]
# Share of the target done in each tertial, by activity order: most activities reach their target.
PACE = [Decimal("0.3"), Decimal("0.35"), Decimal("0.4")]
# Activities that fell short, with the reason given in the final report.
SHORTFALLS = {
    "Nattvandring under helger med stöd av kommunen.": (
        "partly_done", Decimal("0.7"), "Färre frivilliga under hösten; nattvandring kunde ordnas 21 av 30 helger."),
    "Märkning av båtmotorer och redskap.": (
        "not_done", Decimal("0"), "Märkningsutrustningen levererades inte i tid; dagarna flyttas till 2018 års löfte."),
    "Trygghetsvärdar vid nattliga evenemang.": (
        "partly_done", Decimal("0.6"), "Upphandlingen av trygghetsvärdar blev klar först i februari."),
}
INDICATORS = {
    "2380": ("Andel som känner sig trygga i centrum sent på kvällen", "procent", "higher", "survey",
             "Polisens trygghetsmätning, Östersunds kommun", [Decimal("61"), Decimal("60"), Decimal("58"), Decimal("63"), Decimal("66")],
             Decimal("65")),
    "2305": ("Anmälda trafikbrott per 1 000 invånare", "per 1 000 invånare", "lower", "statistics",
             "Brå, anmälda brott: trafikbrott", [Decimal("14.2"), Decimal("15.0"), Decimal("16.1"), Decimal("13.4"), Decimal("12.8")],
             Decimal("13")),
    "2303": ("Problemindex för trafik, LPO Östersund", "index 0–6", "lower", "external",
             "Polisens trygghetsmätning, lokalpolisområde Östersund",
             [Decimal("2.3"), Decimal("2.4"), Decimal("2.6"), Decimal("2.5"), Decimal("2.7")], Decimal("2.2")),
    "2309": ("Anmälda fall av langning till unga", "antal", "lower", "statistics", "Polisens egen statistik, Krokom",
             [Decimal("9"), Decimal("11"), Decimal("12"), Decimal("8"), Decimal("7")], Decimal("8")),
    "2313": ("Anmälda misshandelsbrott i offentlig miljö per 100 000 invånare", "per 100 000 invånare", "lower", "statistics",
             "Brå, anmälda brott: misshandel inkl. grov, utomhus", [Decimal("420"), Decimal("455"), Decimal("470"), Decimal("430"),
                                                                    Decimal("410")], Decimal("400")),
    "2321": ("Anmälda misshandelsbrott per 100 000 invånare, december–april", "per 100 000 invånare", "lower", "statistics",
             "Brå, anmälda brott: misshandel inkl. grov, per månad", [Decimal("690"), Decimal("720"), Decimal("760"), Decimal("700"),
                                                                     Decimal("640")], Decimal("650")),
    "2326": ("Skoterolyckor som krävde sjukvård", "antal", "lower", "external", "Region Jämtland Härjedalen, olycksstatistik",
             [Decimal("14"), Decimal("12"), Decimal("15"), Decimal("10"), Decimal("9")], Decimal("10")),
    "2361": ("Andel unga som känner sig trygga på fritidsgården", "procent", "higher", "survey",
             "Kommunens ungdomsenkät (Lupp)", [Decimal("78"), Decimal("80"), Decimal("77"), Decimal("84"), Decimal("86")],
             Decimal("85")),
}


def load(*, password, drafters):
    """Report on every 2017 promise through the services, then date the reports as they would have been."""
    coordinators = _coordinators(password)
    for promise in Promise.objects.filter(valid_from__year=2017).prefetch_related("municipalities", "parties__organisation",
                                                                                 "commitments__activities"):
        municipality = promise.municipalities.get()
        drafter = drafters[municipality.code]
        services.set_cadence(promise, by=drafter, cadence=Cadence.TERTIAL)
        _indicator(promise, municipality.code, drafter)
        for number, (start, end, published_on) in enumerate(TERTIALS):
            final = number == len(TERTIALS) - 1
            report = services.start_report(promise, by=drafter, period_start=start, period_end=end, is_final=final)
            for commitment in promise.commitments.all():
                for activity in commitment.activities.all():
                    _report(report, activity, number, final,
                            reporters=[drafter, coordinators.get(municipality.code), _police_editor(promise)])
            summary = ("Året ledde till fler synliga insatser och ett fortsatt nära samarbete. De aktiviteter som inte "
                       "genomfördes fullt ut förs vidare till 2018 års medborgarlöfte.") if final else ""
            services.publish_report(report, by=drafter, summary=summary)
            stamp = datetime.datetime.combine(published_on, datetime.time(10, 0), timezone.get_current_timezone())
            ProgressReport.objects.filter(pk=report.pk).update(published_at=stamp, created_at=stamp - datetime.timedelta(days=10))


def _police_editor(promise):
    police = [p.organisation_id for p in promise.parties.all() if p.organisation.kind == Organisation.Kind.POLICE]
    return Membership.objects.filter(organisation_id__in=police, role=Membership.Role.EDITOR).select_related("person").first().person


def _coordinators(password):
    """Give each Jämtland municipality without one a safety coordinator, who reports the municipality's own activities."""
    coordinators = {}
    for organisation in Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY, municipality__county__code="23"):
        membership = Membership.objects.filter(organisation=organisation, role=Membership.Role.EDITOR).select_related("person").first()
        if membership is None:
            person = Person(username=f"samordnare.{organisation.municipality.slug}", first_name="Trygghetssamordnare",
                            last_name=organisation.municipality.name)
            person.set_password(password)
            person.save()
            membership = Membership.objects.create(person=person, organisation=organisation, role=Membership.Role.EDITOR,
                                                   title="Trygghetssamordnare")
        coordinators[organisation.municipality.code] = membership.person
    return coordinators


def _report(report, activity, number, final, *, reporters):
    """Report ``activity`` in tertial ``number`` as the first of ``reporters`` responsible for it."""
    final_status, share, reason = SHORTFALLS.get(activity.description, ("done", Decimal("1"), ""))
    if final:
        status = final_status
    else:
        status = "planned" if share == 0 else "ongoing"
        reason = ""
    quantity = None
    if activity.target_quantity:
        # Spread the year's result over the tertials; "at least" targets are often passed a little.
        quantity = int((activity.target_quantity * share * PACE[number] / sum(PACE) * Decimal("1.05")).to_integral_value())
    narrative = {"done": "Genomfört enligt plan.", "ongoing": "Pågår enligt plan."}.get(status, "")
    reporter = next(r for r in reporters if r is not None and reporting_organisation(r, activity, report.promise) is not None)
    services.report_activity(report, activity, by=reporter, status=status, actual_quantity=quantity, reason=reason,
                             narrative=narrative)


def _indicator(promise, code, drafter):
    name, unit, better, source, description, values, target = INDICATORS[code]
    commitment = promise.commitments.all()[0]
    indicator = services.define_indicator(
        commitment, by=drafter, name=name, unit=unit, better=better, source=source, source_description=description,
        baseline_year=2014, baseline_value=values[0], target_value=target, target_year=2018,
    )
    for year, value in zip(range(2014, 2019), values):
        services.record_indicator_value(indicator, by=drafter, year=year, value=value)
