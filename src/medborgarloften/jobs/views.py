from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import Job


@login_required
def detail(request, pk):
    """A job's progress while it runs (the page reloads itself, no script needed) and its result after."""
    job = get_object_or_404(Job, pk=pk)
    if job.created_by_id != request.user.pk and not request.user.is_superuser:
        raise Http404
    return render(request, "jobs/detail.html", {"job": job})
