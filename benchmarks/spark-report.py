#!/usr/bin/env python3
"""Turns benchmarks/spark-scaling.sh's JSON reports into the Markdown tables of docs/distributed.md.

Throughput and round times leave out the first epoch (JIT warm-up) when a run has more than one.
Speedup is examples/s over the single-machine run's; efficiency is speedup / workers. The round
time is fitted per master by least squares as K*t_step + c_sync over the parameter-averaging runs
(K = mean local steps per round), and the K at which Spark starts to pay off solves
workers*K/(K*t_step + c_sync) = 1/t_single (and = 1.6/t_single for the target)."""
import json
import pathlib
import sys

d = pathlib.Path(sys.argv[1])
runs = {p.stem: json.loads(p.read_text()) for p in sorted(d.glob("*.json"))}
single = runs.pop("single")
EPS = "steadyExamplesPerSecond"
t1 = single["batchPerWorker"] / single[EPS] * 1e3   # ms per single-machine step


def key(name):
    r = runs[name]
    return (r["master"], r["mode"] != "parameters", r.get("averagingEvery", 1))


print("| run | master | sync | K | rounds | examples/s | speedup | efficiency | broadcast ms | compute ms "
      "(slowest task) | aggregate ms | round ms | test accuracy |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
print(f"| single | - | - | - | - | {single[EPS]:.0f} | 1.00 | 1.00 | | | | "
      f"{t1:.2f} per step | {single['testAccuracy']:.4f} |")
fits = {}
for name in sorted(runs, key=key):
    r = runs[name]
    sp = r[EPS] / single[EPS]
    rounds = [x for x in r["perRound"] if x["epoch"] >= 1] or r["perRound"]
    mean = {f: sum(x[f] for x in rounds) / len(rounds)
            for f in ("steps", "broadcastMillis", "computeMillis", "workerMillis", "aggregateMillis")}
    mean_steps = mean["steps"]
    round_ms = sum(x["broadcastMillis"] + x["computeMillis"] + x["aggregateMillis"] for x in rounds) / len(rounds)
    if r["mode"] == "parameters":
        fits.setdefault(r["master"], []).append((mean_steps, round_ms, r["workers"]))
    print(f"| {name} | {r['master']} | {r['mode']} | {r['averagingEvery']} | {r['rounds']} | "
          f"{r[EPS]:.0f} | {sp:.2f} | {sp / r['workers']:.2f} | {mean['broadcastMillis']:.1f} | "
          f"{mean['computeMillis']:.1f} ({mean['workerMillis']:.1f}) | {mean['aggregateMillis']:.1f} | "
          f"{round_ms:.1f} | {r['testAccuracy']:.4f} |")

print()
print(f"Single machine: {t1:.3f} ms per step of {single['batchPerWorker']} examples, "
      f"test accuracy {single['testAccuracy']:.4f} after {single['epochs']} epochs.")
print()
print("| master | fitted round time | t_step vs single | Spark pays off from K | 1.6x from K |")
print("|---|---|---|---|---|")
for master, pts in fits.items():
    n = len(pts)
    mx = sum(p[0] for p in pts) / n
    my = sum(p[1] for p in pts) / n
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    t = sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx
    c = my - t * mx
    workers = pts[0][2]
    def k_for(target):
        denom = workers * t1 - target * t
        return f"{target * c / denom:.0f}" if denom > 0 and c > 0 else "never"
    print(f"| {master} | {t:.3f} ms x K + {c:.1f} ms | {t / t1:.2f}x | {k_for(1.0)} | {k_for(1.6)} |")
