"""The OpenAPI description validates, and a property-based run of the API against it finds no 5xx and no answer
that breaks it (schemathesis, on the WSGI app, with the test data loaded)."""

import time

from contextlib import contextmanager

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from schemathesis import openapi
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.site.opendata.base import OpenDataTestCase

EXAMPLES = 40


@contextmanager
def connections_kept_open():
    """Keep the test's database connection across the WSGI app's requests (as Django's test client does).

    The real handler closes old connections at the start and end of each
    request; inside a test that would close the connection holding the test's
    transaction (on PostgreSQL).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


class SchemaTest(OpenDataTestCase):
    def test_the_openapi_description_is_served_and_valid(self):
        response = self.get("/api/v1/schema/")
        self.assertEqual(response["Content-Type"], "application/json")
        schema = response.json()
        validate_schema(schema)
        self.assertEqual(schema["openapi"][:2], "3.")
        self.assertIn("/api/v1/promises/", schema["paths"])
        self.assertNotIn("/api/v1/promises{format}", schema["paths"])
        self.assertIn("openapi:", self.get("/api/v1/schema/", format="yaml").content.decode())

    def test_a_property_based_run_finds_no_server_error_and_no_answer_outside_the_schema(self):
        with connections_kept_open():
            self._run_against_the_schema()

    def _run_against_the_schema(self):
        schema = openapi.from_wsgi("/api/v1/schema/", WSGIHandler())
        started, calls = time.monotonic(), []
        operations = [result.ok() for result in schema.get_all_operations()]
        self.assertGreaterEqual(len(operations), 14)
        for operation in operations:
            with self.subTest(operation=operation.label):

                # Random ids find no promise; the detail is also run against a real one.
                fixed = {"path_parameters": {"id": self.ostersund_published.pk}} if "{id}" in operation.label else {}

                @given(case=operation.as_strategy(**fixed))
                @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                          suppress_health_check=list(HealthCheck))
                def run(case):
                    response = case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
                    calls.append((operation.label, response.status_code))

                run()
        self.assertLess(time.monotonic() - started, 60)
        print(f"schemathesis: {len(calls)} requests in {time.monotonic() - started:.1f} s")
        # Every operation answered with data at least once (not only with 400s or 404s).
        self.assertEqual({label for label, status in calls if status == 200}, {operation.label for operation in operations})
