"""The views of the documents: everything a template prints that is not a field of the file, computed here.

One module per document (`strategy`, `content_plan`, `report`), the strategy's longer sections
beside it (`competitors`, `checklists`, `budget`), and `common` for what they share. Values stay
raw (dates, numbers, enumeration ids) and the templates format them for the language; what the
documents decide (a verdict, a comparison, a threshold) is decided here, so that a user's
template gets it too.
"""
