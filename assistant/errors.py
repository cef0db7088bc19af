"""User-facing errors: the CLI and UI print these as one-line messages; anything else propagates."""


class AssistantError(Exception):
    """Base class for errors a user can act on."""


class NoIndexError(AssistantError):
    """The index has not been built yet (or is empty)."""


class InputError(AssistantError):
    """A question, flag or input file is unusable; the message names the field or file."""


class LoadError(AssistantError):
    """A corpus file cannot be read; the message names the file and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ConfigError(AssistantError):
    """A setting is missing or invalid."""


class NotConfiguredError(ConfigError):
    """An optional capability (generative mode) has not been set up."""
