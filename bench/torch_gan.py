#!/usr/bin/python3
"""examples/generative/gan.nnet by hand in PyTorch, to tell the example's settings from the runtime's GAN step
(docs/benchmarks.md, "Training"). Same networks (100-256-512-784 generator with leaky ReLU 0.2 and sigmoid;
784-512-dropout 0.3-256-1 discriminator), Adam 2e-4 β1 0.5, batch 64, one D step per G step, non-saturating
generator loss, the first --take MNIST training images. Prints d_loss/g_loss per epoch and the mean per-pixel
standard deviation across the 64 samples of a fixed noise batch (≈ 0 means every noise vector gives the same
image: mode collapse). Usage: bench/torch_gan.py [--take 20000] [--epochs 2]"""
import argparse
import json
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from torch_mnist import mnist  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("--take", type=int, default=20000)
p.add_argument("--epochs", type=int, default=2)
a = p.parse_args()
torch.set_num_threads(1)
torch.manual_seed(9)
x, _ = mnist("train")
x = x[:a.take].reshape(-1, 784)
G = nn.Sequential(nn.Linear(100, 256), nn.LeakyReLU(0.2), nn.Linear(256, 512), nn.LeakyReLU(0.2), nn.Linear(512, 784), nn.Sigmoid())
D = nn.Sequential(nn.Linear(784, 512), nn.LeakyReLU(0.2), nn.Dropout(0.3), nn.Linear(512, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1), nn.Sigmoid())
og = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
od = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
fixed = torch.randn(64, 100)
for epoch in range(1, a.epochs + 1):
    perm = torch.randperm(len(x))
    ds = gs = n = 0
    for i in range(0, len(x), 64):
        real = x[perm[i:i + 64]]
        b = len(real)
        fake = G(torch.randn(b, 100)).detach()
        d_loss = F.binary_cross_entropy(D(real), torch.ones(b, 1)) + F.binary_cross_entropy(D(fake), torch.zeros(b, 1))
        od.zero_grad(); d_loss.backward(); od.step()
        g_loss = F.binary_cross_entropy(D(G(torch.randn(b, 100))), torch.ones(b, 1))
        og.zero_grad(); g_loss.backward(); og.step()
        ds += d_loss.item(); gs += g_loss.item(); n += 1
    with torch.no_grad():
        spread = G(fixed).std(0).mean().item()
    print(json.dumps({"impl": "pytorch", "epoch": epoch, "steps": n, "d_loss": round(ds / n, 4), "g_loss": round(gs / n, 4),
                      "sample_spread": round(spread, 4)}), flush=True)
