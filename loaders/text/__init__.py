"""Text: the building blocks every stage may use to read English news text.

Plain strings in, facts about them out; nothing here knows about articles, pages or the database.

- ``words``, ``sentences``, ``is_prose``: the words and sentences of a piece of text, and whether it
  reads as news prose (the reader asks it of an HTML page, cleaning of every line).
- ``find_dates`` and ``find_weekdays``: explicit calendar dates as news English writes them ("June 18,
  2023", "8–9 July", "11/03/2024"), with their offsets; the one date grammar of the loaders.
- ``read_date_line``: a line of page furniture that carries a date ("Published: 19/06/2023 – 21:40",
  "World | 2 June 2022", "Posted on June 2, 2022 by Jane Roe"), read into the date, its label and
  the byline beside it.
- ``unspun_lemma``, ``spun_month``, ``spun_phrases``: the words article spinners substitute ("acquired
  by" for "received by", "in Could" for "in May"), from one table every stage reads through.

It sits below the stages of the pipeline: any stage may import it, and it imports none of them.
"""

from loaders.text.date_lines import DateLine, read_date_line
from loaders.text.dates import MONTHS, WEEKDAYS, FoundDate, find_dates, find_weekdays
from loaders.text.spinner import SpinnerTable, spun_month, spun_phrases, unspun_lemma
from loaders.text.words import is_prose, sentences, words

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "DateLine",
    "FoundDate",
    "SpinnerTable",
    "find_dates",
    "find_weekdays",
    "is_prose",
    "read_date_line",
    "sentences",
    "spun_month",
    "spun_phrases",
    "unspun_lemma",
    "words",
]
