"""The house is layered one way: base apps below, the stages of the cycle above them in the cycle's order.

An app may import its own modules, the base apps below it and the stages
before it; never a later stage, never a base app above it, and no circle.
``demo`` loads everything through the services and sits on top. The check
reads the source (every ``import``, at any depth, including inside
functions), so a lazy import cannot hide a wrong direction.
"""

import ast
from pathlib import Path

from django.test import SimpleTestCase

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "medborgarloften"

# Lower numbers are lower in the house. Stages of the cycle share a rank
# where neither reads the other; surveys read statistics (population for
# weighting), so statistics comes first.
LAYERS = {
    "core": 0,          # helpers with no models: dated validity, form helpers, formats
    "web": 1,           # layout, middleware, error pages, the workspace shell and its registries
    "audit": 2,
    "areas": 3,
    "accounts": 4,
    "scope": 5,         # who acts for which municipality; the shared theme taxonomy
    "jobs": 6,          # background tasks with progress
    "statistics": 10,
    "surveys": 11,
    "dialogues": 11,
    "problems": 20,
    "promises": 30,
    "followup": 40,
    "site": 50,         # the public pages read every stage
    "demo": 90,
}
# Project wiring that names every app by design.
WIRING = {"settings", "urls", "wsgi", "cli", "__init__", "__main__"}


def imports_of(path):
    """Return the (line, app) pairs for every medborgarloften app that ``path`` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "medborgarloften" and len(parts) > 1:
                found.append((node.lineno, parts[1]))
    return found


def app_graph():
    """Return {app: {imported app: [where]}} for every module of every app."""
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if len(relative.parts) < 2 or "migrations" in relative.parts:
            continue
        app = relative.parts[0]
        for line, other in imports_of(path):
            if other != app and other not in WIRING:
                graph.setdefault(app, {}).setdefault(other, []).append(f"{relative}:{line}")
    return graph


def wrong_imports(graph):
    """Return a line for every import in ``graph`` that goes to the same layer or a higher one."""
    return [
        f"{where}: {app} imports {other}"
        for app, targets in graph.items()
        for other, places in targets.items()
        if LAYERS.get(other, 99) >= LAYERS.get(app, 99)
        for where in places
    ]


class LayerTests(SimpleTestCase):
    def test_every_app_has_a_layer(self):
        apps = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
        self.assertEqual(sorted(apps - set(LAYERS)), [], "give each new app its place in LAYERS")

    def test_no_app_imports_a_later_stage_or_a_higher_base_app(self):
        self.assertEqual(wrong_imports(app_graph()), [])

    def test_there_is_no_circle(self):
        graph = {app: set(targets) for app, targets in app_graph().items()}
        visiting, done, circles = set(), set(), []

        def visit(app, path):
            visiting.add(app)
            for other in graph.get(app, ()):
                if other in visiting:
                    circles.append(" → ".join(path + [other]))
                elif other not in done:
                    visit(other, path + [other])
            visiting.discard(app)
            done.add(app)

        for app in graph:
            if app not in done:
                visit(app, [app])
        self.assertEqual(circles, [])

    def test_the_check_sees_a_wrong_import(self):
        """A later stage or a higher base app imported from below is caught (the check itself can fail)."""
        scratch = Path(__file__).with_name("_layers_scratch.py")
        scratch.write_text("def later():\n    from medborgarloften.site import selectors\n", encoding="utf-8")
        self.addCleanup(scratch.unlink)
        self.assertEqual(imports_of(scratch), [(2, "site"), (2, "site")])
        graph = {"promises": {"site": ["promises/x.py:2"], "areas": ["promises/y.py:1"]}, "areas": {"web": ["areas/z.py:1"]},
                 "web": {"scope": ["web/v.py:3"]}}
        self.assertEqual(wrong_imports(graph), ["promises/x.py:2: promises imports site", "web/v.py:3: web imports scope"])
