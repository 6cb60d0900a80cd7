"""Read: files, folders, JSON Lines and HTML pages in; a ``RawArticle`` per article, or one
``InputError`` per input that cannot be read, out.

Every input is untrusted and checked on its own, so one bad file or line gives one clear error and
the rest still load. Nothing here judges the text beyond "is there an article at all".

    >>> for item in read_inputs([Path("seeds/")], max_bytes=10_000_000):  # doctest: +SKIP
    ...     print(item.source)
"""

from loaders.read.article import InputError, RawArticle
from loaders.read.declared_dates import DeclaredDate, read_declared_date
from loaders.read.files import read_inputs

__all__ = ["DeclaredDate", "InputError", "RawArticle", "read_declared_date", "read_inputs"]
