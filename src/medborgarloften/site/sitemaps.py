"""The sitemap: every public page a search engine should find."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from medborgarloften.areas.models import County, Municipality
from medborgarloften.promises.models import Promise, public_promise_filter


class StaticSitemap(Sitemap):
    def items(self):
        return ["site:home", "site:about"]

    def location(self, name):
        return reverse(name)


class CountySitemap(Sitemap):
    def items(self):
        return County.objects.order_by("code")


class MunicipalitySitemap(Sitemap):
    def items(self):
        return Municipality.objects.order_by("code")


class PromiseSitemap(Sitemap):
    def items(self):
        return Promise.objects.filter(public_promise_filter()).only("pk", "updated_at").order_by("pk")

    def lastmod(self, promise):
        return promise.updated_at


SITEMAPS = {"pages": StaticSitemap, "counties": CountySitemap, "municipalities": MunicipalitySitemap,
            "promises": PromiseSitemap}
