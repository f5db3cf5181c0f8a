"""Numbers as Swedish readers write them: "4 000", "40,5 %", "1,6"."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

# A no-break space keeps "4 000" on one line.
GROUP = "\u00a0"


def swedish_number(value, decimals=None):
    """Return ``value`` with spaces between thousands and a decimal comma; whole numbers without decimals.

    ``decimals`` fixes the number of decimals (rounded half up); by default a
    Decimal keeps its own, dropping trailing zeros.
    """
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    sign = "−" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + GROUP.join(groups) + ("," + fraction if fraction else "")


@register.filter
def number(value, decimals=None):
    return swedish_number(value, decimals)


@register.filter
def percent(value, decimals=None):
    """Return ``value`` (already 0–100) as "40,5 %", or "" for None."""
    if value is None or value == "":
        return ""
    return f"{swedish_number(value, decimals)}{GROUP}%"
