"""Atom feeds (Django's syndication framework) of what happens to public promises: nationally, per county,
per municipality and per promise."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from medborgarloften.areas.models import County, Municipality
from medborgarloften.promises.models import Promise, public_promise_filter

from medborgarloften.promises.selectors import signed_title_map

from .events import events_for


def _signed(promise):
    """The promise with its title as signed (a title is part of the signed text)."""
    promise.title = signed_title_map([promise.pk]).get(promise.pk, promise.title)
    return promise


class _EventFeed(Feed):
    feed_type = Atom1Feed
    author_name = "Medborgarlöften"

    def items(self, obj):
        return events_for(self.promises(obj))

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        return event.description

    def item_link(self, event):
        return event.url

    def item_guid(self, event):
        return f"{event.url}#{event.key}"

    item_guid_is_permalink = False

    def item_pubdate(self, event):
        return event.at

    def item_updateddate(self, event):
        return event.at


class NationalFeed(_EventFeed):
    def title(self):
        return _("Citizen promises in Sweden")

    def link(self):
        return reverse("site:home")

    def subtitle(self):
        return _("New, signed, followed-up and withdrawn citizen promises.")

    def get_object(self, request):
        return None

    def promises(self, obj):
        return Promise.objects.all()


class CountyFeed(_EventFeed):
    def get_object(self, request, code, slug):
        return get_object_or_404(County, code=code)

    def title(self, county):
        return _("Citizen promises in %(place)s") % {"place": county.name}

    def link(self, county):
        return county.get_absolute_url()

    def promises(self, county):
        return Promise.objects.filter(pk__in=Promise.municipalities.through.objects.filter(
            municipality__county=county).values("promise_id"))


class MunicipalityFeed(_EventFeed):
    def get_object(self, request, code, slug):
        return get_object_or_404(Municipality, code=code)

    def title(self, municipality):
        return _("Citizen promises in %(place)s") % {"place": municipality.name}

    def link(self, municipality):
        return municipality.get_absolute_url()

    def promises(self, municipality):
        return Promise.objects.filter(pk__in=Promise.municipalities.through.objects.filter(
            municipality=municipality).values("promise_id"))


class PromiseFeed(_EventFeed):
    def get_object(self, request, pk):
        promise = Promise.objects.filter(public_promise_filter(), pk=pk).first()
        if promise is None:
            raise Http404
        return _signed(promise)

    def title(self, promise):
        return promise.title

    def link(self, promise):
        return promise.get_absolute_url()

    def promises(self, promise):
        return Promise.objects.filter(pk=promise.pk)
