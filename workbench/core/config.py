"""The workbench's configuration: `workbench.toml` beside the database, parsed and checked here.

Pure parsing and validation (the file is read by the caller): `parse_config(text, origin)` gives a
`Config`, or raises `ConfigError` with one line naming the file, the key and the reason. Every key
is optional; what is not set keeps its default (`DEFAULT`). The file's layout:

    [claimreview]
    base_url = "https://factcheck.example.org/checks/"   # a fact-check's url: this, then its id

    [claimreview.organization]                            # the fact-checker, author of each review
    name = "Example Fact Check"
    url = "https://factcheck.example.org/"

    [claimreview.rating]                                  # the rating scale
    best = 5
    worst = 1
    consistent = { name = "Correct", value = 5 }
    conflicting = { name = "Incorrect", value = 1 }
    unverified = { name = "Unproven", value = 2 }
    mixed = { name = "Partly proven", value = 3 }

One rating for each verdict a reviewer gives (`VERDICTS`) and for `mixed`, the verdict of a
cluster whose members were given different verdicts, none of them conflicting.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from workbench.core.agreement import VERDICTS
from workbench.core.report.model import MIXED

FILE_NAME = "workbench.toml"
RATED = (*VERDICTS, MIXED)  # the verdicts a ClaimReview can carry, each mapped to a rating
NAME_LIMIT = 200  # characters of a configured name


class ConfigError(ValueError):
    """A configuration file that cannot be used: `file: key: reason`, one line."""


@dataclass(frozen=True, slots=True)
class Rating:
    """What a verdict is called on the fact-check's scale, and its place on the scale (or None)."""

    name: str
    value: int | None = None


@dataclass(frozen=True, slots=True)
class Config:
    """The configuration in effect, and `origin`: the file it was read from, or None for defaults."""

    base_url: str | None = None
    organization: str | None = None
    organization_url: str | None = None
    best: int = 5
    worst: int = 1
    ratings: dict[str, Rating] = field(
        default_factory=lambda: {
            "consistent": Rating("Correct", 5),
            "conflicting": Rating("Incorrect", 1),
            "unverified": Rating("Unproven", 2),
            MIXED: Rating("Partly proven", 3),
        }
    )
    origin: str | None = None

    def review_url(self, identifier: str) -> str | None:
        """The url of the fact-check of `identifier`: the base URL, then the id; None without a base URL."""
        if self.base_url is None:
            return None
        joiner = "" if self.base_url.endswith(("/", "#", "=", "?")) else "/"
        return f"{self.base_url}{joiner}{identifier}"


DEFAULT = Config()


def parse_config(text: str, origin: str) -> Config:
    """The Config a workbench.toml's `text` sets (`origin`: its path, named in every error)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{origin}: not valid TOML: {error}") from None
    fail = _failer(origin)
    _known(data, {"claimreview"}, "", fail)
    section = _table(data.get("claimreview", {}), "claimreview", fail)
    _known(section, {"base_url", "organization", "rating"}, "claimreview", fail)
    config = replace(DEFAULT, origin=origin, ratings=dict(DEFAULT.ratings))
    if "base_url" in section:
        config = replace(config, base_url=_url(section["base_url"], "claimreview.base_url", fail))
    if "organization" in section:
        org = _table(section["organization"], "claimreview.organization", fail)
        _known(org, {"name", "url"}, "claimreview.organization", fail)
        if "name" in org:
            config = replace(config, organization=_name(org["name"], "claimreview.organization.name", fail))
        if "url" in org:
            config = replace(config, organization_url=_url(org["url"], "claimreview.organization.url", fail))
    if "rating" in section:
        config = _scale(_table(section["rating"], "claimreview.rating", fail), config, fail)
    return config


def _scale(scale: dict, config: Config, fail) -> Config:
    _known(scale, {"best", "worst", *RATED}, "claimreview.rating", fail)
    best = _integer(scale.get("best", config.best), "claimreview.rating.best", fail)
    worst = _integer(scale.get("worst", config.worst), "claimreview.rating.worst", fail)
    if best == worst:
        fail("claimreview.rating.best", "must differ from claimreview.rating.worst")
    ratings = dict(config.ratings)
    for verdict in RATED:
        key = f"claimreview.rating.{verdict}"
        if verdict in scale:
            given = _table(scale[verdict], key, fail)
            _known(given, {"name", "value"}, key, fail)
            if "name" not in given:
                fail(f"{key}.name", "missing: the rating's name, as a reader sees it")
            value = _integer(given["value"], f"{key}.value", fail) if "value" in given else None
            ratings[verdict] = Rating(_name(given["name"], f"{key}.name", fail), value)
        rating = ratings[verdict]
        if rating.value is not None and not min(best, worst) <= rating.value <= max(best, worst):
            fail(f"{key}.value", f"{rating.value} is outside the scale {worst} to {best}")
    return replace(config, best=best, worst=worst, ratings=ratings)


def _failer(origin: str):
    def fail(key: str, reason: str):
        raise ConfigError(f"{origin}: {key}: {reason}")

    return fail


def _known(table: dict, allowed: set[str], where: str, fail) -> None:
    for key in table:
        if key not in allowed:
            fail(f"{where}.{key}" if where else key, f"unknown key (known: {', '.join(sorted(allowed))})")


def _table(value, key: str, fail) -> dict:
    if not isinstance(value, dict):
        fail(key, "must be a table")
    return value


def _integer(value, key: str, fail) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        fail(key, f"must be a whole number, not {_shown(value)}")
    return value


def _name(value, key: str, fail) -> str:
    if not isinstance(value, str) or not value.strip():
        fail(key, "must be a non-empty string")
    if len(value) > NAME_LIMIT or any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        fail(key, f"must be one line of at most {NAME_LIMIT} characters")
    return value.strip()


def _url(value, key: str, fail) -> str:
    if not isinstance(value, str):
        fail(key, "must be a string")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(ch.isspace() or ord(ch) < 32 for ch in value):
        fail(key, f"must be an http or https URL, not {_shown(value)}")
    return value


def _shown(value, limit: int = 60) -> str:
    """A bad value as an error quotes it: its repr, cut to `limit` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def describe(config: Config) -> list[tuple[str, str]]:
    """The configuration as (key, value) pairs, every key shown, unset ones as 'not set'."""

    def shown(value) -> str:
        return "not set" if value is None else str(value)

    rows = [
        ("claimreview.base_url", shown(config.base_url)),
        ("claimreview.organization.name", shown(config.organization)),
        ("claimreview.organization.url", shown(config.organization_url)),
        ("claimreview.rating.best", str(config.best)),
        ("claimreview.rating.worst", str(config.worst)),
    ]
    for verdict in RATED:
        rating = config.ratings[verdict]
        rows.append(
            (f"claimreview.rating.{verdict}", rating.name + ("" if rating.value is None else f" ({rating.value})"))
        )
    return rows
