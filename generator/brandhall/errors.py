"""One error hierarchy for everything a user can get wrong.

Every error carries a message code from :mod:`brandhall.messages` and its parameters;
it never carries finished text.  The CLI (``main``) and the MkDocs plugin are the only
places that turn an error into words, in Chinese by default or English on request.

Content mistakes are *collected* as :class:`~brandhall.problems.Problem` values (all of
them, sorted) and raised once, wrapped in :class:`ContentError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from .messages import render_message

if TYPE_CHECKING:
    from .problems import Problem

Lang = Literal["zh", "en"]


class BrandhallError(Exception):
    """A mistake a user can fix: wrong usage, bad content, a failed build or publish."""

    #: Exit status of the command that met this error.
    exit_code = 1

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: Lang = "zh") -> str:
        return render_message(self.code, lang, self.params)

    def __str__(self) -> str:
        return self.message("zh")


class UsageError(BrandhallError):
    """The command was called wrongly (bad option value, missing file, unsafe target)."""

    exit_code = 2


class ContentError(BrandhallError):
    """The brand content has errors; ``problems`` holds every one, sorted."""

    def __init__(
        self, problems: Sequence[Problem], code: str = "content_errors", **params: Any
    ) -> None:
        super().__init__(code, **params)
        self.problems = list(problems)


class ConfigError(BrandhallError):
    """mkdocs.yml (or the brandhall plugin's options) cannot build this site."""


class BuildError(BrandhallError):
    """The site build itself failed (engine error, strict-mode warnings, a leak)."""


class PublishError(BrandhallError):
    """Publishing or rolling back a release failed; the live site is unchanged."""
