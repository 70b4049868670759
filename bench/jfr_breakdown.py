#!/usr/bin/env python3
"""Where the training thread's time goes, from a JFR recording (docs/benchmarks.md, "Training").

Usage: jfr print --events jdk.ExecutionSample,jdk.NativeMethodSample --stack-depth 64 REC.jfr > s.txt
       bench/jfr_breakdown.py s.txt [THREAD]
Counts the samples of THREAD (default main) taken inside Trainer.fit (Java and native samples together)
and splits them by the first matching frame from the outermost, then by Java-vs-native for the graph step.
"""
import re
import sys
from collections import Counter

text = open(sys.argv[1]).read()
thread = sys.argv[2] if len(sys.argv) > 2 else "main"
events = re.split(r"\n(?=jdk\.(?:ExecutionSample|NativeMethodSample) \{)", text)
phases = [  # (label, frame substring), checked in this order on the stack from the outermost frame
    ("update: non-finite gradient check (GraphStep.finite)", "GraphStep.finite"),
    ("update: optimizer rule (Optimizer.apply)", "Optimizer.apply"),
    ("update: other", "GraphStep.update"),
    ("metrics: accuracy/loss read-back (GraphStep.addMetrics/scalar)", "GraphStep.addMetrics"),
    ("metrics: loss read-back", "GraphStep.scalar"),
    ("feeds: dropout/noise masks + casts (GraphStep.feeds)", "GraphStep.feeds"),
    ("forward+backward (SameDiff.calculateGradientsAndOutputs)", "calculateGradientsAndOutputs"),
    ("forward+backward (compiled step, CompiledStep.forwardBackward)", "CompiledStep.forwardBackward"),
    ("batches: shuffle and cut (Dataset.batches)", "Dataset.batches"),
    ("batches: gather one shuffled batch (Dataset$Batches.get)", "Batches.get"),
    ("listeners/metrics records", "Trainer.emit"),
]
total = Counter()
inner = Counter()
natives = Counter()
n_fit = 0
for ev in events:
    if f'"{thread}"' not in ev.split("stackTrace")[0]:
        continue
    native = ev.startswith("jdk.NativeMethodSample")
    frames = re.findall(r"^\s+([\w.$<>]+\.[\w$<>]+)\(", ev, re.M)
    if not any("Trainer.fit" in f for f in frames):
        continue
    n_fit += 1
    outer = list(reversed(frames))
    label = "other inside Trainer.fit"
    for name, key in phases:
        if any(key in f for f in outer):
            label = name
            break
    total[label] += 1
    if label.startswith("forward+backward"):
        inner["native (ND4J ops: " + (frames[0].split(".")[-1] if native else "") + ")" if native else "Java (SameDiff session/graph bookkeeping)"] += 1
        if native:
            natives[frames[0]] += 1
print(f"samples of thread {thread} inside Trainer.fit: {n_fit}")
for k, v in total.most_common():
    print(f"{100.0 * v / n_fit:5.1f} %  {k}")
fb = sum(inner.values())
if fb:
    print(f"\nforward+backward ({fb} samples):")
    for k, v in inner.most_common(8):
        print(f"{100.0 * v / fb:5.1f} %  {k}")

# top frames over all of Trainer.fit: how much is allocation of ND4J buffers
tops = Counter()
for ev in events:
    if f'"{thread}"' not in ev.split("stackTrace")[0]:
        continue
    frames = re.findall(r"^\s+([\w.$<>]+\.[\w$<>]+)\(", ev, re.M)
    if any("Trainer.fit" in f for f in frames):
        tops[frames[0].split(".")[-1]] += 1
print("\ntop frames over all of Trainer.fit:")
for k, v in tops.most_common(10):
    print(f"{100.0 * v / n_fit:5.1f} %  {k}")
