"""``medborgarloften followup remind``: e-mail the editors of organisations with activities due for a report."""


def register(subparsers):
    followup = subparsers.add_parser("followup", help="follow-up of published promises")
    commands = followup.add_subparsers(dest="followup_command", metavar="SUBCOMMAND")
    commands.required = True
    remind = commands.add_parser("remind", help="e-mail reminders about activities due for a progress report (run daily)")
    remind.set_defaults(func=run_remind, needs_django=True)


def run_remind(args):
    from .services import remind_due_reports

    sent = remind_due_reports()
    print(f"{sent} reminders sent.")
    return 0
