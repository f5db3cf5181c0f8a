from django.core.management import call_command
from django.test import SimpleTestCase


class SystemCheckTests(SimpleTestCase):
    def test_django_finds_no_problem_with_the_project(self):
        """What `medborgarloften setup` runs before migrating: any error (such as two constraints sharing a name) fails."""
        call_command("check", fail_level="WARNING", verbosity=0)
