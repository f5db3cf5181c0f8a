"""Background jobs: a task records its status, progress and result on the Job a page shows."""

from django.test import TransactionTestCase, override_settings

from medborgarloften.accounts.models import Person
from medborgarloften.cli import main
from medborgarloften.jobs.models import Job
from medborgarloften.jobs.services import job_task, progress, start_job
from tests.cast import CastTestCase


@job_task
def count_to(job, n):
    for i in range(n):
        progress(job, done=i + 1, total=n, message=f"{i + 1} av {n}", force=True)
    return {"summary": [f"Räknade till {n}."]}


@job_task
def fail(job):
    progress(job, done=1, total=3, force=True)
    raise ValueError("trasig rad")


class JobTests(CastTestCase):
    def test_a_job_runs_when_the_transaction_commits_and_records_its_result(self):
        with self.captureOnCommitCallbacks(execute=True):
            job = start_job(count_to, kind="tests.count", label="Räkna", by=self.ostersund_coordinator, args=[3])
            self.assertEqual(Job.objects.get(pk=job.pk).status, Job.Status.QUEUED)
        job.refresh_from_db()
        self.assertEqual((job.status, job.done, job.total, job.percent), (Job.Status.SUCCEEDED, 3, 3, 100))
        self.assertEqual(job.result, {"summary": ["Räknade till 3."]})
        self.assertTrue(job.task_id)
        self.assertIsNotNone(job.finished_at)

    def test_a_failing_job_is_marked_failed_with_the_error(self):
        with self.captureOnCommitCallbacks(execute=True):
            job = start_job(fail, kind="tests.fail", label="Misslyckas", by=self.ostersund_coordinator)
        job.refresh_from_db()
        self.assertEqual(job.status, Job.Status.FAILED)
        self.assertEqual(job.result["failure"], "ValueError: trasig rad")
        self.assertEqual(job.percent, 33)

    def test_its_page_shows_progress_to_the_person_who_started_it_only(self):
        job = Job.objects.create(kind="tests.count", label="Import av händelser", created_by=self.ostersund_coordinator,
                                 status=Job.Status.RUNNING, done=40, total=160, message="Läser rad 40")
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.get(job.get_absolute_url())
        self.assertContains(response, '<meta http-equiv="refresh" content="2">')
        self.assertContains(response, "25 %")
        self.assertContains(response, "Läser rad 40")
        self.client.force_login(self.berg_coordinator)
        self.assertEqual(self.client.get(job.get_absolute_url()).status_code, 404)

    def test_a_finished_job_shows_its_result_and_stops_reloading(self):
        job = Job.objects.create(kind="tests.count", label="Import", created_by=self.ostersund_coordinator,
                                 status=Job.Status.SUCCEEDED, result={"summary": ["1 000 rader lästa"], "errors": ["Rad 7: okänd kommun"]})
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.get(job.get_absolute_url())
        self.assertNotContains(response, "http-equiv")
        self.assertContains(response, "1 000 rader lästa")
        self.assertContains(response, "Rad 7: okänd kommun")

    def test_the_workspace_lists_the_persons_recent_jobs(self):
        Job.objects.create(kind="tests.count", label="Import av Brå-statistik", created_by=self.ostersund_coordinator)
        self.client.force_login(self.ostersund_coordinator)
        self.assertContains(self.client.get("/arbetsyta/"), "Import av Brå-statistik")
        self.client.force_login(self.berg_coordinator)
        self.assertNotContains(self.client.get("/arbetsyta/"), "Import av Brå-statistik")


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}


class WorkerTests(TransactionTestCase):
    """The worker runs in its own transactions and closes connections between tasks, as in production."""

    # Other tests need the areas data the migrations loaded; restore it afterwards.
    serialized_rollback = True

    def test_with_the_database_backend_the_worker_runs_what_was_queued(self):
        person = Person.objects.create(username="samordnare.kö")
        with override_settings(TASKS=DATABASE_TASKS, TASK_BACKEND="database"):
            job = start_job(count_to, kind="tests.count", label="Räkna i kön", by=person, args=[2])
            self.assertEqual(Job.objects.get(pk=job.pk).status, Job.Status.QUEUED)
            self.assertEqual(main(["worker", "--batch"]), 0)
        job.refresh_from_db()
        self.assertEqual((job.status, job.result), (Job.Status.SUCCEEDED, {"summary": ["Räknade till 2."]}))

    def test_the_worker_refuses_to_start_when_tasks_run_immediately(self):
        self.assertEqual(main(["worker", "--batch"]), 2)
