"""What a quantity is in its sentence: its kind, value, unit and note (a share is a proportion, a
percentage after 'fell' a rate, '34-year-old' an age), and figures too large to read."""

from __future__ import annotations

import re

from workbench.core.extract.change import change_sign
from workbench.core.model import Claim, Span
from workbench.core.numbers import BY_BEFORE, DECIMAL_COMMA, HIGHER_AFTER, LOWER_AFTER, Quantity

_APPOSITIVE_AGE = re.compile(r"\b[A-Z][a-z'’-]+,\s$")
# A value reaches infinity (or NaN) only from a number written in at least this many characters:
# 1.8e308 is the largest float and the largest multiplier ("trillion") is 1e12 (number words make
# no more than hundreds of trillions).
DIGITS_BEYOND_FLOAT = 297


def beyond_range(claim: Claim) -> None:
    """A figure too large for a number ("999…9" with hundreds of digits) stays a claim, shown
    with its source, but without a value: none could be compared or written as JSON."""
    claim.value = claim.value_min = claim.value_max = claim.numerator = claim.denominator = None
    claim.note = "too large to read as a number"


AGE_AFTER = ("-year-old", "-years-old", " year old", " years old", " year of age", " years of age")


def _tidy(x):
    """A float without the noise of binary arithmetic: 33.13 x 1,000,000 is 33,130,000, not
    33,130,000.000000004 (15 significant digits hold every figure a text writes)."""
    return float(f"{x:.15g}") if x.__class__ is float and not x.is_integer() else x


def interpret(text: str, q: Quantity, sentence: Span):
    """(kind, value, unit, note) of a quantity in its sentence."""
    q.value, q.value_min, q.value_max = _tidy(q.value), _tidy(q.value_min), _tidy(q.value_max)
    form = q.form
    if form == "fraction":  # "a third higher", "a quarter fewer": a change
        following = text[q.end : q.end + 9].lower()
        if following.startswith(HIGHER_AFTER) or following.startswith(LOWER_AFTER):
            return "rate", round((1 if following.startswith(HIGHER_AFTER) else -1) * q.value, 6), None, None
    if form == "fraction" and BY_BEFORE.search(text, max(sentence.start, q.start - 4), q.start):
        sign = change_sign(text, q, sentence)  # "cut by a quarter": a change
        if sign:
            return "rate", round(sign * q.value, 6), None, None
    if form in ("share", "fraction"):
        return "proportion", round(q.value, 6), None, None
    if form == "percent" and q.value is None:  # "between 18 and 21 per cent"
        sign = change_sign(text, q, sentence)
        if sign < 0:
            q.value_min, q.value_max = -q.value_max, -q.value_min
        return ("rate" if sign else "proportion"), None, q.unit, None
    if form == "percent":
        if q.signed:
            return "rate", round(q.value, 6), q.unit, None
        sign = change_sign(text, q, sentence)
        if sign:
            return "rate", round(sign * q.value, 6), q.unit, None
        return "proportion", round(q.value, 6), q.unit, None
    if form == "money":
        comma = DECIMAL_COMMA.search(text, q.number_start, q.end)
        note = f"as written: {text[q.number_start : q.end]} (the comma read as a decimal point)" if comma else None
        return "money", q.value, None, note
    if form == "magnitude":
        return "count", None, None, "vague magnitude"
    if form == "ratio":
        return "other", q.value, "ratio", None
    if form == "year":
        return "year", q.value, None, None
    if form == "split_year":
        return "year", None, None, "split year"
    if form == "date":
        return "date", q.value, None, None
    if form == "duration":
        return "duration", q.value, q.unit, None
    if form == "measure":
        return "other", q.value, q.unit, None
    before = text[max(sentence.start, q.start - 12) : q.start].lower()
    after = text[q.end : q.end + 14].lower()  # " years of age"
    if before.endswith(("aged ", "age ", "ages ")) or after.startswith(AGE_AFTER):
        return "other", q.value, "year of age", None
    if (
        q.value is not None
        and after.startswith((",", " and "))
        and _APPOSITIVE_AGE.search(text[max(sentence.start, q.start - 30) : q.start])
        and 0 < q.value < 120
    ):
        return "other", q.value, "year of age", None  # "Kerry Donnelly, 34, said"
    value = q.value
    if value is None:  # a range ("between 30 and 40"): a count when both ends are whole numbers
        whole = all(isinstance(x, float) and x.is_integer() for x in (q.value_min, q.value_max))
        return ("count" if whole else "other"), None, None, None
    if isinstance(value, float) and value.is_integer():
        return "count", int(value), None, None
    return "other", value, None, None
