"""A reviewer's correction of a claim the extractor misread: what it changes, checked, and how it reads.

A correction keeps the extractor's reading untouched (the claim's row) and holds only the fields
the reviewer changed; `apply` lays it over the claim for every view, export and report, and
`describe` says both: "read as £2m, corrected to £200.4m by alice". A correction can also mark the
claim as not a claim at all (`rejected`): it then leaves the lists, clusters and reports, and
stays stored, so that it can be restored.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace

from workbench.core.model import KINDS, QUALIFIERS
from workbench.core.report.text import format_value

# The claim fields a correction may change, in the order they are shown.
CORRECTABLE = ("kind", "value", "value_min", "value_max", "qualifier", "unit", "currency")
# Kinds whose value is a share of a whole (0.45 is 45%) and the bounds a value of theirs keeps.
SHARE_KINDS = {"proportion": (0.0, 1.0)}
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_CURRENCY = re.compile(r"[A-Z]{3}")
_RANGE = re.compile(r"\s*(?P<low>-?[^\s-][^-]*?)\s*(?:-|–|—|\bto\b)\s*(?P<high>-?[^\s-].*?)\s*")
_CLEAR = ("", "none", "-")  # what clears a unit or a currency


class CorrectionError(ValueError):
    """A correction that cannot be stored, with the one-line reason."""


@dataclass(frozen=True, slots=True)
class Correction:
    """The fields a reviewer changed on one claim, and whether it is not a claim at all."""

    claim_id: str
    changes: dict = field(default_factory=dict)  # claim field -> corrected value (None clears it)
    rejected: bool = False
    reviewer: str = ""
    corrected_at: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.changes and not self.rejected

    def to_json(self) -> str:
        """The correction as the store and the review log keep it."""
        return json.dumps(
            {
                "changes": self.changes,
                "rejected": self.rejected,
                "reviewer": self.reviewer,
                "corrected_at": self.corrected_at,
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, claim_id: str, text: str | None) -> Correction | None:
        if not text:
            return None
        data = json.loads(text)
        changes = {k: v for k, v in (data.get("changes") or {}).items() if k in CORRECTABLE}
        return cls(
            claim_id, changes, bool(data.get("rejected")), data.get("reviewer") or "", data.get("corrected_at") or ""
        )

    def as_dict(self) -> dict:
        """The export's correction object (see the README, "The JSON export")."""
        return {
            "changes": dict(self.changes),
            "rejected": self.rejected,
            "reviewer": self.reviewer,
            "corrected_at": self.corrected_at,
        }


def apply(claim, correction: Correction | None):
    """The claim as corrected (a copy); the claim itself when there is no correction."""
    if correction is None or not correction.changes:
        return claim
    return replace(claim, **correction.changes)


def describe(original, corrected, correction: Correction) -> str:
    """What a reader sees beside a corrected claim: "read as £2m, corrected to £200.4m by alice"."""
    who = f" by {correction.reviewer}" if correction.reviewer else ""
    if correction.rejected:
        return f"read as {format_value(original)}, marked not a claim{who}"
    before, after = _reading(original, corrected), _reading(corrected, original)
    if before == after:
        return ""
    return f"read as {before}, corrected to {after}{who}"


def _reading(claim, other) -> str:
    """The claim's value as written, with its kind, qualifier and unit where the other reading's differ."""
    extra = [
        getattr(claim, name) or "no " + name
        for name in ("kind", "qualifier", "unit")
        if getattr(claim, name) != getattr(other, name)
    ]
    return format_value(claim) + (f" ({', '.join(extra)})" if extra else "")


def parse_number(text: str, kind: str = "") -> float | str:
    """A value a reviewer typed: a plain number ("2000000000", "2e9", "-0.5"), or for a date
    kind an ISO date; CorrectionError naming the value and how to write it otherwise."""
    raw = text.strip()
    if kind == "date":
        if _ISO_DATE.fullmatch(raw):
            return raw
        raise CorrectionError(f"{text!r} is not a date; write it as YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        number = float(raw.replace(",", "").replace("_", ""))
    except ValueError:
        number = None
    if number is not None and math.isfinite(number):
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    raise CorrectionError(_not_a_number(text))


def _not_a_number(text: str) -> str:
    """Why a value is refused, with the plain number the extractor itself reads in it if any."""
    # imported here: the extractor's tables take a third of a second to compile, and the review
    # UI, which imports this module as it starts, reads a number only when a reviewer mistypes one
    from workbench.core.numbers import find_quantities

    found = find_quantities(text, 0, len(text))
    reading = found[0].value if len(found) == 1 and isinstance(found[0].value, float) else None
    if reading is None or not math.isfinite(reading):
        return f"{text!r} is not a number; write it in digits, e.g. 2000000000 or 2e9"
    plain = int(reading) if reading.is_integer() and abs(reading) < 2**53 else reading
    return f"{text!r} is not a number; use {plain} or {reading:.6g}".replace("e+0", "e").replace("e+", "e")


def parse_range(text: str, kind: str = "") -> tuple[float, float] | None:
    """A range typed as "10-20", "10 to 20" or "10–20" (dates are never ranges here); None if it is not one."""
    if kind == "date":
        return None
    m = _RANGE.fullmatch(text)
    if not m:
        return None
    try:
        low, high = parse_number(m["low"]), parse_number(m["high"])
    except CorrectionError:
        return None
    return low, high


def build_changes(
    claim,
    *,
    value: str | None = None,
    low: str | None = None,
    high: str | None = None,
    kind: str | None = None,
    qualifier: str | None = None,
    unit: str | None = None,
    currency: str | None = None,
) -> dict:
    """The changes a reviewer's input makes to `claim` (its current, corrected reading), checked
    together: the corrected claim must make sense as a whole. CorrectionError with the reason."""
    changes: dict = {}
    if kind is not None:
        kind = kind.strip().lower()
        if kind not in KINDS:
            raise CorrectionError(f"{kind!r} is not a kind; use one of {', '.join(KINDS)}")
        changes["kind"] = kind
    new_kind = changes.get("kind", claim.kind)
    if value is not None and (low is not None or high is not None):
        raise CorrectionError("give either a value or --min and --max, not both")
    if value is not None:
        span = parse_range(value, new_kind)
        if span is not None:
            low_value, high_value = span
            changes |= {"value": None, "value_min": low_value, "value_max": high_value, "qualifier": "range"}
        else:
            changes["value"] = parse_number(value, new_kind)
            if claim.value_min is not None or claim.value_max is not None:
                changes |= {"value_min": None, "value_max": None}
            if claim.qualifier == "range":
                changes["qualifier"] = "exact"
    elif low is not None or high is not None:
        if low is None or high is None:
            raise CorrectionError("a range needs both --min and --max")
        changes |= {
            "value": None,
            "value_min": parse_number(low),
            "value_max": parse_number(high),
            "qualifier": "range",
        }
    if qualifier is not None:
        qualifier = qualifier.strip().lower()
        if qualifier not in QUALIFIERS:
            raise CorrectionError(f"{qualifier!r} is not a qualifier; use one of {', '.join(QUALIFIERS)}")
        changes["qualifier"] = qualifier
    if unit is not None:
        changes["unit"] = None if unit.strip().lower() in _CLEAR else unit.strip()
    if currency is not None:
        code = currency.strip().upper()
        if code.lower() in _CLEAR:
            changes["currency"] = None
        elif _CURRENCY.fullmatch(code):
            changes["currency"] = code
        else:
            raise CorrectionError(f"{currency!r} is not a currency code; use three letters, e.g. GBP, USD, EUR")
    check(replace(claim, **changes))
    return {name: changes[name] for name in CORRECTABLE if name in changes}


def check(claim) -> None:
    """Refuse a corrected claim that does not hold together, with the one-line reason."""
    is_range = claim.value_min is not None and claim.value_max is not None
    if is_range and claim.value_min > claim.value_max:
        raise CorrectionError(f"a range runs from low to high; {claim.value_min} is above {claim.value_max}")
    if is_range and claim.qualifier != "range":
        raise CorrectionError(f"a range has the qualifier 'range', not {claim.qualifier!r}")
    if not is_range and claim.qualifier == "range":
        raise CorrectionError("the qualifier 'range' needs a range: give --value LOW-HIGH or --min and --max")
    if claim.kind == "date" and not is_range and not isinstance(claim.value, str) and claim.value is not None:
        raise CorrectionError("a date is written as YYYY, YYYY-MM or YYYY-MM-DD")
    if claim.kind != "date" and isinstance(claim.value, str):
        raise CorrectionError(f"a {claim.kind} needs a number, not the date {claim.value!r}")
    if claim.kind in SHARE_KINDS:
        lowest, highest = SHARE_KINDS[claim.kind]
        for number in (claim.value, claim.value_min, claim.value_max):
            if isinstance(number, (int, float)) and not lowest <= number <= highest:
                raise CorrectionError(
                    f"a {claim.kind} is between {lowest:g} and {highest:g} (45% is 0.45); {number} is not"
                )
    if claim.kind == "year":
        for number in (claim.value, claim.value_min, claim.value_max):
            if isinstance(number, float) and not number.is_integer():
                raise CorrectionError(f"a year is a whole number; {number} is not")
