"""The Jämtland test cast: places, organisations, people and promises.

Built once per test class in ``CastTestCase.setUpTestData`` through the same
services people use, so every promise is in a state the system can reach.

Polisregion Nord → Polisområde Jämtland → two local police areas (LPO):
LPO Östersund covers Östersund, Bräcke and Ragunda; LPO Jämtland/Härjedalen
covers Krokom, Strömsund, Åre, Berg and Härjedalen. The police structure and
the organisations of every municipality and local police area come from the
areas app's data migration, as in every fresh database; nobody works for
Bräcke here.
"""

import datetime
from contextlib import contextmanager

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import translation

from medborgarloften.accounts.models import Membership, Person
from medborgarloften.areas.models import LocalPoliceArea, Municipality, Organisation, PoliceArea, PoliceRegion
from medborgarloften.audit.models import AuditEntry
from medborgarloften.audit.selectors import entries_for
from medborgarloften.promises import selectors, services
from medborgarloften.promises.models import Activity, Commitment, Promise, PromiseParty, PromiseVersion, Signature

# Every person in the cast, in the order the permission tests list them.
CAST = (
    "ostersund_coordinator",
    "berg_coordinator",
    "community_police",
    "ostersund_signatory",
    "berg_signatory",
    "lpo_ostersund_chief",
    "lpo_jh_chief",
    "ostersund_viewer",
    "ostersund_admin",
    "former_coordinator",
    "partner",
    "outsider",
    "resident",
)

# Every promise in the cast, by municipality and state.
PROMISES = tuple(
    f"{place}_{state}" for place in ("ostersund", "berg")
    for state in ("draft", "approved", "awaiting", "signed", "published", "withdrawn")
) + ("ostersund_partly_signed",)

OSTERSUND, BRACKE, RAGUNDA = "2380", "2305", "2303"
KROKOM, STROMSUND, ARE, BERG, HARJEDALEN = "2309", "2313", "2321", "2326", "2361"
LPO_OSTERSUND_CODES = (OSTERSUND, BRACKE, RAGUNDA)
LPO_JH_CODES = (KROKOM, STROMSUND, ARE, BERG, HARJEDALEN)

YEAR_2018 = {"valid_from": datetime.date(2018, 1, 1), "valid_to": datetime.date(2018, 12, 31)}
YEAR_2017 = {"valid_from": datetime.date(2017, 1, 1), "valid_to": datetime.date(2017, 12, 31)}


def everyone_but(*names):
    """Return the cast members not in ``names``."""
    unknown = set(names) - set(CAST)
    assert not unknown, f"not in the cast: {unknown}"
    return [name for name in CAST if name not in names]


def person(username, first_name, last_name, *memberships):
    """Create a person holding ``memberships`` given as (organisation, role, title) or (…, valid_to)."""
    someone = Person.objects.create(username=username, first_name=first_name, last_name=last_name)
    for organisation, role, title, *valid_to in memberships:
        Membership.objects.create(
            person=someone, organisation=organisation, role=role, title=title,
            valid_to=valid_to[0] if valid_to else None,
        )
    return someone


class CastTestCase(TestCase):
    """A test case with the Jämtland cast as class attributes (see the module docstring)."""

    @classmethod
    def setUpTestData(cls):
        cls.municipalities = {m.code: m for m in Municipality.objects.filter(county__code="23")}
        cls.ostersund = cls.municipalities[OSTERSUND]
        cls.berg = cls.municipalities[BERG]
        cls.bracke = cls.municipalities[BRACKE]

        # --- police structure, organisations: as every fresh database has them --
        cls.region = PoliceRegion.objects.get(name="Polisregion Nord")
        cls.police_area = PoliceArea.objects.get(name="Polisområde Jämtland")
        cls.lpo_ostersund = LocalPoliceArea.objects.get(name="Lokalpolisområde Östersund")
        cls.lpo_jh = LocalPoliceArea.objects.get(name="Lokalpolisområde Jämtland/Härjedalen")
        cls.ostersund_police = Organisation.objects.get(local_police_area=cls.lpo_ostersund)
        cls.jh_police = Organisation.objects.get(local_police_area=cls.lpo_jh)
        cls.ostersund_municipality = Organisation.objects.get(municipality=cls.ostersund)
        cls.berg_municipality = Organisation.objects.get(municipality=cls.berg)
        cls.bracke_municipality = Organisation.objects.get(municipality=cls.bracke)
        cls.victim_support = Organisation.objects.create(
            name="Brottsofferjouren Jämtland", kind=Organisation.Kind.PARTNER,
            partner_kind=Organisation.PartnerKind.VICTIM_SUPPORT,
        )
        cls.victim_support.operates_in.set(cls.municipalities.values())
        cls.property_owner = Organisation.objects.create(
            name="Östersundshem", kind=Organisation.Kind.PARTNER, partner_kind=Organisation.PartnerKind.PROPERTY_OWNER,
        )
        cls.property_owner.operates_in.set([cls.ostersund])

        # --- people ------------------------------------------------------------
        editor, signatory = Membership.Role.EDITOR, Membership.Role.SIGNATORY
        # Drafts and edits Östersund's promises; may approve them for the municipality.
        cls.ostersund_coordinator = person(
            "samordnare.ostersund", "Sara", "Lind", (cls.ostersund_municipality, editor, "Trygghetssamordnare"))
        # The same for Berg; has no rights at all on Östersund's promises.
        cls.berg_coordinator = person(
            "samordnare.berg", "Per", "Berg", (cls.berg_municipality, editor, "Trygghetssamordnare"))
        # Edits for the police side of LPO Östersund (Östersund, Bräcke, Ragunda);
        # cannot record the municipal body's approval.
        cls.community_police = person(
            "kommunpolis.ostersund", "Jonas", "Ek", (cls.ostersund_police, editor, "Kommunpolis"))
        # Signs for Östersunds kommun only; may publish and withdraw its promises.
        cls.ostersund_signatory = person(
            "kso.ostersund", "Karin", "Holm", (cls.ostersund_municipality, signatory, "Kommunstyrelsens ordförande"))
        # Signs for Bergs kommun only.
        cls.berg_signatory = person(
            "kso.berg", "Lars", "Nilsson", (cls.berg_municipality, signatory, "Kommunstyrelsens ordförande"))
        # Signs for the police party of Östersund's promises, never for the municipality.
        cls.lpo_ostersund_chief = person(
            "lpo.ostersund", "Maria", "Sjöberg", (cls.ostersund_police, signatory, "Lokalpolisområdeschef"))
        # Signs for the police party of Berg's promises.
        cls.lpo_jh_chief = person(
            "lpo.jh", "Erik", "Strand", (cls.jh_police, signatory, "Lokalpolisområdeschef"))
        # Reads Östersund's drafts; may change nothing.
        cls.ostersund_viewer = person(
            "lasare.ostersund", "Eva", "Dahl", (cls.ostersund_municipality, Membership.Role.VIEWER, ""))
        # Manages Östersunds kommun's people; reads its drafts but may change no promise.
        cls.ostersund_admin = person(
            "admin.ostersund", "Nils", "Berglund", (cls.ostersund_municipality, Membership.Role.ADMINISTRATOR, ""))
        # Was Östersund's coordinator until mid-2017: no rights today.
        cls.former_coordinator = person(
            "tidigare.ostersund", "Olle", "Lund",
            (cls.ostersund_municipality, editor, "Trygghetssamordnare", datetime.date(2017, 6, 30)))
        # Editor at Brottsofferjouren, named on an activity of every Östersund
        # promise: reads those (drafts too) but changes and signs nothing.
        cls.partner = person(
            "brottsofferjouren", "Lina", "Ström", (cls.victim_support, editor, "Verksamhetsledare"))
        # Signed in, but belongs to no organisation: sees what a resident sees.
        cls.outsider = person("utomstaende", "Ali", "Karlsson")
        # Anyone on the web: sees published (and superseded) promises only.
        cls.resident = AnonymousUser()

        # --- promises in each state -------------------------------------------
        for place, coordinator, signatories in (
            ("ostersund", cls.ostersund_coordinator, (cls.lpo_ostersund_chief, cls.ostersund_signatory)),
            ("berg", cls.berg_coordinator, (cls.lpo_jh_chief, cls.berg_signatory)),
        ):
            municipality = getattr(cls, place)
            partners = [cls.victim_support] if place == "ostersund" else []

            def draft(period=YEAR_2018):
                return cls.draft_promise(municipality, coordinator, partners=partners, **period)

            setattr(cls, f"{place}_draft", draft())
            approved = draft()
            services.approve_promise(approved, by=coordinator, body="Kommunstyrelsen", approved_on=datetime.date(2017, 12, 4))
            setattr(cls, f"{place}_approved", approved)
            awaiting = draft()
            services.send_promise_for_signing(awaiting, by=coordinator)
            setattr(cls, f"{place}_awaiting", awaiting)
            signed = draft()
            cls.sign_all(signed, coordinator, signatories)
            setattr(cls, f"{place}_signed", signed)
            published = draft(YEAR_2017)
            cls.sign_all(published, coordinator, signatories)
            services.publish_promise(published, by=coordinator)
            setattr(cls, f"{place}_published", published)
            withdrawn = draft()
            services.send_promise_for_signing(withdrawn, by=coordinator)
            services.withdraw_promise(withdrawn, by=signatories[1], reason="Ersätts av en gemensam plan.")
            setattr(cls, f"{place}_withdrawn", withdrawn)

        # Awaiting signatures, and the police has already signed.
        cls.ostersund_partly_signed = cls.draft_promise(
            cls.ostersund, cls.ostersund_coordinator, partners=[cls.victim_support], **YEAR_2018)
        version = services.send_promise_for_signing(cls.ostersund_partly_signed, by=cls.ostersund_coordinator)
        services.sign_promise(version, person=cls.lpo_ostersund_chief)

        # The services return fresh copies; keep the class attributes in step.
        for name in PROMISES:
            setattr(cls, name, Promise.objects.get(pk=getattr(cls, name).pk))
        for name in CAST:
            # Memberships are cached on the person object; start each test without.
            getattr(cls, name).__dict__.pop("_current_memberships", None)

    @classmethod
    def draft_promise(cls, municipality, coordinator, *, partners=(), **period):
        """Return a new draft for ``municipality`` with one commitment and one activity."""
        promise = services.create_promise(by=coordinator, municipalities=[municipality], **period)
        commitment = services.add_commitment(
            promise, by=coordinator, focus_area="Trafiksäkerhet",
            pledge="Polisen och kommunen lovar att öka tryggheten i trafiken.",
        )
        services.add_activity(
            commitment, by=coordinator, description="Trafikkontroller vid skolor", responsible=Activity.Responsible.POLICE,
            target_quantity=50, unit="trafikkontroller", recurrence="Torsdagar och söndagar, januari–april",
        )
        if partners:
            services.add_activity(
                commitment, by=coordinator, description="Stöd till brottsutsatta", responsible=Activity.Responsible.PARTNERS,
                partners=partners,
            )
        return promise

    @classmethod
    def sign_all(cls, promise, coordinator, signatories):
        """Send ``promise`` for signing and have every signatory sign it."""
        version = services.send_promise_for_signing(promise, by=coordinator)
        for signatory in signatories:
            services.sign_promise(version, person=signatory)

    # --- helpers for tests --------------------------------------------------

    def fresh(self, promise):
        """Return ``promise`` re-read from the database, with its content, versions and signatures."""
        return selectors.promise_with_content(promise.pk)

    def latest_version(self, promise):
        return selectors.latest_version(self.fresh(promise))

    def assertPermission(self, perm, obj, *, allowed, denied):
        """Assert that exactly ``allowed`` of the cast have ``perm`` on ``obj`` and ``denied`` have not.

        Every cast member must be named in one of the two lists.
        """
        allowed, denied = list(allowed), list(denied)
        self.assertEqual(sorted(allowed + denied), sorted(CAST), "name every cast member exactly once")
        wrong = [f"{name} should be allowed" for name in allowed if not getattr(self, name).has_perm(perm, obj)]
        wrong += [f"{name} should be denied" for name in denied if getattr(self, name).has_perm(perm, obj)]
        self.assertEqual(wrong, [], f"{perm} on {obj!r}")


    def audit(self, target):
        """Return (actor, action, changes) of the audit entries about ``target``, oldest first."""
        return [(e.actor, e.action, e.changes) for e in reversed(entries_for(target))]

    def last_audit(self, target):
        return self.audit(target)[-1]

    @contextmanager
    def assertWritesNothing(self):
        """Assert that the block leaves promises, their content, versions, signatures and the audit log as they were."""
        before = self.snapshot()
        yield
        self.assertEqual(self.snapshot(), before)

    def snapshot(self):
        return {
            model.__name__: list(model.objects.order_by("pk").values())
            for model in (Promise, PromiseParty, Commitment, Activity, Activity.partners.through, PromiseVersion, Signature, AuditEntry)
        }

    @contextmanager
    def assertInvalid(self, code, message, *, field=None):
        """Assert that the block raises a ValidationError with ``code`` and the English ``message`` (on ``field``)."""
        with translation.override("en"):
            with self.assertRaises(ValidationError) as caught:
                yield caught
            error = caught.exception
            if field is None:
                self.assertFalse(hasattr(error, "error_dict"), f"expected a non-field error, got {error}")
                errors = error.error_list
            else:
                self.assertIn(field, getattr(error, "error_dict", {}), f"expected an error on {field}, got {error}")
                errors = error.error_dict[field]
            self.assertIn((code, message), [(e.code, next(iter(e))) for e in errors])
