"""Krippendorff's alpha (nominal) equals the values Krippendorff published for his own examples."""

from workbench.core.agreement import krippendorff_alpha

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section A: two observers,
# ten units, binary data; nominal alpha 0.095.
SECTION_A = [(0, 1), (1, 1), (0, 1), (0, 0), (0, 0), (0, 1), (0, 0), (0, 0), (1, 0), (0, 0)]

# Section C: four observers, twelve units, missing values (None); nominal alpha 0.743.
_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
SECTION_C = [[row[u] for row in _C if row[u] is not None] for u in range(12)]


def test_section_a_two_observers_binary():
    assert round(krippendorff_alpha(SECTION_A).alpha, 3) == 0.095


def test_section_c_four_observers_with_missing_values():
    result = krippendorff_alpha(SECTION_C)
    assert round(result.alpha, 3) == 0.743
    assert result.claims == 11  # unit 12 was coded once: nothing to pair, left out
    assert result.values == 40


def test_perfect_agreement_is_one_and_a_single_verdict_everywhere_is_undefined():
    assert krippendorff_alpha([("consistent", "consistent"), ("conflicting", "conflicting")]).alpha == 1
    same = krippendorff_alpha([("consistent", "consistent"), ("consistent", "consistent")])
    assert same.alpha is None and "same" in same.alpha_undefined_because
    nobody = krippendorff_alpha([("consistent",)])
    assert nobody.alpha is None and nobody.alpha_undefined_because.startswith("no claim")


def test_matches_cohens_kappa_sized_disagreement_for_two_reviewers():
    # For two coders and no missing data alpha is close to (not equal to) kappa; on
    # systematic disagreement it is below zero.
    assert krippendorff_alpha([("a", "b"), ("b", "a"), ("a", "b"), ("b", "a")]).alpha < 0
