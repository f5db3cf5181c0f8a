"""Problem pictures in the open data API: the approved version's public parts only, never staff knowledge or drafts."""

import csv
import io

from django.test import override_settings

from medborgarloften.problems import services
from tests.cast import BERG, OSTERSUND
from tests.problems.base import STAFF_SECRET
from tests.problems.test_promises_trace import TraceTestCase


@override_settings(RATELIMIT_ENABLE=False)
class ProblemPicturesApiTest(TraceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        by = cls.ostersund_coordinator
        # Evidence of every public kind behind the prioritised problem.
        services.link_evidence(cls.littering, by=by, municipality=cls.ostersund, kind="statistics",
                               category=cls.graffiti, year=2016)
        services.link_evidence(cls.littering, by=by, municipality=cls.ostersund, kind="dialogues", theme="poor_lighting")
        services.link_evidence(cls.littering, by=by, municipality=cls.ostersund, kind="comment",
                               comment=cls.lighting_comments[0])
        cls.graffiti_problem = services.add_problem(cls.picture, by=by, title="Klotter på skolor", theme="graffiti",
                                                    description="Klotter på skolornas väggar.")
        services.set_priorities(cls.picture, by=by, order=[cls.littering.pk, cls.graffiti_problem.pk],
                                justification="Hemlig motivering om resurser.")
        services.approve_problem_picture(cls.picture, by=by)
        services.approve_problem_picture(cls.picture, by=cls.community_police)
        cls.forget_memberships()
        # After approval: a change waiting for the next approval, and another municipality's draft picture.
        services.add_problem(cls.picture, by=by, title="Ändring som väntar på godkännande", theme="other")
        draft = services.create_problem_picture(by=cls.berg_coordinator, municipalities=[cls.berg], year=2017)
        services.add_problem(draft, by=cls.berg_coordinator, title="Utkast i Berg", theme="other")
        cls.forget_memberships()

    def get(self, path, **params):
        response = self.client.get(path, {"limit": 1000, **params})
        self.assertEqual(response.status_code, 200, response.content[:500])
        return response

    def test_only_the_approved_version_of_approved_pictures_appears_with_its_public_problems_in_priority_order(self):
        records = self.get("/api/v1/problem-pictures/").json()["results"]
        self.assertEqual([r["id"] for r in records], [self.picture.pk])
        record = records[0]
        self.assertEqual(record["municipalities"], [{"code": OSTERSUND, "name": "Östersund", "county_code": "23"}])
        self.assertEqual(record["year"], 2017)
        self.assertEqual([(p["position"], p["priority"], p["title"]) for p in record["problems"]],
                         [(1, 1, "Nedskräpning i centrum"), (2, 2, "Klotter på skolor")])
        littering = record["problems"][0]
        self.assertEqual(sorted(e["kind"] for e in littering["evidence"]),
                         ["comment", "dialogues", "statistics", "survey"])
        survey = next(e for e in littering["evidence"] if e["kind"] == "survey")
        self.assertEqual((survey["estimate"], survey["ci_low"], survey["ci_high"]), (0.42, 0.37, 0.47))
        self.assertIn("42", survey["figure"])
        comment = next(e for e in littering["evidence"] if e["kind"] == "comment")
        self.assertTrue(comment["url"].startswith("http://testserver/"))

    def test_staff_knowledge_internal_problems_drafts_and_the_reasons_never_appear(self):
        for body in (self.get("/api/v1/problem-pictures/").content.decode(),
                     self.get("/api/v1/problem-pictures.csv").content.decode("utf-8")):
            for secret in (STAFF_SECRET, "Intern fråga", "Utkast i Berg", "Ändring som väntar på godkännande",
                           "Hemlig motivering", '"staff"', "authority_score", "citizen_score"):
                self.assertNotIn(secret, body)
        self.assertEqual(self.get("/api/v1/problem-pictures/", municipality=BERG).json()["results"], [])

    def test_filters_by_municipality_county_and_year(self):
        def ids(**params):
            return [r["id"] for r in self.get("/api/v1/problem-pictures/", **params).json()["results"]]

        self.assertEqual(ids(municipality=OSTERSUND), [self.picture.pk])
        self.assertEqual(ids(county="23", year=2017), [self.picture.pk])
        self.assertEqual(ids(county="01"), [])
        self.assertEqual(ids(year=2018), [])

    def test_csv_has_one_line_per_evidence_entry_and_a_line_for_a_problem_without_evidence(self):
        response = self.get("/api/v1/problem-pictures.csv")
        self.assertIn('filename="problembilder.csv"', response["Content-Disposition"])
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8")[1:]), delimiter=";"))
        self.assertEqual([(r["problem.title"], r["problem.evidence.kind"]) for r in rows], [
            ("Nedskräpning i centrum", "comment"), ("Nedskräpning i centrum", "dialogues"),
            ("Nedskräpning i centrum", "statistics"), ("Nedskräpning i centrum", "survey"),
            ("Klotter på skolor", "")])
        self.assertEqual({r["municipality_codes"] for r in rows}, {OSTERSUND})
        self.assertEqual(rows[0]["title"], self.picture.title)
