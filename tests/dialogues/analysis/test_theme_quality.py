"""Theme suggestions measured on the held-out part of the labelled set (never used for training or tuning).

The floors sit a little under the figures the README reports, so a change
that makes the suggestions clearly worse fails here.
"""

import csv
from functools import lru_cache
from pathlib import Path

from django.test import SimpleTestCase

from medborgarloften.dialogues.analysis.evaluation import evaluate
from medborgarloften.dialogues.analysis.lexicon import THEMES
from medborgarloften.dialogues.analysis.matching import default_lexicon
from medborgarloften.dialogues.services.analysis import SEED_FILE, _fallback

LABELLED = Path(__file__).resolve().parent.parent / "data" / "comments.csv"

MICRO_F1_FLOOR = 0.85
MICRO_PRECISION_FLOOR = 0.85
MICRO_RECALL_FLOOR = 0.85
# Every theme must be found at least this well (F1) on the held-out comments.
PER_THEME_F1_FLOOR = 0.6
LEXICON_MICRO_F1_FLOOR = 0.80


@lru_cache(maxsize=1)
def labelled():
    with LABELLED.open(encoding="utf-8", newline="") as f:
        return [{**row, "labels": set(row["themes"].split("|"))} for row in csv.DictReader(f)]


def held_out():
    return [row for row in labelled() if row["split"] == "test"]


class LabelledSetTests(SimpleTestCase):
    def test_there_are_enough_comments_and_a_held_out_part(self):
        self.assertGreaterEqual(len(labelled()), 300)
        self.assertGreaterEqual(len(held_out()), 100)
        for row in labelled():
            self.assertLessEqual(row["labels"], set(THEMES), row["id"])

    def test_the_bundled_training_file_is_exactly_the_training_part(self):
        with SEED_FILE.open(encoding="utf-8", newline="") as f:
            seed = [(row["id"], row["text"], row["themes"]) for row in csv.DictReader(f)]
        self.assertEqual(seed, [(r["id"], r["text"], r["themes"]) for r in labelled() if r["split"] == "train"])

    def test_no_held_out_comment_is_in_the_training_file(self):
        training = SEED_FILE.read_text(encoding="utf-8")
        leaked = [row["id"] for row in held_out() if row["text"] in training]
        self.assertEqual(leaked, [])


class ThemeQualityTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rows = held_out()
        cls.gold = [row["labels"] for row in rows]
        cls.result = evaluate(cls.gold, _fallback().predict([row["text"] for row in rows]))

    def test_suggestions_reach_the_floor_on_the_held_out_comments(self):
        micro = self.result["micro"]
        self.assertGreaterEqual(micro["f1"], MICRO_F1_FLOOR, micro)
        self.assertGreaterEqual(micro["precision"], MICRO_PRECISION_FLOOR, micro)
        self.assertGreaterEqual(micro["recall"], MICRO_RECALL_FLOOR, micro)

    def test_every_theme_reaches_the_per_theme_floor(self):
        weak = {theme: round(v["f1"], 2) for theme, v in self.result["per_theme"].items() if v["f1"] < PER_THEME_F1_FLOOR}
        self.assertEqual(weak, {})

    def test_the_classifier_does_better_than_the_lexicon_alone(self):
        lexicon = default_lexicon()
        alone = evaluate(self.gold, [lexicon.predict(row["text"]) or {"other"} for row in held_out()])
        self.assertGreaterEqual(alone["micro"]["f1"], LEXICON_MICRO_F1_FLOOR)
        self.assertGreater(self.result["micro"]["f1"], alone["micro"]["f1"])
