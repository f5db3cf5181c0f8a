"""Fuzzing every form: whatever is typed into any public form or any form of a coordinator's workspace, no 5xx.

The forms are found, not listed: the public pages and Östersund's coordinator's
workspace of the Jämtland demo are walked link by link (one page of every kind),
and every <form> on them is collected with its fields. Hypothesis then fills the
fields with hostile values (huge and negative numbers, impossible dates, long and
odd Unicode text, unknown choices and ids, missing fields) and sends each form as
its page would. Bounded and derandomised: a fixed handful of examples, the same
every run, so the test takes well under a minute (FUZZ_EXAMPLES=50 for a longer hunt).
Each form is its own small Hypothesis run, so a failure names the form and the
values that broke it.
"""

import datetime
import os
import re
import time
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.test import TestCase
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from medborgarloften.accounts.models import Person
from medborgarloften.demo.load import load_demo
from medborgarloften.surveys.models import Survey

SKIP = re.compile(r"(\.(pdf|csv|atom|json|xml|xlsx|zip|png|jpe?g|svg|ico)$)|^/(admin|static|media|api)/|/flode/$")
# Signing out would end the session the rest of the walk needs.
SKIP_ACTIONS = re.compile(r"^/konto/logga-ut/")
PUBLIC_SEEDS = [
    "/", "/vad-ar-medborgarloften/", "/tillganglighet/", "/personuppgifter/", "/verifiera/", "/konto/logga-in/",
    "/lan/23-jamtlands-lan/", "/lan/23-jamtlands-lan/press/", "/kommun/2380-ostersund/",
    "/statistik/kommun/2380-ostersund/", "/kommun/2380-ostersund/synpunkter/", "/kommun/2380-ostersund/synpunkter/lamna/",
    "/kommun/2380-ostersund/dialoger/", "/enkat/",
]
WORKSPACE_SEEDS = ["/arbetsyta/", "/arbetsyta/medborgarlofte/", "/arbetsyta/medborgarlofte/nytt/", "/arbetsyta/dialoger/",
                   "/arbetsyta/dialoger/synpunkter/", "/arbetsyta/dialoger/observationer/", "/arbetsyta/enkater/",
                   "/konto/byt-losenord/"]
MAX_PAGES = 120
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4"))


class _Forms(HTMLParser):
    """Every <form> of a page: action, method and fields (name, type, the values offered)."""

    def __init__(self):
        super().__init__()
        self.forms, self.links, self._form, self._select = [], [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(), "fields": {}}
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                kind = "choice"
            field = self._form["fields"].setdefault(a["name"], {"type": kind, "values": []})
            if a.get("value") is not None:
                field["values"].append(a["value"])
        elif tag == "textarea":
            self._form["fields"][a["name"]] = {"type": "text", "values": []}
        elif tag == "select":
            self._select = self._form["fields"][a["name"]] = {"type": "choice", "values": []}
        if tag == "option" and self._select is not None and a.get("value") is not None:
            self._select["values"].append(a["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _kind(path):
    parts = urlsplit(path)
    query = "&".join(sorted({p.split("=")[0] for p in parts.query.split("&") if p} - {"sida"}))
    return re.sub(r"\d+(-[-a-z0-9]+)?", "N", parts.path) + ("?" + query if query else "")


def collect_forms(client, seeds, *, inside=None):
    """Walk from ``seeds`` (one page of each kind); return the forms found, one per (method, action kind)."""
    queue, seen, forms = list(seeds), set(), {}
    pages = 0
    while queue and pages < MAX_PAGES:
        path = queue.pop(0)
        if _kind(path) in seen:
            continue
        seen.add(_kind(path))
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        parser = _Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = urlsplit(urljoin(path, form["action"] or path))
            target = action.path + ("?" + action.query if action.query else "")
            if SKIP_ACTIONS.search(action.path) or (inside and not action.path.startswith(inside) and action.path != "/sprak/"):
                continue
            form["fields"].pop("csrfmiddlewaretoken", None)
            forms.setdefault((form["method"], _kind(target)), {**form, "action": target, "page": path})
        for href in parser.links:
            url = urlsplit(urljoin(path, href))
            if url.netloc and url.netloc != "testserver":
                continue
            target = url.path + ("?" + url.query if url.query else "")
            if not SKIP.search(url.path) and (not inside or url.path.startswith(inside)) and _kind(target) not in seen:
                queue.append(target)
    return list(forms.values())


HOSTILE_NUMBERS = st.sampled_from(["99999999999999999999999", "-1", "0", "1e309", "NaN", "2147483648", "9223372036854775808",
                                   "1,5", "4 000", "٣", "²", "-0", "0x10"])
HOSTILE_DATES = st.sampled_from(["9999-12-31", "0001-01-01", "2017-02-30", "10000-01-01", "1-1-1", "2017-13-01",
                                 "2017-01-01T25:00", "9998-01-01"])
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)


def _value(field):
    kind, offered = field["type"], field["values"]
    choices = [st.sampled_from(offered)] if offered else []
    if kind == "number":
        return st.one_of(*choices, HOSTILE_NUMBERS, st.integers(-10**30, 10**30).map(str), TEXT)
    if kind in ("date", "datetime-local", "time", "month"):
        return st.one_of(*choices, HOSTILE_DATES, st.dates(datetime.date(1, 1, 1)).map(datetime.date.isoformat), TEXT)
    if kind in ("checkbox", "radio", "choice", "hidden"):
        return st.one_of(*choices, HOSTILE_NUMBERS, TEXT, st.just(""))
    if kind == "file":
        return st.just("")
    return st.one_of(*choices, TEXT, HOSTILE_NUMBERS, st.just("å" * 6000))


def form_data(form):
    """A strategy for one submission of ``form``: each field hostile, left out now and then."""
    return st.fixed_dictionaries({}, optional={name: _value(field) for name, field in form["fields"].items()})


# No shrinking: a failure is reported with the values that caused it, and the run stays bounded.
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])


class FormFuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(password="demo-password-1")
        cls.coordinator = Person.objects.get(username="samordnare.ostersund")

    def _fuzz(self, client, forms):
        """Send every form EXAMPLES hostile submissions (each form its own small Hypothesis run)."""
        self.assertGreater(len(forms), 5, [f["action"] for f in forms])
        timings = {}
        for form in forms:
            @FUZZ
            @given(form_data(form))
            def submit(values):
                started = time.perf_counter()
                if form["method"] == "post":
                    response = client.post(form["action"], values)
                else:
                    response = client.get(form["action"].split("?")[0], values)
                timings[form["action"]] = timings.get(form["action"], 0) + time.perf_counter() - started
                self.assertLess(response.status_code, 500,
                                f"{form['method'].upper()} {form['action']} (form on {form['page']}) with {values!r}")

            submit()
        slowest = sorted(timings.items(), key=lambda item: -item[1])[:5]
        print(f"{len(forms)} forms, {sum(timings.values()):.1f} s in requests; slowest: "
              + ", ".join(f"{action} {seconds:.1f} s" for action, seconds in slowest))

    def test_no_public_form_answers_with_a_server_error(self):
        # Start answering the demo's open questionnaire, so its answer pages (reached by a form, not a link) are walked too.
        survey = Survey.objects.get(mode=Survey.Mode.OPEN, state=Survey.State.FIELDWORK)
        start = reverse("surveys:open_start", kwargs={"pk": survey.pk})
        self.assertRedirects(self.client.post(start, {}), reverse("surveys:answer_page", kwargs={"page": 1}),
                             fetch_redirect_response=False)
        forms = collect_forms(self.client, [*PUBLIC_SEEDS, start, reverse("surveys:answer_page", kwargs={"page": 1}),
                                            reverse("surveys:answer_review")])
        actions = {f["action"].split("?")[0] for f in forms}
        for expected in ["/verifiera/", "/sprak/", "/enkat/", "/kommun/2380-ostersund/synpunkter/lamna/", "/konto/logga-in/",
                         "/enkat/svara/1/"]:
            self.assertIn(expected, actions)
        self._fuzz(self.client, forms)

    def test_no_workspace_form_of_a_coordinator_answers_with_a_server_error(self):
        self.client.force_login(self.coordinator)
        forms = collect_forms(self.client, WORKSPACE_SEEDS, inside="/arbetsyta/")
        self.assertGreater(len(forms), 30, sorted(f["action"] for f in forms))
        self._fuzz(self.client, forms)
