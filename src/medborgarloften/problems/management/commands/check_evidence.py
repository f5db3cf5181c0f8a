"""Check every problem picture's evidence against its sources (run it nightly, e.g. from cron)."""

from django.core.management.base import BaseCommand

from medborgarloften.problems.services import check_all_evidence


class Command(BaseCommand):
    help = "Check every evidence link of the problem pictures against its source and flag those that changed."

    def handle(self, *args, **options):
        changed = check_all_evidence()
        self.stdout.write(f"{changed} evidence links flagged or cleared.")
