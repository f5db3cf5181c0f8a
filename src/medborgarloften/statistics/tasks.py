"""Background jobs for imports: the check (preview) and the import itself, each with progress on its Job."""

from medborgarloften.jobs.services import job_task


@job_task
def check_import_task(job, run_id):
    from . import services
    from .models import ImportRun

    run = services.check_import(ImportRun.objects.get(pk=run_id), job=job)
    return services.job_result(run)


@job_task
def commit_import_task(job, run_id):
    from . import services
    from .models import ImportRun

    run = services.write_import(ImportRun.objects.get(pk=run_id), job=job)
    return services.job_result(run)
