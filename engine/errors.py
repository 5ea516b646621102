"""Exceptions the engine raises; each face turns them into its own error form."""


class MoslikError(Exception):
    """Base class: the message is written for the analyst and names the value and the fix."""


class InputError(MoslikError):
    """An input file cannot be read as a table."""


class ConfigError(MoslikError):
    """A processing config has problems; `problems` lists every one of them."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("Invalid processing config: " + "; ".join(self.problems))


class BudgetError(MoslikError):
    """Blocking would produce more candidate pairs than the configured budget."""


class JobCancelled(MoslikError):
    """The job was cancelled; nothing it wrote is kept as a result."""
