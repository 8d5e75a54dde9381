"""Inter-rater agreement: kappas checked against hand computations on small tables."""

from __future__ import annotations

import json

import pytest

from gaitscreen.core.analysis.agreement import (
    agreement_summary,
    category_order,
    cohen_kappa,
    compare_pair,
    confusion_table,
    disagreements,
    fleiss_kappa,
    interpret_kappa,
    model_agreement,
    pairwise_agreement,
    percent_agreement,
)

S, U, X = "stable", "unstable", "unusable"

# Ten clips (ids 1..10) labelled by two raters:
#   A: S S S S S S U U U U
#   B: S S S S U U U U U S
# Confusion (rows A, columns B, order S, U):  [[4, 2], [1, 3]]
#   p_o = (4 + 3) / 10 = 0.7
#   marginals A: S 6, U 4;  B: S 5, U 5
#   p_e = 0.6 * 0.5 + 0.4 * 0.5 = 0.5
#   kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4
A = dict(zip(range(1, 11), [S] * 6 + [U] * 4))
B = dict(zip(range(1, 11), [S] * 4 + [U] * 5 + [S]))


def with_unusable(labels_a: dict, labels_b: dict) -> tuple[dict, dict]:
    # Clips 11, 12: A says unusable twice, B says unusable then stable.
    # Clip 13 is labelled by A only, clip 14 is cleared (None) by B: neither counts.
    a = {**labels_a, 11: X, 12: X, 13: S, 14: U}
    b = {**labels_b, 11: X, 12: S, 14: None}
    return a, b


def test_cohen_kappa_two_categories_by_hand() -> None:
    assert cohen_kappa(A, B) == pytest.approx(0.4)
    assert percent_agreement(A, B) == pytest.approx(70.0)
    table = confusion_table(A, B)
    assert table.categories == (S, U)
    assert table.counts == ((4, 2), (1, 3))
    assert table.count(S, U) == 2 and table.count(U, S) == 1 and table.total == 10


def test_unusable_is_its_own_category_by_default() -> None:
    a, b = with_unusable(A, B)
    # 12 shared clips; confusion rows A (S, U, X), columns B (S, U, X):
    #   S: [4, 2, 0]   U: [1, 3, 0]   X: [1, 0, 1]
    #   p_o = (4 + 3 + 1) / 12 = 96/144
    #   marginals A: S 6, U 4, X 2;  B: S 6, U 5, X 1
    #   p_e = (6*6 + 4*5 + 2*1) / 144 = 58/144
    #   kappa = (96 - 58) / (144 - 58) = 38/86
    table = confusion_table(a, b)
    assert table.categories == (S, U, X)
    assert table.counts == ((4, 2, 0), (1, 3, 0), (1, 0, 1))
    assert cohen_kappa(a, b) == pytest.approx(38 / 86)
    assert percent_agreement(a, b) == pytest.approx(100 * 8 / 12)


def test_excluding_unusable_drops_those_clips() -> None:
    a, b = with_unusable(A, B)
    # Clips 11 and 12 (unusable for at least one rater) leave: back to the first table.
    assert cohen_kappa(a, b, include_unusable=False) == pytest.approx(0.4)
    assert confusion_table(a, b, include_unusable=False).total == 10
    assert compare_pair("a", a, "b", b, include_unusable=False).n_clips == 10


def test_negative_and_zero_kappa() -> None:
    # Complete disagreement, balanced: p_o = 0, p_e = 0.5*0.5 + 0.5*0.5 = 0.5 → kappa = -1.
    a = {1: S, 2: S, 3: U, 4: U}
    b = {1: U, 2: U, 3: S, 4: S}
    assert cohen_kappa(a, b) == pytest.approx(-1.0)
    assert percent_agreement(a, b) == 0.0
    # A always says stable: p_o = 0.5, p_e = 1*0.5 + 0*0.5 = 0.5 → kappa = 0.
    assert cohen_kappa({1: S, 2: S, 3: S, 4: S}, {1: S, 2: S, 3: U, 4: U}) == pytest.approx(0.0)


def test_degenerate_cases_give_none_not_nan() -> None:
    # No clip labelled by both.
    assert cohen_kappa({1: S}, {2: S}) is None
    assert percent_agreement({1: S}, {2: S}) is None
    assert confusion_table({1: S}, {2: S}).total == 0
    # Both raters say "stable" everywhere: p_e = 1, kappa undefined; agreement is total.
    same = {1: S, 2: S, 3: S}
    assert cohen_kappa(same, dict(same)) is None
    assert percent_agreement(same, dict(same)) == 100.0
    # Empty input.
    assert cohen_kappa({}, {}) is None
    pair = compare_pair("a", {}, "b", {})
    assert pair.n_clips == 0 and pair.kappa is None and pair.percent_agreement is None
    text = json.dumps(pair.to_dict(), allow_nan=False)  # raises on NaN
    assert '"kappa": null' in text


def test_fleiss_kappa_three_raters_by_hand() -> None:
    # Clip:    1      2      3      4      5
    # r1..r3:  S S S  S S U  U U U  S U U  S S S
    # n_ij (S, U): (3,0) (2,1) (0,3) (1,2) (3,0);  n = 3 raters, N = 5 clips
    # P_i = (sum n_ij^2 - n) / (n (n-1)) = (sum^2 - 3) / 6 → 1, 1/3, 1, 1/3, 1
    # P_bar = (11/3) / 5 = 11/15
    # p_S = 9/15 = 0.6, p_U = 6/15 = 0.4 → P_e = 0.36 + 0.16 = 0.52 = 13/25
    # kappa = (11/15 - 13/25) / (1 - 13/25) = (16/75) / (12/25) = 4/9
    clips = [(S, S, S), (S, S, U), (U, U, U), (S, U, U), (S, S, S)]
    ratings = {f"r{k + 1}": {i + 1: c[k] for i, c in enumerate(clips)} for k in range(3)}
    ratings["r1"][6] = S  # clip 6 rated by r1 and r2 only: not used
    ratings["r2"][6] = U
    result = fleiss_kappa(ratings)
    assert result.n_clips == 5
    assert result.kappa == pytest.approx(4 / 9)
    assert result.percent_agreement == pytest.approx(60.0)  # clips 1, 3, 5 unanimous
    assert result.categories == (S, U)
    assert result.raters == ("r1", "r2", "r3")


def test_fleiss_kappa_textbook_example() -> None:
    # Fleiss (1971) as reproduced on Wikipedia: 10 subjects, 14 raters, 5 categories;
    # P_bar = 0.378, P_e = 0.213, kappa = 0.210.
    table = [
        (0, 0, 0, 0, 14), (0, 2, 6, 4, 2), (0, 0, 3, 5, 6), (0, 3, 9, 2, 0), (2, 2, 8, 1, 1),
        (7, 7, 0, 0, 0), (3, 2, 6, 3, 0), (2, 5, 3, 2, 2), (6, 5, 2, 1, 0), (0, 2, 2, 3, 7),
    ]
    cats = ["c1", "c2", "c3", "c4", "c5"]
    ratings: dict[str, dict[int, str]] = {f"r{k}": {} for k in range(14)}
    for clip, counts in enumerate(table):
        labels = [c for c, m in zip(cats, counts) for _ in range(m)]
        for k, label in enumerate(labels):
            ratings[f"r{k}"][clip] = label
    assert fleiss_kappa(ratings).kappa == pytest.approx(0.210, abs=0.001)


def test_fleiss_unusable_and_degenerate() -> None:
    ratings = {
        "r1": {1: S, 2: U, 3: X},
        "r2": {1: S, 2: U, 3: S},
        "r3": {1: S, 2: S, 3: S},
    }
    assert fleiss_kappa(ratings).n_clips == 3
    assert fleiss_kappa(ratings, include_unusable=False).n_clips == 2
    # All ratings in one category → P_e = 1 → None.
    same = {r: {1: S, 2: S} for r in ("a", "b", "c")}
    assert fleiss_kappa(same).kappa is None
    # No clip rated by everyone, or a single rater.
    assert fleiss_kappa({"a": {1: S}, "b": {2: S}, "c": {1: S}}).kappa is None
    assert fleiss_kappa({"a": {1: S, 2: U}}).kappa is None
    json.dumps(fleiss_kappa(same).to_dict(), allow_nan=False)


def test_disagreements_list_each_raters_label() -> None:
    ratings = {
        "ann": {1: S, 2: U, 3: S, 4: X},
        "bob": {1: S, 2: S, 3: None, 4: S},
        "cat": {1: U, 5: S},
    }
    found = disagreements(ratings)
    assert [d.clip_id for d in found] == [1, 2, 4]
    assert found[0].labels == {"ann": S, "bob": S, "cat": U}
    assert found[1].labels == {"ann": U, "bob": S}
    # Ignoring "unusable", clip 4 has a single label left: no disagreement.
    assert [d.clip_id for d in disagreements(ratings, include_unusable=False)] == [1, 2]
    assert [d.clip_id for d in disagreements(ratings, raters=["ann", "bob"])] == [2, 4]


def test_pairwise_and_summary() -> None:
    ratings = {"b": B, "a": A, "c": {**A, 10: S}}
    pairs = pairwise_agreement(ratings)
    assert [(p.rater_a, p.rater_b) for p in pairs] == [("a", "b"), ("a", "c"), ("b", "c")]
    ab = pairs[0]
    assert ab.kappa == pytest.approx(0.4) and ab.n_clips == 10
    assert [d.clip_id for d in ab.disagreements] == [5, 6, 10]
    assert ab.disagreements[0].labels == {"a": S, "b": U}
    # a vs c differ on clip 10 only: p_o = 0.9; marginals a: 6 S 4 U, c: 7 S 3 U;
    # p_e = 0.6*0.7 + 0.4*0.3 = 0.54; kappa = 0.36 / 0.46.
    assert pairs[1].kappa == pytest.approx(0.36 / 0.46)
    summary = agreement_summary(ratings)
    assert summary.raters == ("a", "b", "c")
    assert summary.fleiss is not None and summary.fleiss.n_clips == 10
    assert [d.clip_id for d in summary.disagreements] == [5, 6, 10]
    data = json.loads(json.dumps(summary.to_dict(), allow_nan=False))
    assert data["pairs"][0]["confusion"]["counts"] == [[4, 2], [1, 3]]
    assert data["pairs"][0]["interpretation"] == "fair"
    assert agreement_summary({"a": A, "b": B}).fleiss is None


def test_model_agreement_excludes_unusable_by_default() -> None:
    a, b = with_unusable(A, B)
    model = dict(A)  # the model agrees with rater a on clips 1..10
    model[12] = S
    results = model_agreement({"a": a, "b": b}, model, model_name="m")
    assert [(r.rater_a, r.rater_b) for r in results] == [("a", "m"), ("b", "m")]
    assert results[0].kappa == pytest.approx(1.0) and results[0].n_clips == 10
    # b vs model is b vs a on clips 1..10 plus clip 12 (b: S, model: S) → 11 clips.
    # Confusion rows b (S, U), columns model (S, U): [[5, 1], [2, 3]]
    # p_o = 8/11; marginals b: 6 S, 5 U; model: 7 S, 4 U; p_e = (42 + 20) / 121 = 62/121
    # kappa = (88/121 - 62/121) / (59/121) = 26/59
    assert results[1].n_clips == 11
    assert results[1].kappa == pytest.approx(26 / 59)
    with_x = model_agreement({"a": a}, model, include_unusable=True)[0]
    assert with_x.n_clips == 11  # clip 12 (a: unusable, model: stable) now counts


def test_category_order_and_words() -> None:
    assert category_order(["unusable", "zzz", "stable", "aaa"]) == ("stable", "unusable", "aaa", "zzz")
    assert interpret_kappa(None) == ""
    assert interpret_kappa(-0.1) == "poor"
    assert interpret_kappa(0.4) == "fair"
    assert interpret_kappa(0.85) == "almost perfect"
