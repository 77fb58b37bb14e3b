#!/usr/bin/python3
"""The demos' fixed recipes trained in PyTorch on the same data, for the accuracy nn4j is compared with.

    /usr/bin/python3 benchmarks/pytorch_recipes.py vit|lstm [--epochs 10] [--threads 2] [--seed 1] [--out FILE]

Recipes (the nn4j side: ``java -jar examples/target/nn4j-examples.jar fashion-mnist --model NAME``):
  vit  Fashion-MNIST: 16 patches of 7x7 (F.unfold order: channel, row, column) embedded by a linear
       layer of 64, a class token (normal 0.02) before them, learned positions (normal 0.02), four
       nn.TransformerEncoderLayer(64, 4, 128, dropout=0, activation="gelu", norm_first=True), a
       final LayerNorm, the class token into Linear(64, 10); cross-entropy, Adam 1e-3 (constant),
       batch 64, 10 epochs, shuffled each epoch, pixels scaled to [0, 1] (as nn4j's IDX reader).
  lstm Fashion-MNIST: the 28 rows of an image as 28 steps of nn.LSTM(28, 128, batch_first=True), its
       last step into Linear(128, 10); cross-entropy, Adam 1e-3 (constant), batch 64, 10 epochs.

Reads Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist/*.gz). Prints the test
accuracy after every epoch and writes a JSON report (default benchmarks/target/pytorch-NAME.json)
with the machine, the PyTorch build, the command, the accuracies and the seconds per epoch.
"""
import argparse
import gzip
import json
import os
import sys
import time

DATA = "/usr/share/datasets/fashion-mnist"


def idx(path):
    import numpy as np
    with gzip.open(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def vit(torch):
    nn = torch.nn
    F = torch.nn.functional

    class ViT(nn.Module):
        def __init__(self, classes=10, d=64, heads=4, blocks=4, ffn=128):
            super().__init__()
            self.embed = nn.Linear(49, d)
            self.cls = nn.Parameter(torch.randn(1, 1, d) * 0.02)
            self.pos = nn.Parameter(torch.randn(1, 17, d) * 0.02)
            self.blocks = nn.Sequential(*[nn.TransformerEncoderLayer(d, heads, ffn, dropout=0.0, activation="gelu",
                                                                     batch_first=True, norm_first=True)
                                          for _ in range(blocks)])
            self.norm = nn.LayerNorm(d)
            self.head = nn.Linear(d, classes)

        def forward(self, x):
            tokens = self.embed(F.unfold(x, 7, stride=7).transpose(1, 2))
            tokens = torch.cat([self.cls.expand(x.shape[0], -1, -1), tokens], 1) + self.pos
            return self.head(self.norm(self.blocks(tokens))[:, 0])

    model = ViT()
    return model, torch.optim.Adam(model.parameters(), lr=1e-3), 64


def lstm(torch):
    nn = torch.nn

    class RowLSTM(nn.Module):
        def __init__(self, classes=10):
            super().__init__()
            self.lstm = nn.LSTM(28, 128, batch_first=True)
            self.head = nn.Linear(128, classes)

        def forward(self, x):
            return self.head(self.lstm(x.reshape(x.shape[0], 28, 28))[0][:, -1])

    model = RowLSTM()
    return model, torch.optim.Adam(model.parameters(), lr=1e-3), 64


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("recipe", choices=["vit", "lstm"])
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    import torch
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    x_train = torch.tensor(idx(os.path.join(DATA, "train-images-idx3-ubyte.gz")), dtype=torch.float32) / 255
    y_train = torch.tensor(idx(os.path.join(DATA, "train-labels-idx1-ubyte.gz")), dtype=torch.long)
    x_test = torch.tensor(idx(os.path.join(DATA, "t10k-images-idx3-ubyte.gz")), dtype=torch.float32) / 255
    y_test = torch.tensor(idx(os.path.join(DATA, "t10k-labels-idx1-ubyte.gz")), dtype=torch.long)
    x_train, x_test = x_train.unsqueeze(1), x_test.unsqueeze(1)
    model, opt, batch = {"vit": vit, "lstm": lstm}[args.recipe](torch)
    loss_fn = torch.nn.CrossEntropyLoss()
    accuracies, seconds = [], []
    for epoch in range(args.epochs):
        model.train()
        t0 = time.perf_counter()
        order = torch.randperm(len(x_train))
        for i in range(0, len(order), batch):
            j = order[i:i + batch]
            opt.zero_grad(set_to_none=True)
            loss_fn(model(x_train[j]), y_train[j]).backward()
            opt.step()
        seconds.append(time.perf_counter() - t0)
        model.eval()
        with torch.no_grad():
            correct = sum(int((model(x_test[i:i + 1000]).argmax(1) == y_test[i:i + 1000]).sum())
                          for i in range(0, len(x_test), 1000))
        accuracies.append(correct / len(x_test))
        print("epoch %d/%d: test accuracy %.4f (%.1f s)" % (epoch + 1, args.epochs, accuracies[-1], seconds[-1]),
              flush=True)
    out = args.out or os.path.join(os.path.dirname(os.path.abspath(__file__)), "target",
                                   "pytorch-%s.json" % args.recipe)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        json.dump({"recipe": args.recipe, "torch_version": torch.__version__, "threads": args.threads,
                   "seed": args.seed, "cpu": open("/proc/cpuinfo").read().split("model name")[1].split("\n")[0]
                   .strip(" :\t"), "command": "/usr/bin/python3 benchmarks/pytorch_recipes.py " + " ".join(sys.argv[1:]),
                   "testAccuracy": accuracies[-1], "accuracyPerEpoch": accuracies, "secondsPerEpoch": seconds}, f,
                  indent=2)
    print("wrote " + out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
