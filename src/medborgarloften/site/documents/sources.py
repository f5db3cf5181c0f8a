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


SITUATION_REPORT = "situation_report"
ACTION_PLAN = "action_plan"


def _picture(picture, content, approved):
    version = picture.approved_version if approved else None
    return {
        "id": picture.pk, "title": content.get("title", picture.title), "year": content.get("year", picture.year),
        "municipalities": [m["name"] for m in content.get("municipalities", [])],
        "evidence_period": list(content.get("evidence_period", [])),
        "approved": approved,
        "version": {"number": version.number, "sha256": version.content_hash,
                    "approved_on": timezone.localtime(picture.approved_at).date().isoformat() if picture.approved_at else None}
        if version is not None else None,
    }


def _evidence(entry):
    return {"label": entry.get("label", ""), "figure": entry.get("figure") or "", "source": entry.get("source") or "",
            "date": entry.get("date") or "", "restricted": bool(entry.get("restricted") or entry.get("kind") == "staff")}


def situation_report_source(report, *, base_url):
    """Return the source of the lägesbild document from ``report`` (what ``site.statutory.situation_report`` returned).

    Build ``report`` in Swedish (the evidence figures are worded then). The
    staff version (``report["public"]`` false) holds restricted staff
    knowledge; the publication version does not, so their hashes differ. No queries.
    """
    public = report["public"]
    content = report["content"]
    problems = []
    for p in report["problems"]:
        problem = {
            "id": p.get("id"), "priority": p.get("priority"), "title": p.get("title", ""),
            "places": list(p.get("places") or []) + list(p.get("sub_areas") or []), "place_notes": p.get("place_notes") or "",
            "times": p.get("times") or "", "affected": p.get("affected") or "", "description": p.get("description") or "",
            "mapping": [_evidence(e) for e in p.get("mapping", [])],
            "other": [_evidence(e) for e in p.get("other", []) if not (public and _evidence(e)["restricted"])],
            "citizen_score": p.get("citizen_score"), "authority_score": p.get("authority_score"),
            "causes": p.get("causes") or "", "cause_offender": p.get("cause_offender") or "",
            "cause_victim": p.get("cause_victim") or "", "cause_place": p.get("cause_place") or "",
        }
        if not public:
            problem["priority_reason"] = p.get("priority_reason") or ""
        problems.append(problem)
    return {
        "kind": SITUATION_REPORT,
        "format": FORMAT,
        "public": public,
        "picture": _picture(report["picture"], content, report["approved"]),
        "problems": problems,
        "justification": content.get("justification", ""),
        "sources": [s for s in report["sources"] if not (public and s["restricted"])],
        "urls": {"base": base_url, "verify_base": verify_url(base_url, "")},
    }


def _measure(commitment):
    promise = commitment.promise
    return {
        "focus_area": commitment.focus_area, "pledge": commitment.pledge, "goal": commitment.goal,
        "indicator": commitment.indicator, "baseline_year": commitment.baseline_year,
        "promise": {"title": promise.title, "state": promise.get_state_display()},
        "activities": [
            {
                "description": a.description,
                "responsible": ", ".join(
                    ([a.get_responsible_display()] if a.responsible != "partners" else []) + [p.name for p in a.partners.all()]),
                "target": a.target_quantity, "unit": a.unit, "recurrence": a.recurrence,
                "period_start": _date(a.period_start), "period_end": _date(a.period_end), "places": a.places,
            }
            for a in commitment.activities.all()
        ],
    }


def action_plan_source(plan, *, base_url):
    """Return the source of the åtgärdsplan document from ``plan`` (what ``site.statutory.action_plan`` returned).

    Build it in Swedish (states and responsible parties are worded then). No queries.
    """
    content = plan["content"]
    return {
        "kind": ACTION_PLAN,
        "format": FORMAT,
        "picture": _picture(plan["picture"], content, plan["approved"]),
        "rows": [
            {"problem": {"title": row["problem"].get("title", ""), "priority": row["problem"].get("priority")},
             "measures": [_measure(c) for c in row["commitments"]]}
            for row in plan["rows"]
        ],
        "without": [{"title": p.get("title", ""), "priority_reason": p.get("priority_reason") or ""} for p in plan["without"]],
        "unlinked": [{"focus_area": c.focus_area, "promise": c.promise.title} for c in plan["unlinked"]],
        "urls": {"base": base_url, "verify_base": verify_url(base_url, "")},
    }
