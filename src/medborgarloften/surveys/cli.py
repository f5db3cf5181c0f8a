"""``medborgarloften survey …`` commands (filled in by the survey estimation work)."""


def register(subparsers):
    survey = subparsers.add_parser("survey", help="survey estimation tools")
    survey_sub = survey.add_subparsers(dest="survey_command", metavar="SUBCOMMAND")
    survey_sub.required = True
