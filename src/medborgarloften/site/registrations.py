"""The public site's entries in the main menu, and the activity library's examples beside a draft's commitments."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from medborgarloften.followup import library
from medborgarloften.promises.aids import CommitmentAid, register_commitment_aid
from medborgarloften.scope.themes import Theme
from medborgarloften.web.registry import Link, register_link

register_link(Link(name="site.counties", label=_("Counties"), url_name="site:home", order=10))
register_link(Link(name="site.activities", label=_("Activity library"), url_name="site:activity_library", order=15))
register_link(Link(name="site.about", label=_("What are citizen promises?"), url_name="site:about", order=20))


def theme_examples(request, promise):
    """Beside each commitment of a draft: what other municipalities promised on its theme, with their results."""
    commitments = list(promise.commitments.all())
    examples = library.theme_examples([c.theme for c in commitments], exclude_municipalities=promise.municipalities.all())
    labels = dict(Theme.choices)
    contexts = {}
    for commitment in commitments:
        if commitment.theme:
            contexts[commitment.pk] = {
                "theme": labels[commitment.theme], "entries": examples.get(commitment.theme, []),
                "url": f"{reverse('site:activity_library')}?{urlencode({'tema': commitment.theme})}",
            }
        else:
            contexts[commitment.pk] = {"theme": None, "edit_url": reverse("promises:commitment_edit", args=[commitment.pk])}
    return contexts


register_commitment_aid(CommitmentAid(name="site.theme_examples", template="site/_theme_examples.html",
                                      context=theme_examples))
