"""Text: the building blocks every stage may use to read English news text.

Plain strings in, facts about them out; nothing here knows about articles, pages or the database.

- ``words``, ``sentences``, ``is_prose``: the words and sentences of a piece of text, and whether it
  reads as news prose (the reader asks it of an HTML page, cleaning of every line).
- ``find_dates``, ``parse_date_line``, ``find_weekdays``: explicit calendar dates as news English
  writes them ("June 18, 2023", "Wednesday, February 28, 2024"), with their offsets. Cleaning uses
  them to recognise date lines, metadata to read page and caption dates, dating to anchor the story.

It sits below the stages of the pipeline: any stage may import it, and it imports none of them.
"""

from loaders.text.dates import MONTHS, WEEKDAYS, DateLine, FoundDate, find_dates, find_weekdays, parse_date_line
from loaders.text.words import is_prose, sentences, words

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "DateLine",
    "FoundDate",
    "find_dates",
    "find_weekdays",
    "is_prose",
    "parse_date_line",
    "sentences",
    "words",
]
