#!/usr/bin/python3
"""The char-LSTM and the seq2seq-with-attention of examples/text/*.nnet written by hand in PyTorch, for the
throughput comparison in docs/benchmarks.md ("Training"), next to bench/torch_mnist.py.

Same shapes, parameter counts, optimizer and batch as the examples:
- charlstm: embedding(128, 32) -> LSTM(256) over 100 steps -> dense(128) per step, RMSprop(lr 2e-3), batch 32,
  332,928 parameters (PyTorch's LSTM has two bias vectors: 1,024 more than nnet's one);
- seq2seq: two embedding(12, 32) -> LSTM(64) branches, one-head attention (key_dim 64, 16,640 parameters
  as nnet's), concat -> dense(12) per step, Adam(lr 3e-3), batch 64.
Throughput does not depend on what the tokens say, so the data are random tokens of the examples' shapes
(window 100 over vocab 128; reversal of length-10 sequences over vocab 12, which is what examples/text's
`reverse` dataset is). Each batch runs forward + backward + update and reads the loss back, as the nnet
Trainer does. One thread. Prints one JSON line per epoch in bench/torch_mnist.py's format.
"""
import argparse
import json
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


class CharLstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(128, 32)
        self.lstm = nn.LSTM(32, 256, batch_first=True)
        self.next = nn.Linear(256, 128)

    def forward(self, chars):
        h, _ = self.lstm(self.emb(chars))
        return self.next(h)


class Seq2SeqAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.src_emb = nn.Embedding(12, 32)
        self.tgt_emb = nn.Embedding(12, 32)
        self.encoder = nn.LSTM(32, 64, batch_first=True)
        self.decoder = nn.LSTM(32, 64, batch_first=True)
        self.attention = nn.MultiheadAttention(64, 1, batch_first=True)
        self.next = nn.Linear(128, 12)

    def forward(self, source, target_in):
        encoded, _ = self.encoder(self.src_emb(source))
        decoded, _ = self.decoder(self.tgt_emb(target_in))
        context, _ = self.attention(decoded, encoded, encoded, need_weights=False)
        return self.next(torch.cat([decoded, context], dim=2))


def data(model, n, g):
    if model == "charlstm":
        text = torch.randint(0, 128, (n, 101), generator=g)
        return (text[:, :100],), text[:, 1:]
    source = torch.randint(1, 12, (n, 10), generator=g)
    target = source.flip(1)
    target_in = torch.cat([torch.zeros(n, 1, dtype=torch.long), target[:, :-1]], dim=1)
    return (source, target_in), target


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", choices=["charlstm", "seq2seq"], required=True)
    p.add_argument("--take", type=int, default=4000)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    torch.manual_seed(a.seed)
    g = torch.Generator().manual_seed(a.seed)
    if a.model == "charlstm":
        net, batch = CharLstm(), 32
        opt = torch.optim.RMSprop(net.parameters(), lr=2e-3)
    else:
        net, batch = Seq2SeqAttention(), 64
        opt = torch.optim.Adam(net.parameters(), lr=3e-3)
    xs, y = data(a.model, a.take, g)
    for epoch in range(1, a.epochs + 1):
        perm = torch.randperm(a.take, generator=g)
        batches = [(tuple(x[perm[i:i + batch]] for x in xs), y[perm[i:i + batch]]) for i in range(0, a.take, batch)]
        loss_sum = 0.0
        t0 = time.perf_counter()
        w1 = c1 = None
        for xb, yb in batches:
            opt.zero_grad(set_to_none=True)
            logits = net(*xb)
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), yb.reshape(-1))
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(yb)
            if w1 is None:  # batches 2..N are timed, like bench/NnetThroughput.java
                w1, c1 = time.perf_counter(), time.thread_time()
        seconds = time.perf_counter() - t0
        wall, cpu = time.perf_counter() - w1, time.thread_time() - c1
        timed = a.take - batch
        print(json.dumps({"impl": "pytorch", "model": a.model, "epoch": epoch, "samples": a.take,
                          "seconds": round(seconds, 4), "samples_per_sec": round(a.take / seconds, 1),
                          "timed_samples": timed, "wall_s": round(wall, 4), "cpu_s": round(cpu, 4),
                          "samples_per_cpu_sec": round(timed / cpu, 1), "loss": round(loss_sum / a.take, 5),
                          "parameters": sum(t.numel() for t in net.parameters()),
                          "torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)


if __name__ == "__main__":
    main()
