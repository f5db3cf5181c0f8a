"""Fixtures for the statistics tests: the sample files, a national administrator, helpers to import."""

import shutil
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, override_settings

from medborgarloften.accounts.models import Membership
from medborgarloften.areas.models import Organisation
from medborgarloften.statistics import services
from medborgarloften.statistics.models import Event, ImportRun, Observation, Population, PopulationTotal, RegionTotal
from tests.cast import CastTestCase, person

DATA = Path(__file__).resolve().parent / "data"


def data(name):
    return DATA / name


class ImportDirMixin:
    """Keeps uploaded files in a temporary folder for the test class."""

    @classmethod
    def setUpClass(cls):
        cls._import_dir = tempfile.mkdtemp(prefix="statistics-imports-")
        cls._import_override = override_settings(STATISTICS_IMPORT_DIR=cls._import_dir)
        cls._import_override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._import_override.disable()
        shutil.rmtree(cls._import_dir, ignore_errors=True)


class StatisticsTestCase(ImportDirMixin, CastTestCase):
    """The Jämtland cast plus ``national_admin``, who administers the national organisation."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.national = Organisation.objects.get(kind=Organisation.Kind.NATIONAL)
        cls.national_admin = person("nationell", "Nora", "Nationell",
                                    (cls.national, Membership.Role.ADMINISTRATOR, ""))

    def setUp(self):
        for name in ("national_admin",):
            getattr(self, name).__dict__.pop("_current_memberships", None)
            getattr(self, name).__dict__.pop("_scope_cache", None)

    def import_file(self, source, name, **kwargs):
        """Import the sample ``name`` from the command line's service; return the run."""
        return services.import_from_path(data(name), source=source, **kwargs)

    def upload(self, source, name, *, by, content=None, **kwargs):
        """Upload a sample (or ``content``) through the workspace service, running the check job; return the run."""
        payload = content if content is not None else data(name).read_bytes()
        with self.captureOnCommitCallbacks(execute=True):
            run = services.upload_import(by=by, source=source, uploaded_file=SimpleUploadedFile(name, payload), **kwargs)
        return ImportRun.objects.get(pk=run.pk)

    def commit(self, run, *, by):
        with self.captureOnCommitCallbacks(execute=True):
            services.commit_import(run, by=by)
        return ImportRun.objects.get(pk=run.pk)

    def stored(self):
        """Return the number of rows in every statistics table (to assert that nothing was stored)."""
        return {model.__name__: model.objects.count()
                for model in (Event, Observation, Population, PopulationTotal, RegionTotal)}


NOTHING = {"Event": 0, "Observation": 0, "Population": 0, "PopulationTotal": 0, "RegionTotal": 0}


class ReaderTestCase(SimpleTestCase):
    pass
