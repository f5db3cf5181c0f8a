"""The theme taxonomy that surveys, dialogues, statistics and the problem picture share.

The themes follow the police safety survey's list of local problems, plus the
physical observations of safety walks, so that a survey item, a resident's
comment, a safety-walk observation, a crime category and a problem in the
problem picture can be counted and linked under one name.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Theme(models.TextChoices):
    LITTERING = "littering", _("Littering")
    VANDALISM = "vandalism", _("Vandalism")
    GRAFFITI = "graffiti", _("Graffiti")
    POOR_LIGHTING = "poor_lighting", _("Poor lighting")
    OVERGROWN_VEGETATION = "overgrown_vegetation", _("Overgrown vegetation")
    DISRUPTIVE_TRAFFIC = "disruptive_traffic", _("Cars and mopeds driven disruptively")
    TRAFFIC_HAZARD = "traffic_hazard", _("Dangerous traffic environment")
    INTOXICATED_PEOPLE = "intoxicated_people", _("People under the influence of alcohol or drugs in public places")
    DRUG_DEALING = "drug_dealing", _("Open drug dealing")
    YOUTH_GANGS = "youth_gangs", _("Groups of young people causing disturbance")
    BURGLARY = "burglary", _("Burglary")
    VEHICLE_CRIME = "vehicle_crime", _("Car break-ins and vehicle theft")
    BICYCLE_THEFT = "bicycle_theft", _("Bicycle theft")
    PUBLIC_VIOLENCE = "public_violence", _("Violence in public places")
    HARASSMENT = "harassment", _("Harassment")
    OTHER = "other", pgettext_lazy("theme", "Other")
