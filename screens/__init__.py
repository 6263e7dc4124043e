"""The Textual app. Its dataclasses, and Textual's, run their generated methods from the code cache."""

from planner.code_cache import keep_dataclass_code

keep_dataclass_code()
