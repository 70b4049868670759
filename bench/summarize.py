#!/usr/bin/python3
"""Medians and nnet/PyTorch ratios from bench/throughput.sh's output (last, warm epoch of each run).
Usage: bench/summarize.py throughput.jsonl"""
import json
import statistics as st
import sys
from collections import defaultdict

rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
last = max(r["epoch"] for r in rows)
rows = [r for r in rows if r["epoch"] == last]
names = {"TrainMlp": "mlp", "TrainLeNet5": "lenet5"}
by = defaultdict(dict)  # (model, rep) -> impl -> row
for r in rows:
    by[(names.get(r["model"], r["model"]), r["rep"])][r["impl"]] = r
print(f"epoch {last} of each run (warm); per rep: nnet/pytorch in CPU time of the training thread and in wall time")
print("| model | rep | nnet samples/s (CPU) | PyTorch samples/s (CPU) | ratio (CPU) | nnet samples/s (wall) | PyTorch samples/s (wall) | ratio (wall) | load 1-min (nnet; PyTorch) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
summary = defaultdict(lambda: defaultdict(list))
for (model, rep), d in sorted(by.items()):
    if not {"nnet", "pytorch"} <= set(d):
        continue
    if "nnet-graph" in d:  # NNET_GRAPH=1 runs: compiled step over graph step
        summary[model]["c_over_g"].append(d["nnet"]["samples_per_cpu_sec"] / d["nnet-graph"]["samples_per_cpu_sec"])
    n, p = d["nnet"], d["pytorch"]
    rc = n["samples_per_cpu_sec"] / p["samples_per_cpu_sec"]
    rw = n["samples_per_sec"] / p["samples_per_sec"]
    for k, v in [("n_cpu", n["samples_per_cpu_sec"]), ("p_cpu", p["samples_per_cpu_sec"]), ("r_cpu", rc),
                 ("n_wall", n["samples_per_sec"]), ("p_wall", p["samples_per_sec"]), ("r_wall", rw)]:
        summary[model][k].append(v)
    print(f"| {model} | {rep} | {n['samples_per_cpu_sec']:,.0f} | {p['samples_per_cpu_sec']:,.0f} | {rc:.2f} | "
          f"{n['samples_per_sec']:,.0f} | {p['samples_per_sec']:,.0f} | {rw:.2f} | "
          f"{n['load_before']}–{n['load_after']}; {p['load_before']}–{p['load_after']} |")
print()
for model, s in summary.items():
    m = {k: st.median(v) for k, v in s.items()}
    print(f"{model}: {len(s['r_cpu'])} reps, median CPU: nnet {m['n_cpu']:,.0f} vs PyTorch {m['p_cpu']:,.0f} samples/s, "
          f"median ratio {m['r_cpu']:.2f}; median wall: nnet {m['n_wall']:,.0f} vs {m['p_wall']:,.0f}, ratio {m['r_wall']:.2f}"
          + (f"; compiled/graph step (CPU) {m['c_over_g']:.2f}" if "c_over_g" in m else ""))
