"""The classifier trains and predicts offline on data the tests make."""

import random

import pytest

from mingzhu.livelihood import classifier

TOPICS = {
    1: ["路面坑洼", "道路塌陷", "桥面破损", "人行道砖松动"],
    2: ["垃圾桶满溢", "垃圾未清运", "建筑垃圾乱倒"],
    3: ["拖欠工资", "工资未结清", "加班费不发放"],
    4: ["超市过期食品", "餐馆卫生差", "缺斤短两"],
}
PLACES = ["立新村", "新坝社区", "永胜村", "长江村"]


def _history(n: int, seed: int = 7):
    rng = random.Random(seed)
    texts, labels = [], []
    for _ in range(n):
        unit = rng.choice(list(TOPICS))
        texts.append(f"{rng.choice(PLACES)}{rng.choice(TOPICS[unit])}，请尽快处理")
        labels.append(unit)
    return texts, labels


def test_it_segments_chinese_words():
    words = classifier.tokenize("立新村道路塌陷，请尽快处理。")
    assert "道路" in words or "塌陷" in words
    assert "，" not in words and "。" not in words


def test_it_learns_and_suggests_the_top_three_units_with_scores():
    texts, labels = _history(400)
    trained = classifier.train(texts, labels)
    assert trained.samples == 400 and trained.held_out == 80
    assert trained.top1 >= 0.9 and trained.top3 >= trained.top1
    loaded = classifier.Loaded(trained.dumps())
    suggestions = loaded.suggest("永胜村工地拖欠农民工工资")
    assert len(suggestions) == 3
    assert suggestions[0][0] == 3
    scores = [s for _u, s in suggestions]
    assert scores == sorted(scores, reverse=True) and 0 < sum(scores) <= 1.0001


def test_it_refuses_with_too_little_history():
    texts, labels = _history(classifier.MIN_SAMPLES - 1)
    with pytest.raises(classifier.NotEnoughHistory):
        classifier.train(texts, labels)


def test_it_refuses_when_only_one_unit_has_enough_history():
    texts, labels = _history(300)
    with pytest.raises(classifier.NotEnoughHistory):
        classifier.train(texts, [1] * 296 + [2] * 4)


def test_units_with_too_few_dispatches_are_left_out():
    texts, labels = _history(300)
    labels[:3] = [99, 99, 99]
    trained = classifier.train(texts, labels)
    assert 99 not in trained.classes


def test_the_accuracy_is_measured_on_the_newest_requests_a_model_fitted_on_the_older_did_not_see():
    # Units change their topics over time: the older four fifths send 道路 to unit 1, the
    # newest fifth to unit 2. A model fitted on the older requests only cannot know that,
    # so its top-1 on the newest is poor; a score on data it had seen would be near 1.
    import datetime as dt

    start = dt.date(2030, 1, 1)
    texts, labels, dates = [], [], []
    for i in range(400):
        road = i % 2 == 0
        late = i >= 320
        texts.append("立新村路面坑洼" if road else "新坝社区拖欠工资")
        labels.append((2 if late else 1) if road else 3)
        dates.append(start + dt.timedelta(days=i // 4))
    trained = classifier.train(texts, labels, dates)
    assert trained.held_out == 80
    assert (trained.held_out_from, trained.held_out_to) == (dates[320], dates[-1])
    assert trained.top1 == pytest.approx(0.5)  # the wage requests right, the road ones wrong
