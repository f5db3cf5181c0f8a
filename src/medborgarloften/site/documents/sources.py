"""What each document shows, as plain JSON data with a SHA-256 of its own.

A document is drawn from its source alone, so the source's hash says whether
a stored file is still the right one: the same source, the same PDF. The
promise document draws the signed version's frozen content
(``PromiseVersion.content``), never the live rows; the follow-up document
draws what the yearly follow-up pages show.
"""

import hashlib
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from medborgarloften.areas.models import Municipality
from medborgarloften.promises.models import canonical_json
from medborgarloften.promises.selectors import valid_signatures

# Part of every source: raise it when the layout changes and every document is rendered anew.
FORMAT = 1

PROMISE = "promise"
MUNICIPALITY_FOLLOWUP = "municipality_followup"
COUNTY_FOLLOWUP = "county_followup"


def source_hash(source):
    """Return the SHA-256 (hex) of ``source``'s canonical JSON."""
    return hashlib.sha256(canonical_json(source)).hexdigest()


def verify_url(base_url, sha256):
    """Return the absolute address of the verification page for ``sha256`` (the QR code's target)."""
    return f"{base_url}{reverse('site_documents:verify')}?{urlencode({'sha256': sha256})}"


def _date(value):
    return value.isoformat() if value else None


def promise_source(promise, version, *, base_url):
    """Return the source of the promise document of ``version`` (a signed version of the public ``promise``).

    ``version`` must have its signatures loaded. One query (the municipalities' names).
    """
    content = version.content
    codes = list(content.get("municipalities", []))
    names = dict(Municipality.objects.filter(code__in=codes).values_list("code", "name"))
    return {
        "kind": PROMISE,
        "format": FORMAT,
        "content": content,
        "version": {"number": version.number, "sha256": version.content_hash},
        "municipalities": [names.get(code, code) for code in codes],
        "approved": {"body": promise.approved_by_body, "on": _date(promise.approved_on)} if promise.approved_by_body else None,
        "registered_afterwards": promise.registered_afterwards,
        "signatures": [
            {
                "name": s.name, "title": s.title, "organisation": s.organisation_name,
                "signed_on": timezone.localtime(s.signed_at).date().isoformat(), "on_paper": s.on_paper,
            }
            for s in valid_signatures(version)
        ],
        "urls": {
            "base": base_url,
            "verify": verify_url(base_url, version.content_hash),
            "promise": f"{base_url}{promise.get_absolute_url()}",
        },
    }


def _decimal(value):
    return None if value is None else str(value)


def _indicator(series):
    if series is None:
        return None
    indicator, latest = series.indicator, series.latest
    return {
        "name": indicator.name, "unit": indicator.unit,
        "baseline_year": indicator.baseline_year, "baseline_value": _decimal(indicator.baseline_value),
        "latest_year": latest.year if latest else None, "latest_value": _decimal(latest.value) if latest else None,
        "improved": series.improved, "target_met": series.target_met,
    }


def followup_source(place, year, followups, *, base_url, url):
    """Return the source of the yearly follow-up document of ``place`` (a Municipality or County) for ``year``.

    ``followups`` is what ``followup.selectors.yearly_followup`` returned; ``url``
    the address of the yearly follow-up page. No queries.
    """
    kind = MUNICIPALITY_FOLLOWUP if isinstance(place, Municipality) else COUNTY_FOLLOWUP
    promises = []
    for promise, followup in followups:
        final = followup.final_report
        last = followup.last_report
        promises.append({
            "title": promise.title,
            "url": f"{base_url}{promise.get_absolute_url()}",
            "valid_from": _date(promise.valid_from), "valid_to": _date(promise.valid_to),
            "extended_to": _date(promise.extended_to),
            "state": promise.state,
            "last_report": {"label": last.label, "period_end": _date(last.period_end)} if last else None,
            "missing": followup.missing,
            "final_summary": final.summary if final else "",
            "commitments": [
                {
                    "focus_area": commitment.focus_area,
                    "activities": [
                        _activity(activity, followup.progress.get(activity.pk))
                        for activity in commitment.activities.all()
                    ],
                    "indicator": _indicator(followup.indicators.get(commitment.pk)),
                }
                for commitment in promise.commitments.all()
            ],
        })
    return {
        "kind": kind,
        "format": FORMAT,
        "place": {"code": place.code, "name": place.name},
        "year": year,
        "promises": promises,
        "urls": {"base": base_url, "page": f"{base_url}{url}", "verify_base": verify_url(base_url, "")},
    }


def _activity(activity, progress):
    return {
        "description": activity.description,
        "target": activity.target_quantity,
        "unit": activity.unit,
        "actual": progress.actual if progress else None,
        "share": _decimal(progress.share) if progress else None,
        "achieved": bool(progress and progress.achieved),
        "status": progress.status if progress else "",
        "reason": progress.reason if progress else "",
    }
