"""Benchmark: the dialogues' public pages, moderation queue and theme analysis with many comments.

Run:  python benchmarks/dialogues.py [--comments 20000] [--repeat 10]

It builds a throw-away SQLite database in a temporary data folder, fills one
municipality with dialogues, places and ``--comments`` comments (the bundled
labelled texts over and over, a third waiting for moderation), then prints
for each page the median milliseconds and queries, as a ratio against a
baseline measured in the same run: the static "about" page (the same base
layout, no database reads). Theme analysis is reported as suggestions per
second and training time against the time to tokenise and stem the same
texts.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def setup_django():
    os.environ.setdefault("MEDBORGARLOFTEN_DATA_DIR", tempfile.mkdtemp(prefix="ml-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medborgarloften.settings")
    os.environ["MEDBORGARLOFTEN_PLAIN_STATIC"] = "1"
    os.environ["RATELIMIT_ENABLE"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def build(n_comments):
    from django.db import transaction
    from django.utils import timezone

    from medborgarloften.accounts.models import Membership, Person
    from medborgarloften.areas.models import Municipality, Organisation, Place
    from medborgarloften.dialogues.models import Comment, CommentTheme, Dialogue
    from medborgarloften.dialogues.services.analysis import seed_examples

    municipality = Municipality.objects.get(code="2380")
    organisation = Organisation.objects.get(municipality=municipality)
    editor = Person.objects.create(username="bench.editor")
    Membership.objects.create(person=editor, organisation=organisation, role=Membership.Role.EDITOR)
    examples = seed_examples()
    with transaction.atomic():
        places = [Place.objects.create(municipality=municipality, name=f"Plats {i}", latitude="63.1", longitude="14.6")
                  for i in range(40)]
        dialogues = [Dialogue.objects.create(
            municipality=municipality, kind=Dialogue.Kind.STAFF if i % 5 == 0 else Dialogue.Kind.OPEN_MEETING,
            title=f"Dialog {i}", starts_at=timezone.now() - datetime.timedelta(days=i)) for i in range(50)]
        comments = []
        for i in range(n_comments):
            text, themes = examples[i % len(examples)]
            pending = i % 3 == 0
            comments.append(Comment(
                municipality=municipality, dialogue=None if pending else dialogues[i % len(dialogues)],
                source=Comment.Source.ONLINE if pending else Comment.Source.RECORDED, text=text,
                published_text="" if pending else text, status=Comment.Status.PENDING if pending else Comment.Status.APPROVED,
                place=places[i % len(places)] if i % 4 else None, made_on=datetime.date(2016, 1, 1) + datetime.timedelta(days=i % 700),
                suggestions=[{"theme": t, "score": 0.9, "source": "lexicon"} for t in sorted(themes)],
                themes_confirmed_at=None if pending else timezone.now(),
            ))
        Comment.objects.bulk_create(comments, batch_size=2000)
        confirmed = Comment.objects.filter(status=Comment.Status.APPROVED).values_list("pk", "text")
        labels = dict(examples)
        CommentTheme.objects.bulk_create(
            [CommentTheme(comment_id=pk, theme=t) for pk, text in confirmed for t in labels[text]], batch_size=5000)
    return municipality, editor


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000, len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    setup_django()
    from django.test import Client, override_settings

    from medborgarloften.dialogues import selectors
    from medborgarloften.dialogues.analysis.classifier import ThemeSuggester
    from medborgarloften.dialogues.analysis.text import stem, tokenize
    from medborgarloften.dialogues.services.analysis import seed_examples

    start = time.perf_counter()
    municipality, editor = build(args.comments)
    print(f"built {args.comments} comments in {time.perf_counter() - start:.1f} s")

    override_settings(ALLOWED_HOSTS=["testserver"]).enable()
    client = Client()
    base = f"/kommun/{municipality.code}-{municipality.slug}"
    baseline, _ = measure(client, "/vad-ar-medborgarloften/", args.repeat)
    print(f"baseline (about page): {baseline:.1f} ms")
    print(f"{'page':<34} {'ms':>8} {'× about':>8} {'queries':>8}")
    for name, url in [("public comments, page 1", f"{base}/synpunkter/"),
                      ("public comments, last page", f"{base}/synpunkter/?sida=9999"),
                      ("by place (the map's list)", f"{base}/platser/"),
                      ("municipality page with panel", f"{base}/")]:
        ms, queries = measure(client, url, args.repeat)
        print(f"{name:<34} {ms:8.1f} {ms / baseline:8.1f} {queries:8d}")
    client.force_login(editor)
    for name, url in [("moderation queue", "/arbetsyta/dialoger/synpunkter/granska/"),
                      ("themes and counts (staff)", f"/arbetsyta/dialoger/kommun/{municipality.code}/teman/")]:
        ms, queries = measure(client, url, args.repeat)
        print(f"{name:<34} {ms:8.1f} {ms / baseline:8.1f} {queries:8d}")
    start = time.perf_counter()
    counts = selectors.theme_counts(municipality, include_staff=True)
    print(f"theme_counts over {counts['comments']} comments: {(time.perf_counter() - start) * 1000:.0f} ms")

    texts, labels = zip(*seed_examples())
    start = time.perf_counter()
    for text in texts:
        [stem(t) for t in tokenize(text)]
    stemming = time.perf_counter() - start
    start = time.perf_counter()
    suggester = ThemeSuggester().fit(list(texts), list(labels))
    training = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts:
        suggester.suggest(text)
    suggesting = time.perf_counter() - start
    print(f"training on {len(texts)} comments: {training:.2f} s ({training / stemming:.0f} × stemming them)")
    print(f"suggestions: {len(texts) / suggesting:.0f} per second ({suggesting / stemming:.1f} × stemming the same texts)")


if __name__ == "__main__":
    main()
