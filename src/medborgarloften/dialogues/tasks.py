"""Background tasks: analysing a new comment's themes (a plain task: there is nobody to watch it)."""

from django_tasks import task


@task()
def analyse_comment_task(comment_id):
    """Store theme suggestions for comment ``comment_id`` (gone already: nothing to do)."""
    from .models import Comment
    from .services import analyse_comment

    comment = Comment.objects.filter(pk=comment_id).only("pk", "text").first()
    if comment is not None:
        analyse_comment(comment)
