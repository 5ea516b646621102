"""Exceptions the engine raises; each face turns them into its own error form.

A message may carry a catalogue key and parameters, so that a face can show it in the user's
language: `MoslikError(text, key="input.empty_file", params={"name": name})`. The English
`text` stays the message, for logs, the API and any face without that key.
"""

from typing import Any


class Message(str):
    """An English message that also carries a catalogue `key` and the `params` its text uses.

    It is a `str`, so lists of problems keep working as lists of text where no face translates.
    """

    key: str | None
    params: dict[str, Any]

    def __new__(cls, text: str, key: str | None = None, params: dict[str, Any] | None = None):
        message = super().__new__(cls, text)
        message.key = key
        message.params = dict(params or {})
        return message


class MoslikError(Exception):
    """Base class: the message is written for the analyst and names the value and the fix.

    `key` and `params` come from the arguments, or from a lone Message argument.
    """

    def __init__(self, *args, key: str | None = None, params: dict[str, Any] | None = None):
        super().__init__(*args)
        if key is None and len(args) == 1 and isinstance(args[0], Message):
            key, params = args[0].key, args[0].params
        self.key = key
        self.params = dict(params or {})


class InputError(MoslikError):
    """An input file cannot be read as a table."""


class ConfigError(MoslikError):
    """A processing config has problems; `problems` lists every one of them.

    A problem may be a Message with its own key, so a face can translate each line.
    """

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("Invalid processing config: " + "; ".join(self.problems))


class BudgetError(MoslikError):
    """Blocking would produce more candidate pairs than the configured budget."""


class JobCancelled(MoslikError):
    """The job was cancelled; nothing it wrote is kept as a result."""


def budget_exceeded(estimate: int, budget: int, mapping_label: str, mapping_pairs: int) -> BudgetError:
    """Return the BudgetError for an estimate over the budget, naming the mapping that adds most pairs."""
    text = (f"Blocking could produce up to {estimate:,} candidate pairs, over the budget of "
            f"{budget:,} (performance.max_candidate_pairs). The figure is an upper bound: a pair "
            f"that shares several keys counts once per key. Mapping {mapping_label!r} adds the "
            f"most, {mapping_pairs:,}: raise performance.max_candidate_pairs, or leave out that "
            f"mapping if many records share its values.")
    params = {"estimate": estimate, "budget": budget, "mapping": mapping_label, "pairs": mapping_pairs}
    return BudgetError(text, key="budget.too_many_pairs", params=params)


def all_pairs_over_budget(pairs: int, budget: int) -> BudgetError:
    """Return the BudgetError for small inputs whose full comparison is over the budget."""
    text = (f"Comparing every record of file 1 with every record of file 2 makes {pairs:,} "
            f"candidate pairs, over the budget of {budget:,} (performance.max_candidate_pairs). "
            f"Raise performance.max_candidate_pairs to at least {pairs:,}.")
    return BudgetError(text, key="budget.all_pairs", params={"pairs": pairs, "budget": budget})


def missing_file_message(path) -> str:
    """Return the message for an input `path` that is a folder or does not exist."""
    if path.is_dir():
        return f"{path} is a folder, not a file; give the path of the data file inside it"
    return f"File not found: {path}; check the path"
