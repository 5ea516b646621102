"""Language-specific normalisation steps chosen for a mapping (Uzbek script conversion)."""

from engine.config import Mapping, ProcessingConfig
from engine.normalize import Step


def extra_steps_for(con, config: ProcessingConfig, mapping: Mapping) -> tuple[list[Step], str | None]:
    """Return the extra steps for `mapping` and a note for the job summary, or None."""
    return [], None
