"""Load the Jämtland demo into an empty database, through the same services users call."""

import datetime

from django.db import transaction
from django.utils import timezone

from medborgarloften.accounts.models import Membership, Person
from medborgarloften.areas.models import LocalPoliceAreaCoverage, Municipality, Organisation
from medborgarloften.audit.models import AuditEntry
from medborgarloften.promises import services
from medborgarloften.promises.models import CollaborationAgreement, Promise, PromiseVersion, Signature

from . import data, followup
from .dialogues import load_dialogues
from .problems import load_problem_pictures
from .statistics import load_statistics
from .surveys import load_surveys

DEMO_LOGINS = data.DEMO_LOGINS
MUNICIPALITY_ORGANISATIONS = {
    "2380": "Östersunds kommun", "2305": "Bräcke kommun", "2303": "Ragunda kommun", "2309": "Krokoms kommun",
    "2313": "Strömsunds kommun", "2321": "Åre kommun", "2326": "Bergs kommun", "2361": "Härjedalens kommun",
}
# Who drafted each municipality's 2017 promise in the demo.
DRAFTERS = {"2380": "samordnare.ostersund", "2326": "samordnare.berg", "2305": "kommunpolis.ostersund",
            "2303": "kommunpolis.ostersund"}
SIGNED_ON = datetime.date(2017, 2, 20)
PUBLISHED_ON = datetime.date(2017, 3, 1)


def demo_is_loaded():
    """Return True if the database already holds people or promises (the demo never overwrites)."""
    return Person.objects.exists() or Promise.objects.exists()


@transaction.atomic
def load_demo(*, password):
    municipalities = {m.code: m for m in Municipality.objects.filter(county__code="23")}
    police_units = _police_structure(municipalities)
    national = Organisation.objects.get(kind=Organisation.Kind.NATIONAL)
    organisations = {**police_units, **_municipal_organisations(municipalities), **_partners(municipalities),
                     national.name: national}
    people = _people(organisations, password)
    agreement = CollaborationAgreement.objects.create(
        title="Samverkansöverenskommelse mellan Östersunds kommun och lokalpolisområde Östersund 2016–2018",
        valid_from=datetime.date(2016, 1, 1), valid_to=datetime.date(2018, 12, 31),
    )
    agreement.municipalities.set([municipalities["2380"]])
    # The evidence first, then the problem pictures built from it, then the promises that answer them.
    load_dialogues()
    load_statistics(password=password)
    load_surveys(password=password)
    problems = load_problem_pictures(password=password, promises=data.PROMISES_2017)
    for code, commitments in data.PROMISES_2017.items():
        _promise_2017(municipalities[code], commitments, organisations, people,
                      agreement=agreement if code == "2380" else None, problems=problems[code])
    followup.load(password=password, drafters={code: _drafter(code, people) for code in data.PROMISES_2017})
    _demo_second_factors()


# The demo's signatories and administrators sign in with two factors, all with this one public key (README,
# "Demo logins"): add NVSWIYTPOJTWC4TMN5THIZJNMRSW23ZB to an authenticator app, or compute the code from it.
DEMO_TOTP_KEY = "6d6564626f726761726c6f6674652d64656d6f21"  # b"medborgarlofte-demo!"


def _demo_second_factors():
    from django.db.models import Q
    from django_otp.plugins.otp_totp.models import TOTPDevice

    required = Person.objects.filter(
        Q(is_staff=True) | Q(is_superuser=True)
        | Q(pk__in=Membership.objects.filter(role__in=[Membership.Role.SIGNATORY, Membership.Role.ADMINISTRATOR]).values("person_id"))
    ).distinct()
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user=person, name="demo", key=DEMO_TOTP_KEY, confirmed=True, tolerance=1) for person in required)


def _police_structure(municipalities):
    """Return Jämtland's police units, as the data migration loaded them (checked against the demo's data)."""
    units = {}
    for name, codes in data.LOCAL_POLICE_AREAS.items():
        unit = Organisation.objects.select_related("local_police_area__police_area__region").get(local_police_area__name=name)
        covered = set(LocalPoliceAreaCoverage.objects.on(datetime.date(2017, 1, 1))
                      .filter(local_police_area=unit.local_police_area).values_list("municipality__code", flat=True))
        assert covered == set(codes), f"{name} covers {covered}, the demo expects {codes}"
        assert unit.local_police_area.police_area.name == data.POLICE_AREA
        assert unit.local_police_area.police_area.region.name == data.POLICE_REGION
        units[name] = unit
    return units


def _municipal_organisations(municipalities):
    return {name: Organisation.objects.get(municipality=municipalities[code], name=name)
            for code, name in MUNICIPALITY_ORGANISATIONS.items()}


def _partners(municipalities):
    partners = {}
    for name, kind, codes in data.PARTNERS:
        organisation = Organisation.objects.create(name=name, kind=Organisation.Kind.PARTNER, partner_kind=kind)
        organisation.operates_in.set(municipalities[c] for c in codes)
        partners[name] = organisation
    return partners


def _person(username, first, last, password):
    person = Person(username=username, first_name=first, last_name=last)
    person.set_password(password)
    person.save()
    return person


def _people(organisations, password):
    people = {}
    for username, first, last, organisation, role, title, _description in data.PEOPLE:
        people[username] = _person(username, first, last, password)
        Membership.objects.create(person=people[username], organisation=organisations[organisation], role=role, title=title)
    for code, username, first, last in data.OTHER_KSO:
        people[username] = _person(username, first, last, password)
        Membership.objects.create(
            person=people[username], organisation=organisations[MUNICIPALITY_ORGANISATIONS[code]],
            role=Membership.Role.SIGNATORY, title="Kommunstyrelsens ordförande",
        )
    admin = Person(username="admin", first_name="Demo", last_name="Administratör", is_staff=True, is_superuser=True)
    admin.set_password(password)
    admin.save()
    return people


def _drafter(code, people):
    if code in DRAFTERS:
        return people[DRAFTERS[code]]
    return people["kommunpolis.jamtland"]


def _signatories(code, people):
    kso = "kso.ostersund" if code == "2380" else next(u for c, u, *_ in data.OTHER_KSO if c == code)
    lpo = "lpo.ostersund" if code in data.LOCAL_POLICE_AREAS["Lokalpolisområde Östersund"] else "lpo.jamtland"
    return [people[kso], people[lpo]]


def _promise_2017(municipality, commitments, organisations, people, *, agreement, problems):
    drafter = _drafter(municipality.code, people)
    promise = services.create_promise(
        by=drafter, municipalities=[municipality], valid_from=datetime.date(2017, 1, 1),
        valid_to=datetime.date(2017, 12, 31), situation=data.SITUATION, follow_up=data.FOLLOW_UP,
        focus_themes=[c["theme"] for c in commitments], collaboration_agreement=agreement,
    )
    for commitment_data in commitments:
        activities = commitment_data["activities"]
        commitment = services.add_commitment(
            promise, by=drafter, **{k: v for k, v in commitment_data.items() if k != "activities"},
            problems=[problems[commitment_data["focus_area"]]],
        )
        for activity in activities:
            partners = [organisations[name] for name in activity["partners"]]
            values = {k: v for k, v in activity.items() if k != "partners"}
            services.add_activity(commitment, by=drafter, partners=partners, **values)
    version = services.send_promise_for_signing(promise, by=drafter)
    for signatory in _signatories(municipality.code, people):
        services.sign_promise(version, person=signatory)
    services.publish_promise(promise, by=drafter)
    _backdate(promise, version)


def _backdate(promise, version):
    """Move the demo's timestamps to when Jämtland's 2017 promises were actually made."""
    tz = timezone.get_current_timezone()
    signed_at = datetime.datetime.combine(SIGNED_ON, datetime.time(10, 0), tz)
    published_at = datetime.datetime.combine(PUBLISHED_ON, datetime.time(10, 0), tz)
    PromiseVersion.objects.filter(pk=version.pk).update(created_at=signed_at - datetime.timedelta(days=14))
    Signature.objects.filter(version=version).update(signed_at=signed_at)
    Promise.objects.filter(pk=promise.pk).update(published_at=published_at, created_at=signed_at - datetime.timedelta(days=60))
    AuditEntry.objects.filter(target_id=str(promise.pk), target_type__model="promise").update(at=signed_at)
