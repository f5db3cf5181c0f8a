from django.utils.translation import gettext_lazy as _

from medborgarloften.web.registry import Section, register

from .models import Job

RECENT = 5


def recent_jobs(request):
    jobs = list(Job.objects.filter(created_by=request.user)[:RECENT])
    return {"jobs": jobs} if jobs else None


register(Section(name="jobs.recent", title=_("Your background jobs"), template="jobs/_workspace.html",
                 context=recent_jobs, order=90))
