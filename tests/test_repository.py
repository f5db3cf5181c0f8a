"""The repository itself: no merge left half done."""

import subprocess
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parent.parent
MARKERS = ("<<<<<<< ", ">>>>>>> ")


class RepositoryTests(SimpleTestCase):
    def test_no_file_holds_a_conflict_marker(self):
        files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
        found = []
        for name in files:
            path = ROOT / name
            if path.suffix not in {".py", ".html", ".md", ".po", ".css", ".js", ".toml", ".txt", ".csv", ".cfg"} or not path.exists():
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
                if line.startswith(MARKERS) or line == "=======":
                    found.append(f"{name}:{number}")
        self.assertEqual(found, [])
