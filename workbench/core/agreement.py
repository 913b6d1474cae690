"""How far two reviewers agree on the claims both decided: percent agreement and Cohen's kappa
over the three verdicts, the counts behind them, and the claims where they disagree.

Kappa is computed in integers, (n·agreed − Σ aₖbₖ) / (n² − Σ aₖbₖ), so that "expected agreement
is exactly 1" is an exact test and not a float that happens to round to 1. When it is 1 (both
reviewers gave every claim one and the same verdict, or no claim was decided by both) kappa is
undefined: it is None here, with the reason in words, never a made-up 0 or 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

VERDICTS = ("consistent", "conflicting", "unverified")


@dataclass(frozen=True, slots=True)
class Agreement:
    """Two reviewers' agreement on the claims both decided."""

    reviewers: tuple[str, str]
    claims: int  # claims both reviewers decided
    agreed: int  # of those, the claims given the same verdict
    counts: dict[str, dict[str, int]]  # reviewer -> verdict -> claims, over the shared claims
    matrix: dict[str, dict[str, int]]  # first reviewer's verdict -> second's verdict -> claims
    disagreements: tuple[str, ...]  # claim ids given different verdicts, in the order given
    chance_numerator: int  # Σ aₖbₖ over the verdicts: n² times the chance agreement

    @property
    def observed(self) -> float | None:
        """The share of shared claims given the same verdict (0 to 1); None with no shared claim."""
        return self.agreed / self.claims if self.claims else None

    @property
    def expected(self) -> float | None:
        """The agreement expected by chance from each reviewer's own verdict shares (0 to 1)."""
        return self.chance_numerator / self.claims**2 if self.claims else None

    @property
    def percent_agreement(self) -> float | None:
        """`observed` as a percentage (0 to 100); None with no shared claim."""
        return None if self.observed is None else 100 * self.observed

    @property
    def chance_agreement_percent(self) -> float | None:
        """`expected` as a percentage (0 to 100); None with no shared claim."""
        return None if self.expected is None else 100 * self.expected

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa, from -1 to 1; None when it is undefined (see `kappa_undefined_because`)."""
        n, chance = self.claims, self.chance_numerator
        if n == 0 or chance == n * n:
            return None
        return (n * self.agreed - chance) / (n * n - chance)

    @property
    def kappa_undefined_because(self) -> str | None:
        """Why kappa cannot be computed, in words a reader of the report understands; None when it can."""
        if self.claims == 0:
            return "no claim was decided by both reviewers"
        if self.chance_numerator == self.claims**2:
            verdict = next(v for v in VERDICTS if self.counts[self.reviewers[0]][v])
            return f"both reviewers gave every shared claim the same verdict ({verdict}), so chance agreement is 100%"
        return None

    def as_dict(self) -> dict:
        """Plain data (JSON-ready): percentages from 0 to 100, kappa or None with the reason."""
        a, b = self.reviewers
        return {
            "reviewers": [a, b],
            "claims_both_decided": self.claims,
            "agreed": self.agreed,
            "disagreed": self.claims - self.agreed,
            "percent_agreement": self.percent_agreement,
            "chance_agreement_percent": self.chance_agreement_percent,
            "kappa": self.kappa,
            "kappa_undefined_because": self.kappa_undefined_because,
            "counts": {name: dict(self.counts[name]) for name in (a, b)},
            "matrix": {va: dict(row) for va, row in self.matrix.items()},
            "disagreements": list(self.disagreements),
        }


def agreement(first: str, second: str, pairs: Iterable[tuple[str, str, str]]) -> Agreement:
    """The agreement of two reviewers from (claim id, first's verdict, second's verdict) triples,
    one for each claim both decided. A verdict outside the three is a caller's bug: ValueError."""
    if first == second:
        raise ValueError(f"agreement needs two different reviewers, not {first!r} twice")
    matrix = {va: {vb: 0 for vb in VERDICTS} for va in VERDICTS}
    disagreements: list[str] = []
    for claim_id, va, vb in pairs:
        if va not in matrix or vb not in matrix:
            raise ValueError(f"claim {claim_id!r}: unknown verdict {va if va not in matrix else vb!r}")
        matrix[va][vb] += 1
        if va != vb:
            disagreements.append(claim_id)
    return _from_matrix(first, second, matrix, tuple(disagreements))


def agreement_from_matrix(first: str, second: str, cells: Iterable[tuple[str, str, int]]) -> Agreement:
    """Two reviewers' agreement from the number of claims of each (first's verdict, second's
    verdict), as SQL counts them: the same figures without the claims' ids, so that it takes the
    same memory for any number of claims (the report reads the claims to adjudicate on their own)."""
    matrix = {va: {vb: 0 for vb in VERDICTS} for va in VERDICTS}
    for va, vb, n in cells:
        matrix[va][vb] += n
    return _from_matrix(first, second, matrix, ())


def _from_matrix(
    first: str, second: str, matrix: dict[str, dict[str, int]], disagreements: tuple[str, ...]
) -> Agreement:
    counts = {
        first: {v: sum(matrix[v].values()) for v in VERDICTS},
        second: {v: sum(matrix[va][v] for va in VERDICTS) for v in VERDICTS},
    }
    return Agreement(
        reviewers=(first, second),
        claims=sum(counts[first].values()),
        agreed=sum(matrix[v][v] for v in VERDICTS),
        counts=counts,
        matrix=matrix,
        disagreements=disagreements,
        chance_numerator=sum(counts[first][v] * counts[second][v] for v in VERDICTS),
    )


def describe_kappa(kappa: float | None) -> str:
    """Landis and Koch's words for a kappa, the scale most readers of agreement figures know."""
    if kappa is None:
        return "undefined"
    if kappa < 0:
        return "less than chance"
    for bound, words in ((0.2, "slight"), (0.4, "fair"), (0.6, "moderate"), (0.8, "substantial")):
        if kappa <= bound:
            return words
    return "almost perfect"


# --------------------------------------------------------------------------- all reviewers


@dataclass(frozen=True, slots=True)
class Alpha:
    """Krippendorff's alpha (nominal) over every reviewer at once: the agreement figure for more
    than two reviewers, where each claim may be decided by any number of them."""

    claims: int  # claims with verdicts from two or more reviewers (the only ones that count)
    values: int  # verdicts in those claims
    observed_disagreement: float | None
    expected_disagreement: float | None

    @property
    def alpha(self) -> float | None:
        """1 − Dₒ/Dₑ, from −1 to 1; None when undefined (no pairable claim, or one verdict only)."""
        if not self.expected_disagreement or self.observed_disagreement is None:
            return None
        return 1 - self.observed_disagreement / self.expected_disagreement

    @property
    def alpha_undefined_because(self) -> str | None:
        if self.claims == 0:
            return "no claim was decided by two or more reviewers"
        if not self.expected_disagreement:
            return "every verdict given is the same, so there is no variation to agree on"
        return None


def krippendorff_alpha(units: Iterable[Iterable[object]]) -> Alpha:
    """Krippendorff's alpha for nominal data from the values each unit (claim) was given, one
    value per coder (reviewer) that coded it; a unit coded once carries no pairable value and is
    left out, as Krippendorff defines it. Computed from the coincidence matrix in exact fractions
    (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", section C):
    Dₒ = Σ_u Σ_{c≠k} n_uc·n_uk/(m_u − 1) / n, Dₑ = Σ_{c≠k} n_c·n_k / (n(n − 1))."""
    from collections import Counter
    from fractions import Fraction

    totals: Counter = Counter()
    observed = Fraction(0)
    claims = 0
    for unit in units:
        counts = Counter(unit)
        m = sum(counts.values())
        if m < 2:
            continue
        claims += 1
        totals.update(counts)
        # Σ_{c≠k} n_uc·n_uk = m² − Σ_c n_uc²
        observed += Fraction(m * m - sum(n * n for n in counts.values()), m - 1)
    n = sum(totals.values())
    if n < 2:
        return Alpha(claims, n, None, None)
    d_observed = observed / n
    d_expected = Fraction(n * n - sum(c * c for c in totals.values()), n * (n - 1))
    return Alpha(claims, n, float(d_observed), float(d_expected))
