#!/usr/bin/python3
"""Medians, ranges and nnet/PyTorch ratios from bench/compare.sh's (or bench/throughput.sh's) output, last (warm)
epoch of each run. Usage: bench/summarize.py OUT.jsonl"""
import json
import statistics as st
import sys
from collections import defaultdict

rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{") and '"epoch"' in l]
last = max(r["epoch"] for r in rows)
rows = [r for r in rows if r["epoch"] == last]
names = {"TrainMlp": "mlp", "TrainLeNet5": "lenet5", "TrainCharLstm": "charlstm", "TrainReverse": "seq2seq"}
by = defaultdict(dict)  # (model, threads, rep) -> impl -> row
for r in rows:
    by[(names.get(r["model"], r["model"]), r.get("threads", 1), r["rep"])][r["impl"]] = r


def rng(v, fmt="{:,.0f}"):
    return fmt.format(st.median(v)) + " (" + fmt.format(min(v)) + "–" + fmt.format(max(v)) + ")"


print(f"epoch {last} of each run (warm); per rep: nnet/PyTorch in wall time and in CPU time of the training thread")
print("| model | threads | rep | nnet samples/s (wall) | PyTorch samples/s (wall) | ratio (wall) | ratio (CPU) "
      "| peak RSS nnet / PyTorch (MB) | load 1-min (nnet; PyTorch) |")
print("|---|---:|---:|---:|---:|---:|---:|---|---|")
summary = defaultdict(lambda: defaultdict(list))
for (model, threads, rep), d in sorted(by.items()):
    if not {"nnet", "pytorch"} <= set(d):
        continue
    n, p = d["nnet"], d["pytorch"]
    s = summary[(model, threads)]
    if "nnet-graph" in d:  # NNET_GRAPH=1 runs of bench/throughput.sh: the compiled step over the graph step
        s["c_over_g"].append(n["samples_per_cpu_sec"] / d["nnet-graph"]["samples_per_cpu_sec"])
    rw = n["samples_per_sec"] / p["samples_per_sec"]
    rc = n["samples_per_cpu_sec"] / p["samples_per_cpu_sec"]
    for k, v in [("n", n["samples_per_sec"]), ("p", p["samples_per_sec"]), ("rw", rw), ("rc", rc),
                 ("nr", n.get("peak_rss_kb", 0) / 1024), ("pr", p.get("peak_rss_kb", 0) / 1024),
                 ("load", max(n["load_before"], n["load_after"], p["load_before"], p["load_after"]))]:
        s[k].append(v)
    print(f"| {model} | {threads} | {rep} | {n['samples_per_sec']:,.0f} | {p['samples_per_sec']:,.0f} | {rw:.2f} | {rc:.2f} | "
          f"{n.get('peak_rss_kb', 0) / 1024:,.0f} / {p.get('peak_rss_kb', 0) / 1024:,.0f} | "
          f"{n['load_before']}–{n['load_after']}; {p['load_before']}–{p['load_after']} |")
print()
print("| model | threads | reps | nnet samples/s (wall), median (range) | PyTorch samples/s (wall) | ratio (wall) "
      "| ratio (CPU) | peak RSS nnet / PyTorch (MB) | highest load |")
print("|---|---:|---:|---:|---:|---:|---:|---|---:|")
for (model, threads), s in summary.items():
    print(f"| {model} | {threads} | {len(s['rw'])} | {rng(s['n'])} | {rng(s['p'])} | {rng(s['rw'], '{:.2f}')} "
          f"| {rng(s['rc'], '{:.2f}')} | {st.median(s['nr']):,.0f} / {st.median(s['pr']):,.0f} | {max(s['load'])} |"
          + (f" compiled/graph step (CPU) {st.median(s['c_over_g']):.2f}" if s.get("c_over_g") else ""))
