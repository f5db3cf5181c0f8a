"""The map's tile server: the CSP lets the browser load images from it only when MAP_TILE_URL is set."""

import json
import os
import subprocess
import sys
import tempfile

from django.test import SimpleTestCase

READ = ("import json, medborgarloften.settings as s; "
        "print(json.dumps([s.CONTENT_SECURITY_POLICY, s.MAP_TILE_URL, s.MAP_TILE_ATTRIBUTION]))")


def settings_with(**env):
    """Return (CSP, MAP_TILE_URL, attribution) as the settings module computes them with ``env``."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MAP_TILE")}
    environment.update(env, MEDBORGARLOFTEN_DATA_DIR=tempfile.mkdtemp(prefix="ml-settings-"))
    output = subprocess.run([sys.executable, "-c", READ], env=environment, capture_output=True, text=True, check=True)
    return json.loads(output.stdout)


class MapSettingsTests(SimpleTestCase):
    def test_without_a_tile_server_images_come_from_the_site_only(self):
        csp, url, attribution = settings_with()
        self.assertEqual((url, attribution), ("", ""))
        self.assertIn("img-src 'self' data:;", csp)

    def test_a_tile_servers_origin_is_allowed_for_images_only(self):
        csp, url, attribution = settings_with(MAP_TILE_URL="https://{s}.tile.example.org/{z}/{x}/{y}.png")
        self.assertIn("img-src 'self' data: https://*.tile.example.org;", csp)
        self.assertIn("script-src 'self';", csp)
        self.assertEqual(attribution, "© OpenStreetMap contributors")
