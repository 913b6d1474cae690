"""Plain-text pieces every output shares: values as people write them, differences, dates, and
short excerpts of a document around a claim. The command line's tables, the review UI and every
report show a claim's figure through `format_value`, so that one figure reads the same in all.

Untrusted text is made safe by `core.safe_text`; the renderers escape for their own syntax on top.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timezone

from workbench.core.compare import compare_claims
from workbench.core.model import Claim
from workbench.core.safe_text import flow_line, one_line

# --------------------------------------------------------------------------- values


MAX_DIGITS = 4  # significant figures a number keeps ("£200.4m", "13.85%", a difference "+1.29 pts")
WRITTEN_DIGITS = 5  # and a claim's own value, as its text gives it ("$1.8923", "1,234.5")


def number(x: float, digits: int = 3, most: int = MAX_DIGITS) -> str:
    """A number as a person writes it, with thousands separators and no trailing zeros: whole, or
    with as many significant figures as it has up to `most` (£200.4m stays "200.4"), and a
    figure with more than that, such as a share worked out from a fraction, to `digits` ("14.3")."""
    if x == 0:
        return "0"
    if float(x).is_integer():
        return f"{round(x):,}"
    magnitude = math.floor(math.log10(abs(x)))
    shown = next(
        (d for d in range(digits, most + 1) if math.isclose(round(x, d - 1 - magnitude), x, rel_tol=1e-9)), digits
    )
    decimals = max(0, shown - 1 - magnitude)
    text = f"{x:,.{decimals}f}"
    # Only zeros after the decimal point are trailing zeros: "200" stays "200", never "2".
    return text.rstrip("0").rstrip(".") if decimals else text


_CURRENCY_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€", "£": "£", "$": "$", "€": "€"}
QUALIFIER_MARKS = {"approx": "~", "lower_bound": "≥", "upper_bound": "≤"}


def format_amount(
    x: float,
    kind: str,
    unit: str | None,
    currency: str | None,
    *,
    scale_of: float | None = None,
    most: int = MAX_DIGITS,
) -> str:
    """One number of a claim as a person writes it, for its kind: "13%", "+0.7%", "+0.3pp", "£2.3bn", "2015",
    "1,200", "2×", "#3", "4 years". The review UI and every report show values this way.

    `scale_of` shows an amount of money in the scale ("m", "bn") that amount is written in: a
    difference of £300m from £1.2bn is "£0.3bn", in the unit the figures are read in."""
    if kind in ("proportion", "rate"):
        # percentage points are not per cent: "rose 0.3 percentage points" is "+0.3pp", never "+0.3%"
        mark = "pp" if unit == "percentage_point" else "%"
        return f"{'+' if kind == 'rate' and x > 0 else ''}{number(x * 100, most=most)}{mark}"
    if kind == "money":
        symbol = _CURRENCY_SYMBOLS.get(currency or "", "")
        suffix = f" {currency}" if currency and not symbol else ""
        sign, x = ("-", -x) if x < 0 else ("", x)  # "-£1", as a writer puts it, never "£-1"
        scale = abs(scale_of) if scale_of and x >= abs(scale_of) / 1000 else x
        for size, name in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
            if scale >= size:
                return f"{sign}{symbol}{number(x / size, most=most)}{name}{suffix}"
        return f"{sign}{symbol}{number(x, most=most)}{suffix}"
    if kind in ("year", "count") and float(x).is_integer():
        return str(int(x)) if kind == "year" else f"{int(x):,}"
    if kind == "other" and unit == "ratio":
        return f"{number(x, most=most)}×"
    if kind == "other" and unit == "rank":
        return f"#{number(x, most=most)}"
    text = number(x, most=most)
    if unit:
        text += f" {unit}" + ("s" if unit.isalpha() and x != 1 and not unit.endswith("s") else "")
    return text


def format_value(claim) -> str:
    """A claim's normalised value as a person writes it: "13%", "~70%", "£2bn", "2012–2013". The
    one formatter of values: the claims tables of `extract` and `claims`, the review UI and every
    report show values through it. The text is safe on one line (`one_line`): a unit, a currency
    or a stored date can be a reviewer's or a document's words."""
    return one_line(_written_value(claim))


def _written_value(claim) -> str:
    kind = claim.kind or "other"

    def written(x: float) -> str:
        return format_amount(x, kind, claim.unit, claim.currency, most=WRITTEN_DIGITS)

    if claim.value_min is not None and claim.value_max is not None:
        low, high = written(claim.value_min), written(claim.value_max)
        return low if low == high else f"{low}–{high}"
    if isinstance(claim.value, str):
        return claim.value
    if claim.value is None:
        return "—"
    return QUALIFIER_MARKS.get(claim.qualifier, "") + written(claim.value)


def difference(claim, reference) -> str:
    """How `claim`'s figure differs from `reference`'s, for a Δ column: "same", "+1.3 pts",
    "−26 (−60%)", "+£1.2bn (+12%)", "+1 yr", "overlaps", "conflicts", or "—" when the two are not
    comparable (a share and a count, two currencies, two units). The comparison that decides is
    `compare_claims`, the one the matcher explains a cluster with, so Δ never says "same" where
    the explanation says "excludes": equal figures that the wording keeps apart ("over 70%" and
    "nearly 70%") read "conflicts", and equal figures the wording allows read "fits"."""
    if claim is reference:
        return "selected"
    comparison = compare_claims(as_claim(claim), as_claim(reference))
    if comparison.compatible is None:
        return "—"
    if comparison.same:
        return "same"
    mine, theirs = numeric_span(claim), numeric_span(reference)
    if mine is None or theirs is None:
        return "fits" if comparison.compatible else "differs"
    if mine[0] != mine[1] or theirs[0] != theirs[1]:
        if comparison.compatible:
            return "overlaps"
        if mine[0] > theirs[1]:
            return "higher"
        return "lower" if mine[1] < theirs[0] else "differs"
    delta = mine[0] - theirs[0]
    if abs(delta) <= 1e-12 * max(abs(mine[0]), abs(theirs[0]), 1.0):
        return "fits" if comparison.compatible else "conflicts"
    sign = "+" if delta > 0 else "−"
    kind = claim.kind or "other"
    if kind in ("proportion", "rate"):
        return f"{sign}{number(abs(delta) * 100)} pts"
    if kind == "year":
        return f"{sign}{number(abs(delta))} yr"
    # in the unit the reference is read in: "+£0.3bn" beside £1.2bn, not "+£300m"
    text = sign + format_amount(
        abs(delta), kind, claim.unit or reference.unit, claim.currency or reference.currency, scale_of=theirs[0]
    )
    if theirs[0]:
        text += f" ({sign}{number(abs(delta / theirs[0]) * 100, 2)}%)"
    return text


def relation_words(relation: str | None, suggested_verdict: str | None) -> str:
    """A cluster's relation in words that agree with its suggested verdict and explanation, for
    the review UI and the report. `relation` says whether the members state one figure (`agree`)
    or different figures (`differ`); whether different figures are compatible is the verdict's
    business, so figures that differ within rounding say "different figures, compatible", never a
    bare "values differ" beside "suggests consistent"."""
    if relation == "agree":
        return "same figure"
    if relation != "differ":
        return "relation unknown" if relation else ""
    # different figures that the rounding, hedges, ranges and bounds of their wording reconcile
    return {"consistent": "different figures, compatible", "unverified": "different figures, not all comparable"}.get(
        suggested_verdict or "", "different figures"
    )


_DIGIT_GROUPS = re.compile(r"\d+")


def reading_note(claim) -> str | None:
    """A note when the reading departs from what the text writes, so that it is never silent:
    "2012/12" is read as the split year 2012–2013, and the note says "as written: 2012/12". A
    range whose written end is not the end it is read as gets the note; one whose end is written
    as read ("2012/13", "2013-14", "between 2010 and 2015") does not."""
    if claim.value_min is None or claim.value_max is None or (claim.kind or "") != "year":
        return None
    groups = _DIGIT_GROUPS.findall(claim.surface or "")
    if len(groups) < 2:
        return None  # "the 2010s": one figure, read as what it names
    end = str(int(claim.value_max))
    if end.endswith(groups[-1]) and len(groups[-1]) >= 2:
        return None
    return f"as written: {flow_line(claim.surface)}"


def as_claim(row) -> Claim:
    """A claim-shaped row (the review UI's members and list rows) as a `Claim`, for `compare_claims`."""
    if isinstance(row, Claim):
        return row
    return Claim(
        row.id,
        row.doc_name,
        0,
        0,
        row.surface,
        row.kind or "other",
        value=row.value,
        value_min=row.value_min,
        value_max=row.value_max,
        qualifier=row.qualifier or "exact",
        unit=row.unit,
        currency=row.currency,
    )


def numeric_span(claim) -> tuple[float, float] | None:
    """The claim's value as an interval for a chart, or None when it is not a number (a date)."""
    if claim.value_min is not None and claim.value_max is not None:
        return float(claim.value_min), float(claim.value_max)
    if isinstance(claim.value, (int, float)):
        return float(claim.value), float(claim.value)
    return None


# --------------------------------------------------------------------------- dates


def format_when(stamp: str | None) -> str:
    """A stored ISO timestamp as "2024-05-01 09:30 UTC"; a bare date or an unreadable stamp as given."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return flow_line(stamp)
    if len(stamp) <= 10:
        return moment.date().isoformat()
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M") + " UTC"


def day_of(stamp: str | None) -> str | None:
    """The ISO date (YYYY-MM-DD) of a stored timestamp, in UTC; None when there is none."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.date().isoformat()


# --------------------------------------------------------------------------- excerpts


def clip_words(text: str, *, keep_start: bool, keep_end: bool) -> str:
    """Drop the partial word at a cut end of an excerpt, so it starts and ends on whole words."""
    if not keep_start:
        head, space, rest = text.partition(" ")
        text = rest if space and len(head) < 30 else text
    if not keep_end:
        rest, space, tail = text.rpartition(" ")
        text = rest if space and len(tail) < 30 else text
    return text


def shorten(text: str, limit: int) -> str:
    """One line of at most `limit` characters, cut on a word with an ellipsis when longer."""
    text = flow_line(text)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
