"""Compare two stated figures as a careful reviewer would: rounding, hedges, and bases.

Every figure is read as the interval of true values its wording allows. "13%" allows
12.5-13.5%, "one in seven" allows 1/7.5-1/6.5, "300,000" allows 250,000-350,000 (it is
rounded to the nearest 100,000), "nearly 70%" allows a little under 70% and "more than 70%"
anything above it. Two figures are compatible when their intervals meet; the explanation
names the figures after normalisation and the rule that decided.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from workbench.core import number_lexicon as lex
from workbench.core.model import Claim
from workbench.core.number_lexicon import trie_pattern

FRACTION_FAMILY = ("proportion", "rate")

# The words a share, a fraction or a scaled amount is written with, from the lexicon: "one in
# seven", "two thirds", "£2.5bn". No zero: no share has a denominator of nought.
NUMBER_WORDS = {"a": 1, "an": 1, **{w: v for w, v in lex.UNIT_WORDS.items() if v}, **lex.TENS_WORDS, "hundred": 100}
FRACTION_WORDS = lex.ALL_FRACTION_WORDS
SCALE_WORDS = lex.SCALE_SUFFIXES
# Hedge words that say on which side of the stated figure the truth lies.
BELOW_WORDS = (
    "nearly",
    "almost",
    "just under",
    "just below",
    "close to",
    "approaching",
    "not quite",
    "short of",
    "up to",
)
ABOVE_WORDS = ("just over", "just above", "a little over", "a little more than", "upwards of")
STRICT_BOUND_WORDS = (
    "more than",
    "over",
    "above",
    "in excess of",
    "exceeding",
    "beyond",
    "less than",
    "under",
    "below",
    "fewer than",
)

APPROX_TOLERANCE = 0.06  # "about 300" is read as within 6% of 300
DEVICE_MAX_DENOMINATOR = 12  # "one in seven" is a rounding device; "60 out of 87" is a count
DEVICE_MAX_HALF_WIDTH = 0.05  # "half" is not stretched to cover 40%
DEFAULT_SLACK = 0.02  # for a share turned into a count through a base that is itself rounded
SAME_TOLERANCE = 1e-4  # 0.142857 is the same figure as 1/7; 558,569 is not 560,000  # relative slack for bases and counts that are themselves rounded

_DIGITS = re.compile(r"(\d[\d,]*(?:\.\d+)?)")
_PERCENT = re.compile(rf"(\d[\d,]*(?:\.(\d+))?)\s*(?:{lex.POINT_RE}|{lex.PERCENT_RE})", re.I)
_SHARE = re.compile(r"\b([a-z]+|\d+)[\s-]+(?:in|out\s+of)\s+(?:the\s+|every\s+|each\s+)?([a-z]+|\d[\d,]*)\b", re.I)
_FRACTION = re.compile(rf"\b(?:({trie_pattern(NUMBER_WORDS)}|\d+)[\s-]+)?({trie_pattern(FRACTION_WORDS)})\b", re.I)
_SCALED = re.compile(rf"(\d[\d,]*(?:\.(\d+))?)\s*({trie_pattern(SCALE_WORDS)})\b", re.I)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a figure may mean: the interval of true values its wording allows."""

    lo: float
    hi: float
    point: float | None  # the figure as stated, normalised (None for a range)
    label: str  # how the explanation writes it: "one in seven (14.3%)"
    basis: str  # "exact" | "rounded" | "device" | "hedge" | "bound" | "range"


@dataclass(frozen=True, slots=True)
class ValueComparison:
    """The outcome of comparing two figures, with the rule that decided."""

    same: bool  # the same figure after normalisation
    compatible: bool | None  # equal within rounding and hedges; None when not comparable
    rule: str
    explanation: str  # "13% vs one in seven (14.3%): within the rounding of 'one in seven'"
    gap: float = 0.0  # relative difference of the two figures as stated (0 when the same)


def _num(text: str) -> float | None:
    text = text.lower().replace(",", "")
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return None


def _pct(x: float) -> str:
    text = f"{x * 100:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _fmt(x: float) -> str:
    if abs(x) >= 1000 and float(x).is_integer():
        return f"{int(x):,}"
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.4g}"


def _side(surface: str) -> str:
    low = " " + surface.lower() + " "
    if any(f" {w} " in low for w in ABOVE_WORDS):
        return "above"
    if any(f" {w} " in low for w in BELOW_WORDS):
        return "below"
    return "both"


def _strict(surface: str) -> bool:
    low = " " + surface.lower() + " "
    return any(f" {w} " in low for w in STRICT_BOUND_WORDS)


def numeric_value(claim: Claim) -> float | None:
    """The claim's point value as a float, or None for ranges, dates and missing values."""
    if claim.is_range:
        return None
    value = claim.value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return None


def _fraction_reading(claim: Claim, v: float) -> tuple[float, float, str, str]:
    """Interval, label and basis of a share or change, from how its surface writes it."""
    surface = claim.surface
    mag = abs(v)
    m = _PERCENT.search(surface)
    if m:
        decimals = len(m.group(2) or "")
        half = 0.5 * 10 ** (-decimals) / 100
        return mag - half, mag + half, surface.strip(), "rounded"
    m = _SHARE.search(surface)
    if m:
        k, n = _num(m.group(1)), _num(m.group(2))
        if k and n and k < n:
            if n <= DEVICE_MAX_DENOMINATOR:
                return _device(k, n, mag, surface)
            return mag - 1e-9, mag + 1e-9, f"{surface.strip()} ({_pct(mag)})", "exact"
    m = _FRACTION.search(surface)
    if m:
        k = _num(m.group(1) or "one") or 1.0
        n = float(FRACTION_WORDS[m.group(2).lower()])
        return _device(k, n, mag, surface)
    if claim.numerator is not None and claim.denominator:
        return mag - 1e-9, mag + 1e-9, f"{surface.strip()} ({_pct(mag)})", "exact"
    # Unknown wording: trust the value to the precision it carries.
    return mag * (1 - 1e-3), mag * (1 + 1e-3), f"{surface.strip()} ({_pct(mag)})", "exact"


def _device(k: float, n: float, mag: float, surface: str) -> tuple[float, float, str, str]:
    lo, hi = k / (n + 0.5), k / (n - 0.5)
    lo, hi = max(lo, mag - DEVICE_MAX_HALF_WIDTH), min(hi, mag + DEVICE_MAX_HALF_WIDTH)
    return lo, hi, f"{surface.strip()} ({_pct(mag)})", "device"


def _amount_reading(claim: Claim, v: float) -> tuple[float, float, str, str]:
    """Interval of a count or an amount of money: rounded by its trailing zeros or decimals."""
    surface = claim.surface
    m = _SCALED.search(surface)
    if m:
        decimals = len(m.group(2) or "")
        scale = SCALE_WORDS[m.group(3).lower()]
        half = 0.5 * scale * 10 ** (-decimals)
        return v - half, v + half, surface.strip(), "rounded"
    m = _DIGITS.search(surface)
    if m:
        digits = m.group(1).replace(",", "")
        if "." in digits:
            decimals = len(digits.split(".")[1])
            half = 0.5 * 10 ** (-decimals)
            return v - half, v + half, surface.strip(), "rounded" if decimals else "exact"
        whole = int(digits) if digits.isdigit() else 0
        if whole >= 1000:
            zeros = len(digits) - len(digits.rstrip("0"))
            if zeros >= 2:
                half = 0.5 * 10**zeros
                return v - half, v + half, surface.strip(), "rounded"
    return v, v, surface.strip(), "exact"


def read_figure(claim: Claim) -> Reading | None:
    """The interval of values the claim's wording allows, or None when it has no number."""
    if claim.is_range:
        lo, hi = float(claim.value_min), float(claim.value_max)
        label = f"{claim.surface.strip()} ({_fmt(lo)}-{_fmt(hi)})"
        if claim.kind in FRACTION_FAMILY:
            label = f"{claim.surface.strip()} ({_pct(lo)}-{_pct(hi)})"
        return Reading(lo, hi, None, label, "range")
    v = numeric_value(claim)
    if v is None:
        return None
    if claim.kind in FRACTION_FAMILY:
        lo, hi, label, basis = _fraction_reading(claim, v)
        if v < 0:
            lo, hi = -hi, -lo
    elif claim.kind in ("year", "date"):
        lo, hi, label, basis = v, v, claim.surface.strip(), "exact"
    else:
        lo, hi, label, basis = _amount_reading(claim, v)
    q = claim.qualifier
    if q == "approx":
        side = _side(claim.surface)
        spread = abs(v) * APPROX_TOLERANCE
        if side in ("both", "below"):
            lo = min(lo, v - spread)
        if side in ("both", "above"):
            hi = max(hi, v + spread)
        if side == "below":
            hi = max(v, lo)
        if side == "above":
            lo = min(v, hi)
        basis = "hedge"
    elif q == "lower_bound":
        lo = v + (1e-9 if _strict(claim.surface) else 0.0)
        hi = 1.0 if claim.kind == "proportion" else math.inf
        basis = "bound"
    elif q == "upper_bound":
        hi = v - (1e-9 if _strict(claim.surface) else 0.0)
        lo = 0.0 if claim.kind in ("proportion", "count", "money") else -math.inf
        basis = "bound"
    return Reading(lo, hi, v, label, basis)


def _same(a: Reading, b: Reading) -> bool:
    if a.point is None or b.point is None:
        return a.point is None and b.point is None and a.lo == b.lo and a.hi == b.hi
    if (a.basis in ("bound", "hedge") or b.basis in ("bound", "hedge")) and a.basis != b.basis:
        return False
    return math.isclose(a.point, b.point, rel_tol=SAME_TOLERANCE, abs_tol=1e-12)


def _pad(r: Reading, slack: float) -> float:
    if not slack or not (math.isfinite(r.lo) and math.isfinite(r.hi)):
        return 0.0
    return slack * max(abs(r.lo), abs(r.hi))


def _overlap(a: Reading, b: Reading, slack: float) -> bool:
    """Do the intervals meet? Touching ends count only for a point ("one in seven" and "one in
    six" touch at 1/6.5 without overlapping)."""
    pad_a = _pad(a, slack)
    pad_b = _pad(b, slack)
    shared = min(a.hi + pad_a, b.hi + pad_b) - max(a.lo - pad_a, b.lo - pad_b)
    if a.lo == a.hi or b.lo == b.hi:
        return shared >= 0
    return shared > 1e-12


def _looser(a: Reading, b: Reading) -> Reading:
    order = {"exact": 0, "rounded": 1, "device": 2, "range": 3, "hedge": 4, "bound": 5}
    if order[a.basis] != order[b.basis]:
        return a if order[a.basis] > order[b.basis] else b
    return a if (a.hi - a.lo) >= (b.hi - b.lo) else b


def _surface(r: Reading) -> str:
    return r.label.split(" (")[0]


def _gap(a: Reading, b: Reading, fraction: bool) -> str:
    if a.point is None or b.point is None:
        return "the ranges do not meet"
    diff = abs(a.point - b.point)
    if fraction:
        return f"{diff * 100:.1f}".rstrip("0").rstrip(".") + " points apart"
    return f"{_fmt(diff)} apart"


def compare_readings(a: Reading, b: Reading, *, fraction: bool = False, slack: float = 0.0) -> ValueComparison:
    """Compare two readings and say, in words, what decided."""
    head = f"{a.label} vs {b.label}"
    gap = _relative_gap(a, b)
    if _same(a, b):
        return ValueComparison(True, True, "same", f"{head}: the same figure")
    loose = _looser(a, b)
    if _overlap(a, b, slack):
        if loose.basis == "bound":
            rule = f"consistent with the bound '{_surface(loose)}'"
        elif loose.basis == "hedge":
            rule = f"within the hedge of '{_surface(loose)}'"
        elif loose.basis == "range":
            rule = f"within the range of '{_surface(loose)}'"
        elif loose.basis == "exact":
            rule = "equal within the precision stated"
        else:
            rule = f"within the rounding of '{_surface(loose)}'"
        return ValueComparison(False, True, "compatible", f"{head}: {rule}", gap)
    if loose.basis == "bound":
        rule = f"'{_surface(loose)}' excludes {_surface(b if loose is a else a)}"
    elif loose.basis == "hedge":
        rule = f"{_gap(a, b, fraction)}, outside the hedge of '{_surface(loose)}'"
    else:
        rule = f"{_gap(a, b, fraction)}, beyond rounding"
    return ValueComparison(False, False, "conflict", f"{head}: {rule}", gap)


def _relative_gap(a: Reading, b: Reading) -> float:
    if a.point is None or b.point is None:
        return 0.0 if _overlap(a, b, 0.0) else 1.0
    scale = max(abs(a.point), abs(b.point))
    return abs(a.point - b.point) / scale if scale else 0.0


def compare_claims(
    a: Claim, b: Claim, *, slack: float = 0.0, readings: tuple[Reading | None, Reading | None] | None = None
) -> ValueComparison:
    """Compare the figures of two claims of one kind family.

    `readings`, when given, are read_figure(a) and read_figure(b) computed beforehand.
    """
    if a.kind in ("year", "date") or b.kind in ("year", "date"):
        va, vb = _time_key(a), _time_key(b)
        head = f"{a.surface.strip()} vs {b.surface.strip()}"
        if va is None or vb is None:
            return ValueComparison(False, None, "incomparable", f"{head}: not comparable")
        if va == vb:
            return ValueComparison(True, True, "same", f"{head}: the same date")
        return ValueComparison(False, False, "conflict", f"{head}: different dates")
    if (a.kind in FRACTION_FAMILY) != (b.kind in FRACTION_FAMILY):
        return ValueComparison(
            False, None, "incomparable", f"{a.surface.strip()} vs {b.surface.strip()}: a share and a count"
        )
    if a.kind == "money" and b.kind == "money" and a.currency and b.currency and a.currency != b.currency:
        return ValueComparison(
            False, None, "incomparable", f"{a.surface.strip()} vs {b.surface.strip()}: different currencies"
        )
    if a.unit and b.unit and a.unit != b.unit:
        return ValueComparison(
            False, None, "incomparable", f"{a.surface.strip()} vs {b.surface.strip()}: different units"
        )
    ra, rb = readings if readings is not None else (read_figure(a), read_figure(b))
    if ra is None or rb is None:
        return ValueComparison(
            False, None, "incomparable", f"{a.surface.strip()} vs {b.surface.strip()}: no figure to compare"
        )
    if a.kind == "rate" and b.kind == "rate" and ra.point and rb.point and (ra.point < 0) != (rb.point < 0):
        return ValueComparison(False, False, "conflict", f"{ra.label} vs {rb.label}: one is a rise, the other a fall")
    return compare_readings(ra, rb, fraction=a.kind in FRACTION_FAMILY, slack=slack)


def _time_key(c: Claim):
    if c.is_range:
        return (int(c.value_min), int(c.value_max))
    if c.value is None:
        return None
    return str(c.value)


def share_against_count(
    share: Claim, count: Claim, base: float, base_label: str = "", *, slack: float = DEFAULT_SLACK
) -> ValueComparison:
    """Check a share against a count of the same thing, through a base the corpus states.

    "one in seven" of 152 local authorities is about 21.7; a "20 councils" claim fits within
    the rounding of "one in seven" (1/7.5 to 1/6.5 of 152 is 20.3 to 23.4, give or take the slack).
    """
    rs, rc = read_figure(share), read_figure(count)
    if rs is None or rc is None or not base:
        return ValueComparison(False, None, "incomparable", "no base to compare a share with a count")
    scaled = Reading(
        rs.lo * base,
        rs.hi * base,
        (rs.point or 0.0) * base,
        f"{rs.label} of {_fmt(base)}{(' ' + base_label) if base_label else ''} (about {rs.point * base:.1f})"
        if rs.point is not None
        else rs.label,
        rs.basis,
    )
    result = compare_readings(scaled, rc, slack=slack)
    return result
