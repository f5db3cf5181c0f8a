"""Pages of a long list without counting it first."""

from dataclasses import dataclass


@dataclass
class Page:
    object_list: list
    number: int
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_other_pages(self):
        return self.has_next or self.has_previous

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def page_of(queryset, number, *, size):
    """Return page ``number`` (1-based; anything unreadable is page 1) of ``queryset``, ``size`` rows a page.

    One query: it reads one row more than the page holds to know whether
    another page follows, instead of counting every row (which reads them all).
    """
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * size
    rows = list(queryset[start:start + size + 1])
    return Page(object_list=rows[:size], number=number, has_next=len(rows) > size)
