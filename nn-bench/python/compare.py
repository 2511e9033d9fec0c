#!/usr/bin/env python3
"""Reads JMH's JSON (Backprop) and bench_python.py's lines, prints one table with the ratios."""
import json
import sys

jmh = json.load(open(sys.argv[1]))
ours = {}
for result in jmh:
    name = result["benchmark"].split(".")[-1]
    params = result.get("params", {})
    us = result["primaryMetric"]["score"]
    if name == "product":
        ours[("W3-" + params["shape"], params["backend"])] = us
    else:
        workload = {"w1SpiralEpoch": "W1", "w2FashionStep": "W2", "w2FashionStepFloat32": "W2-float32", "w4TinyStep": "W4-step", "w4TinyPredict": "W4-predict"}[name]
        ours[(workload, "backprop")] = us
        alloc = result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        if alloc:
            ours[(workload, "alloc")] = alloc["score"]

others = []
meta = []
for path in sys.argv[2:]:
    for line in open(path):
        record = json.loads(line)
        (others if "workload" in record else meta).append(record)

print("%-22s %-26s %12s %12s %9s" % ("workload", "peer", "peer µs", "Backprop µs", "ratio"))
for record in others:
    workload = record["workload"]
    mine = ours.get((workload, "backprop"))
    if workload == "W2" and record["dtype"] == "float32" and ("W2-float32", "backprop") in ours:
        mine32 = ours[("W2-float32", "backprop")]
        peer = "%s %s %dt" % (record["impl"], record["dtype"], record["threads"])
        print("%-22s %-26s %12.1f %12.1f %8.2fx" % ("W2 (ours float32)", peer, record["us"], mine32, record["us"] / mine32))
    if workload.startswith("W3-"):
        mine = ours.get((workload, "openblas"))
    if mine is None:
        continue
    peer = "%s %s %dt" % (record["impl"], record["dtype"], record["threads"])
    print("%-22s %-26s %12.1f %12.1f %8.2fx" % (workload, peer, record["us"], mine, record["us"] / mine))
for (workload, kind), value in sorted(ours.items()):
    if kind == "alloc":
        print("allocation per op, %s: %.0f B" % (workload, value))
    elif workload.startswith("W3-"):
        parts = workload[3:].split(".")
        m, k, n = (int(v) for v in parts[:3])
        print("%-22s Backprop on %-9s %8.1f µs %6.1f GFLOP/s" % (workload, kind, value, 2 * m * k * n / value / 1e3))
for (workload, kind), value in sorted(ours.items()):
    if kind == "openblas" and (workload, "openblas-native") in ours:
        native = ours[(workload, "openblas-native")]
        print("%-22s Backprop's openblas at %3.0f%% of OpenBLAS's own speed (no copies: %.1f µs)"
              % (workload, 100 * native / value, native))
for record in meta:
    print("python side: %s" % json.dumps(record))
print("ratio = peer time / Backprop time: above 1, Backprop is faster")
