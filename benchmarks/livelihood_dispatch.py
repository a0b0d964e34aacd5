"""Benchmark: the dispatch classifier (智能派单) on a large history.

Makes N past requests (default 100,000) the way the demo does — a category's phrases, a
place, a closing remark, 7% dispatched to some other unit — over 16 units, then times
training (jieba segmentation, TF-IDF, logistic regression fitted twice: on the older 80%
to measure top-1/top-3 accuracy on the newest 20%, then on everything) and the latency of
one suggestion (segmentation + TF-IDF + top 3 of the model), median and 95th percentile
over R single requests, plus the stored model's size and the time to load it.

    .venv/bin/python benchmarks/livelihood_dispatch.py [--requests 100000 --runs 500]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mingzhu.livelihood import classifier  # noqa: E402

TOPICS = [
    ["路面坑洼", "道路塌陷", "人行道砖松动", "桥面破损", "雨后积水严重"],
    ["路灯不亮", "路灯杆倾斜", "夜间路段漆黑", "灯头损坏"],
    ["突然停水", "水压太低", "自来水发黄", "水管爆裂漏水"],
    ["燃气管道有异味", "天然气开户难", "取暖设施故障", "燃气表计量异常"],
    ["垃圾桶满溢", "垃圾长时间未清运", "建筑垃圾乱倒", "垃圾分类亭脏乱"],
    ["夜间施工噪声扰民", "工厂排放异味", "河道发黑发臭", "油烟直排"],
    ["邻居占用公共过道", "楼上漏水不处理", "宅基地界址争议", "饲养家禽影响邻居"],
    ["工地拖欠农民工工资", "公司拖欠工资三个月", "离职后工资未结清", "加班费不发放"],
    ["单位未缴纳社保", "灵活就业参保咨询", "失业金申领", "退休待遇认证"],
    ["超市销售过期食品", "餐馆卫生差", "预付卡商家跑路", "商品缺斤短两"],
    ["低保申请咨询", "独居老人无人照料", "临时救助申请", "养老机构收费问题"],
    ["灌溉渠道堵塞", "农田排水不畅", "秸秆处理补贴", "农机补贴咨询"],
    ["小作坊存放易燃物", "电动车楼道充电", "消防通道被堵", "危化品车辆违停"],
    ["校车超载", "学校周边摊贩", "课后托管收费", "学区划分咨询"],
    ["公交班次太少", "站台破损", "出租车拒载", "网约车违规"],
    ["小区物业不作为", "电梯故障", "违规装修", "公共维修资金使用"],
]
PLACES = ["立新村", "新坝社区", "永胜村", "联合村", "长江村", "同德村", "东来村", "光明村"]
SPOTS = ["路口", "小区门口", "菜场旁", "学校附近", "村部西侧", "沿江路段", "3组", "7组", "商业街"]
TAILS = [
    "，已持续多日，请尽快处理。",
    "，影响出行和生活。",
    "，希望有关部门核实。",
    "，多次反映未解决。",
    "。",
]


def history(n: int, seed: int = 1) -> tuple[list[str], list[int]]:
    rng = random.Random(seed)
    texts, labels = [], []
    for _ in range(n):
        unit = rng.randrange(len(TOPICS))
        phrase = rng.choice(TOPICS[unit])
        if rng.random() < 0.07:
            unit = rng.randrange(len(TOPICS))
        place = rng.choice(PLACES)
        texts.append(f"{place}{rng.choice(SPOTS)}{phrase}{rng.choice(TAILS)}")
        labels.append(100 + unit)
    return texts, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()

    started = time.perf_counter()
    classifier.tokenize("预热")
    print(f"jieba initialised in {time.perf_counter() - started:.2f} s (lazy, no download)")
    texts, labels = history(args.requests)
    started = time.perf_counter()
    for t in texts[:10_000]:
        classifier.tokenize(t)
    seg = time.perf_counter() - started
    print(f"segmentation: {10_000 / seg:,.0f} requests/s")

    started = time.perf_counter()
    trained = classifier.train(texts, labels)
    train_seconds = time.perf_counter() - started
    print(
        f"training on {trained.samples:,} requests ({trained.held_out:,} held back): "
        f"{train_seconds:.1f} s; top-1 {trained.top1:.3f}, top-3 {trained.top3:.3f}"
    )
    blob = trained.dumps()
    started = time.perf_counter()
    model = classifier.Loaded(blob)
    print(f"stored model {len(blob) / 1e6:.2f} MB, loaded in {time.perf_counter() - started:.3f} s")

    queries, _ = history(args.runs, seed=2)
    times = []
    for q in queries:
        started = time.perf_counter()
        model.suggest(q)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"suggestion latency over {len(times)} requests: median {statistics.median(times):.2f} ms, "
        f"p95 {p95:.2f} ms"
    )


if __name__ == "__main__":
    main()
