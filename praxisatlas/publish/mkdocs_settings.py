"""Our settings under `extra:` in mkdocs.yml, typed with MkDocs' own config options (as Material's plugins do)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from praxisatlas.domain.findings import Problem, error


class Switch(c.BaseConfigOption[bool]):
    """A yes/no setting that also accepts the strings an environment variable gives (true, ja, 1, …)."""

    YES = ("1", "true", "yes", "ja", "on")
    NO = ("0", "false", "no", "nein", "off", "")

    def __init__(self, default: bool = False) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in self.YES or text in self.NO:
            return text in self.YES
        raise base.ValidationError(f"erwartet ja oder nein (true/false), erhalten: „{value}“")


class Count(c.BaseConfigOption[int]):
    """A whole number ≥ 0 that also accepts the string an environment variable gives."""

    def __init__(self, default: int) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int:
        text = str(value).strip()
        if isinstance(value, bool) or not text.isdigit():
            raise base.ValidationError(f"erwartet eine ganze Zahl ab 0, erhalten: „{value}“")
        return int(text)


class Settings(base.Config):
    """Our settings under `extra:` in mkdocs.yml."""

    handbuch = Switch(default=False)
    """Handbook and Steckbriefe as PDF into the site (scripts/build_site.sh switches it on)."""
    branch = c.Type(str, default="main")
    """Branch that edit links open."""
    navigation_merken = Switch(default=True)
    """Render Material's navigation once per folder for pages not in it (publish/navigation_cache.py)."""
    seitenhelfer_ab = Count(default=1000)
    """From this many entry pages on, a second process renders half of them (publish/page_helper.py); 0: never."""


NAMES = ("handbuch", "branch", "seitenhelfer_ab", "navigation_merken")


def load_settings(extra: dict) -> Settings:
    """The settings from mkdocs.yml's `extra`; a Problem naming each bad value."""
    settings = Settings()
    settings.load_dict({key: extra[key] for key in NAMES if key in extra})
    errors, _ = settings.validate()
    if errors:
        raise Problem([error(f"„extra.{key}“: {message}", "mkdocs.yml") for key, message in errors])
    return settings
