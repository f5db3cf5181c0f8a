"""Safety surveys: questionnaires, invited samples, answers and their published results.

Two sides are kept strictly apart (README, "Anonymity of survey answers"):

* **who has answered** — :class:`Invitation` (the one-use code, the address it
  went to, whether it has been used) and :class:`Draft` (answers given so far,
  kept against the code until it is submitted);
* **what was answered** — :class:`Response`: a random UUID key, the survey,
  the municipality (the sampling stratum), the background for weighting and the
  answers. No foreign key, field, timestamp or sequence leads from one side to
  the other; ``tests/surveys/test_anonymity.py`` asserts it on the schema.
"""

import re
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from medborgarloften.areas.models import County, LocalPoliceArea, Municipality, SubArea
from medborgarloften.scope.themes import Theme

from .estimation.data import AGE_GROUPS, SEXES

AGE_GROUP_CHOICES = [(a, a.replace("-", "–")) for a in AGE_GROUPS]
SEX_CHOICES = [("kvinna", _("Woman")), ("man", _("Man"))]
CODE_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
# Unfinished answers untouched this many days are deleted by the results job.
DRAFT_DAYS = 60
code_validator = RegexValidator(
    CODE_PATTERN, _("Use 1–40 lower-case letters a–z, digits and _, starting with a letter."), code="bad_code")


class Survey(models.Model):
    class Mode(models.TextChoices):
        SAMPLE = "sample", _("Invited random sample (one-use codes)")
        OPEN = "open", _("Open link (self-selected)")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FIELDWORK = "fieldwork", _("In the field")
        CLOSED = "closed", _("Closed")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    mode = models.CharField(_("how residents answer"), max_length=10, choices=Mode.choices, default=Mode.SAMPLE)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    municipalities = models.ManyToManyField(Municipality, related_name="surveys", verbose_name=_("municipalities"))
    local_police_area = models.ForeignKey(
        LocalPoliceArea, on_delete=models.PROTECT, null=True, blank=True, related_name="surveys",
        verbose_name=_("local police area"), help_text=_("Set when the survey covers a whole local police area."))
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, null=True, blank=True, related_name="surveys",
        verbose_name=_("county"), help_text=_("Set when the survey covers a whole county."))
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("compare with"), help_text=_("An earlier survey of the same areas and questions, for the change between years."))
    intro = models.TextField(_("introduction for residents"), blank=True)
    min_n = models.PositiveSmallIntegerField(
        _("smallest number of answers shown"), default=30, validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Estimates based on fewer answers are suppressed (open questionnaires: the smallest count shown)."))
    min_cell_size = models.PositiveSmallIntegerField(
        _("smallest weighting cell"), default=10, validators=[MinValueValidator(1), MaxValueValidator(200)])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(condition=Q(min_n__gte=1), name="survey_min_n_positive"),
            models.CheckConstraint(
                condition=Q(local_police_area__isnull=True) | Q(county__isnull=True), name="survey_lpo_or_county"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open_mode(self):
        return self.mode == self.Mode.OPEN

    @property
    def is_public(self):
        return self.state == self.State.PUBLISHED

    def get_workspace_url(self):
        from django.urls import reverse

        return reverse("surveys:detail", kwargs={"pk": self.pk})

    def get_public_url(self):
        from django.urls import reverse

        return reverse("surveys:public_results", kwargs={"pk": self.pk})


class Question(models.Model):
    class Kind(models.TextChoices):
        PROBLEM = "problem", _("Local problem (four steps and don't know)")
        SINGLE = "single", _("Single choice")
        MULTI = "multi", _("Multiple choice")
        SCALE = "scale", _("Scale")
        YESNO = "yesno", _("Yes or no")
        TEXT = "text", _("Free text")
        AGE_GROUP = "age_group", _("Age group (for weighting)")
        SEX = "sex", _("Sex (for weighting)")
        SUB_AREA = "sub_area", _("Sub-area (for weighting and results)")
        MUNICIPALITY = "municipality", _("Municipality (open questionnaires over several municipalities)")

    class Topic(models.TextChoices):
        # One page each, in this order.
        SAFETY = "safety", _("Feeling safe")
        WORRY = "worry", _("Worry about crime")
        AVOIDANCE = "avoidance", _("Avoiding places and activities")
        PROBLEMS = "problems", _("Problems where you live")
        VICTIMISATION = "victimisation", _("Crimes against you")
        TRUST = "trust", _("Police and municipality")
        OWN = "own", _("More questions")
        BACKGROUND = "background", _("About you")

    # The kinds residents choose options of, and the kinds the estimation
    # engine reads as the background of a respondent.
    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTI, Kind.SCALE)
    BACKGROUND_KINDS = (Kind.AGE_GROUP, Kind.SEX, Kind.SUB_AREA, Kind.MUNICIPALITY)
    OWN_KINDS = (Kind.SINGLE, Kind.MULTI, Kind.SCALE, Kind.TEXT, Kind.PROBLEM, Kind.YESNO)

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey"))
    code = models.CharField(_("code"), max_length=40, validators=[code_validator],
                            help_text=_("The column name in exports and imports, e.g. trygg_kvall."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    topic = models.CharField(_("page"), max_length=20, choices=Topic.choices, default=Topic.OWN)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("question (Swedish)"))
    text_en = models.TextField(_("question (English)"), blank=True)
    theme = models.CharField(_("theme"), max_length=40, choices=Theme.choices, blank=True,
                             help_text=_("For a local problem: the shared theme it counts under in the problem picture."))
    options = models.JSONField(_("options"), default=list, blank=True)
    standard = models.BooleanField(_("from the standard instrument"), default=False)

    class Meta:
        ordering = ["survey", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="one_question_code_per_survey"),
            models.CheckConstraint(condition=~Q(kind="problem") | ~Q(theme=""), name="problem_question_has_theme"),
        ]

    def __str__(self):
        return self.code

    def clean(self):
        if self.kind == self.Kind.PROBLEM and not self.theme:
            raise ValidationError({"theme": ValidationError(
                _("A local problem needs a theme, so the problem picture can link it."), code="theme_required")})
        if self.kind in self.CHOICE_KINDS:
            codes = [o.get("code") for o in self.options or []]
            if len(codes) < 2:
                raise ValidationError({"options": ValidationError(
                    _("Give at least two options."), code="too_few_options")})
            if len(set(codes)) != len(codes):
                raise ValidationError({"options": ValidationError(
                    _("Two options have the same code."), code="duplicate_option")})
            for code in codes:
                if not code or not re.match(CODE_PATTERN, code) or code == "vet_ej":
                    raise ValidationError({"options": ValidationError(
                        _("The option code %(code)s is not allowed (lower-case letters, digits and _; not vet_ej)."),
                        code="bad_option_code", params={"code": code})})
        elif self.options:
            raise ValidationError({"options": ValidationError(
                _("Only choice questions have options of their own."), code="unexpected_options")})

    @property
    def localized_text(self):
        return self.text_en if get_language() == "en" and self.text_en else self.text

    def option_codes(self):
        """Return the option codes residents may give (not "vet ej"), in order."""
        from .instrument import fixed_options

        fixed = fixed_options(self.kind)
        if fixed is not None:
            return [code for code, _label in fixed]
        return [o["code"] for o in self.options]

    def option_labels(self):
        """Return [(code, label)] in the current language."""
        from .instrument import fixed_options

        fixed = fixed_options(self.kind)
        if fixed is not None:
            return [(code, str(label)) for code, label in fixed]
        english = get_language() == "en"
        return [(o["code"], (o.get("label_en") if english and o.get("label_en") else o.get("label") or o["code"]))
                for o in self.options]


class Invitation(models.Model):
    """One code sent to one address of the sample: who has answered, never what.

    ``used`` is set in the transaction that stores the answer, and nothing
    else about that moment is kept (no time, no reference to the response).
    Addresses are erased when the survey closes.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey"))
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality"))
    code = models.CharField(_("code"), max_length=16, unique=True)
    used = models.BooleanField(_("answered"), default=False)
    name = models.CharField(_("name"), max_length=200, blank=True)
    street = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["survey", "used"], name="invitation_survey_used")]

    def __str__(self):
        return self.code


class Draft(models.Model):
    """Answers given so far, kept against the code (or an open link's resume token) until submitted.

    Submitting deletes the draft in the transaction that writes the response,
    so afterwards nothing ties the code to any answer. Drafts untouched for
    DRAFT_DAYS are deleted. Only the day of the last save is kept.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="drafts")
    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, null=True, blank=True, related_name="draft")
    token_hash = models.CharField(max_length=64, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    updated_on = models.DateField()

    class Meta:
        verbose_name = _("unfinished answer")
        verbose_name_plural = _("unfinished answers")
        constraints = [
            models.UniqueConstraint(fields=["token_hash"], condition=~Q(token_hash=""), name="one_draft_per_token"),
            models.CheckConstraint(
                condition=Q(invitation__isnull=False, token_hash="") | Q(invitation__isnull=True) & ~Q(token_hash=""),
                name="draft_has_code_or_token"),
        ]


class Response(models.Model):
    """What one resident answered: no reference to who, no time, a random key.

    ``answers`` maps question codes to the answer: an option code, ``vet_ej``,
    a list of option codes (multiple choice) or text.
    """

    class Source(models.TextChoices):
        WEB = "web", _("Web")
        PAPER = "paper", _("Paper")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey"))
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.WEB)
    age_group = models.CharField(_("age group"), max_length=10, choices=AGE_GROUP_CHOICES, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=SEX_CHOICES, blank=True)
    sub_area = models.ForeignKey(SubArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("sub-area"))
    answers = models.JSONField(_("answers"), default=dict, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "municipality"], name="response_survey_municipality")]

    def __str__(self):
        return str(self.id)


class PopulationCell(models.Model):
    """Population 16–85 of a municipality in a year by age group and sex, entered for one survey's weighting.

    An empty age group or sex makes the row a margin (raking); the engine's
    population layout.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="population", verbose_name=_("survey"))
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality"))
    year = models.PositiveSmallIntegerField(_("year"))
    age_group = models.CharField(_("age group"), max_length=10, choices=AGE_GROUP_CHOICES, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=SEX_CHOICES, blank=True)
    population = models.PositiveIntegerField(_("population"))

    class Meta:
        ordering = ["municipality__name", "year", "age_group", "sex"]
        verbose_name = _("population cell")
        verbose_name_plural = _("population cells")
        constraints = [
            models.UniqueConstraint(fields=["survey", "municipality", "year", "age_group", "sex"], name="one_survey_population_cell"),
            models.CheckConstraint(condition=~Q(age_group="", sex=""), name="population_cell_has_age_or_sex"),
        ]


class ResultSet(models.Model):
    """Results pre-computed by the estimation engine for a survey (the latest replaces the one before)."""

    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="result_set")
    computed_at = models.DateTimeField(_("computed"))
    n_responses = models.PositiveIntegerField(_("answers"))
    n_weighted = models.PositiveIntegerField(_("answers in the weighted results"), default=0)
    method = models.CharField(max_length=20)  # "weighted" or "open"
    notes = models.JSONField(default=list, blank=True)
    design = models.JSONField(default=list, blank=True)
    invited = models.JSONField(default=dict, blank=True)  # {municipality code: invitations sent}

    class Meta:
        verbose_name = _("computed results")
        verbose_name_plural = _("computed results")


ROW_FIELDS = (
    "domain", "item", "kind", "option", "n", "count", "n_dont_know", "n_unanswered", "estimate", "se", "ci_low",
    "ci_high", "df", "method", "suppressed", "previous_estimate", "change", "change_ci_low", "change_ci_high",
    "change_significant",
)


class ResultRow:
    """One row of the engine's result table (its README, "Output"), suppressed values already blank (None)."""

    __slots__ = ROW_FIELDS

    def __init__(self, values):
        for name, value in zip(ROW_FIELDS, values):
            setattr(self, name, value)


class ResultArea(models.Model):
    """The stored results of one area (a municipality, sub-area, local police area or county) of a result set.

    Its rows are kept together as JSON (lists in :data:`ROW_FIELDS` order), so
    a page reads one row of this table whatever the number of questions.
    """

    result_set = models.ForeignKey(ResultSet, on_delete=models.CASCADE, related_name="areas")
    level = models.CharField(max_length=20)
    area = models.CharField(max_length=100)
    area_name = models.CharField(max_length=200)
    domain = models.CharField(max_length=200, blank=True)
    respondents = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)
    rows = models.JSONField(default=list)

    class Meta:
        ordering = ["position"]
        indexes = [models.Index(fields=["result_set", "level", "area", "domain"], name="resultarea_lookup")]

    def result_rows(self):
        """Return the rows as ResultRow objects."""
        return [ResultRow(values) for values in self.rows]


class LetterBatch(models.Model):
    """Invitation or reminder letters rendered by a background job: a PDF to print and a CSV for a mail merge."""

    class Kind(models.TextChoices):
        LETTERS = "letters", _("Invitation letters")
        REMINDERS = "reminders", _("Reminders")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="letter_batches")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    count = models.PositiveIntegerField(_("letters"), default=0)
    pdf = models.BinaryField(null=True, blank=True)
    csv = models.TextField(blank=True)
    ready = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("letter batch")
        verbose_name_plural = _("letter batches")


class ProblemLevelScale(models.Model):
    """Share thresholds that turn a share of respondents into a police-style level 0–6 (configurable data).

    The police's exact thresholds are not public (README, "Two different
    indices"); the seeded scales are placeholders and say so in ``origin``.
    """

    class Family(models.TextChoices):
        DISORDER = "disorder", _("Problems in the area, worry and feeling unsafe")
        VICTIMISATION = "victimisation", _("Crimes against respondents")

    class Origin(models.TextChoices):
        PLACEHOLDER = "placeholder", _("Placeholder (not the police's thresholds)")
        OFFICIAL = "official", _("Official")
        CALIBRATED = "calibrated", _("Calibrated from reference data")

    family = models.CharField(_("used for"), max_length=20, choices=Family.choices, unique=True)
    name = models.CharField(_("name"), max_length=100)
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices, default=Origin.PLACEHOLDER)
    cutpoints = models.JSONField(_("lower bounds of levels 1–6, in per cent"))
    source_note = models.TextField(_("sources"), blank=True)

    class Meta:
        ordering = ["family"]
        verbose_name = _("problem level scale")
        verbose_name_plural = _("problem level scales")

    def __str__(self):
        return self.name

    def clean(self):
        points = self.cutpoints
        ok = (isinstance(points, list) and len(points) == 6
              and all(isinstance(p, (int, float)) and 0 < p <= 100 for p in points)
              and all(a < b for a, b in zip(points, points[1:])))
        if not ok:
            raise ValidationError({"cutpoints": ValidationError(
                _("Give six rising percentages between 0 and 100: the lower bounds of levels 1 to 6."),
                code="bad_cutpoints")})

    def level_of(self, share):
        """Return the level 0–6 of a share (0–1): how many lower bounds it reaches (bands are [lower, upper))."""
        if share is None:
            return None
        percent = share * 100
        return sum(1 for p in self.cutpoints if percent >= p - 1e-9)
