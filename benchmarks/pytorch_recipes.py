#!/usr/bin/python3
"""The demos' fixed recipes trained in PyTorch on the same data, for the accuracy nn4j is compared with.

    /usr/bin/python3 benchmarks/pytorch_recipes.py vit|lstm [--epochs 10] [--threads 2] [--seed 1] [--out FILE]
    /usr/bin/python3 benchmarks/pytorch_recipes.py text [--model transformer|lstm] [--steps 2000] [--threads 2]
                                                        [--seed 1] [--out FILE]

Recipes (the nn4j side: ``java -jar examples/target/nn4j-examples.jar fashion-mnist --model NAME``):
  vit  Fashion-MNIST: 16 patches of 7x7 (F.unfold order: channel, row, column) embedded by a linear
       layer of 64, a class token (normal 0.02) before them, learned positions (normal 0.02), four
       nn.TransformerEncoderLayer(64, 4, 128, dropout=0, activation="gelu", norm_first=True), a
       final LayerNorm, the class token into Linear(64, 10); cross-entropy, Adam 1e-3 (constant),
       batch 64, 10 epochs, shuffled each epoch, pixels scaled to [0, 1] (as nn4j's IDX reader).
  lstm Fashion-MNIST: the 28 rows of an image as 28 steps of nn.LSTM(28, 128, batch_first=True), its
       last step into Linear(128, 10); cross-entropy, Adam 1e-3 (constant), batch 64, 10 epochs.
  text A character language model on Debian's fortunes (/usr/share/games/fortunes): the regular files
       there except *.dat (the *.u8 are symlinks, skipped like every symlink and directory), in
       sorted() name order, each read as bytes, decoded as UTF-8 with errors="replace", concatenated.
       Characters map to 96 ids: '\n' -> 0, ' '..'~' (32..126) -> code - 31 (1..95), anything else
       (tab, backspace, non-ASCII, U+FFFD) -> the id of '?' (32). The last n // 20 characters are
       held out (cut = n - n // 20; train = ids[:cut], held = ids[cut:]).
       --model transformer (default): nn.Embedding(96, 128), plus learned positions (1, 128, 128)
       (normal 0.02), four nn.TransformerEncoderLayer(128, 4, 512, dropout=0, activation="gelu",
       norm_first=True) built one by one under a causal float mask (-inf above the diagonal: t sees
       0..t), a final LayerNorm(128), Linear(128, 96).
       --model lstm: nn.Embedding(96, 128), nn.LSTM(128, 256, num_layers=2), Linear(256, 96).
       torch.manual_seed(seed) before the model is built. Training: --steps (default 2000) steps of
       batch 32, context 128; each step draws 32 starts p uniformly in [0, len(train) - 129] from a
       torch.Generator seeded with seed, x = train[p:p+128], y = train[p+1:p+129]; loss the mean
       cross-entropy over all 32x128 positions; AdamW(lr 1e-3, weight_decay 0.01, default betas and
       eps) on all parameters; clip_grad_norm_(1.0) before each step; the rate at 0-based step s is
       1e-3 * (s+1)/W for s < W, then 1e-3 * (1 + cos(pi * (s-W) / (steps-W))) / 2 (LambdaLR, stepped
       after each optimizer step), W = 100 warm-up steps (steps // 2 when --steps < 200), so the
       cosine reaches 0 at --steps whatever it is. Every 200 steps (and after the last step if
       --steps is not a multiple of 200) the held-out text is evaluated (eval mode, no_grad) on
       the non-overlapping windows k = 0, 1, ... with k*128 + 129 <= len(held), x = held[k*128 :
       k*128+128], y = held[k*128+1 : k*128+129], in batches of 32 windows (the last smaller): bits
       per character = total cross-entropy (nats) / positions / ln 2. Prints `step N train X bpc
       held-out Y bpc  (Z s)`, X the mean training loss in bits over the steps since the previous
       print, Z the training seconds so far (the optimizer steps, not the evaluations).

The image recipes read Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist/*.gz),
print the test accuracy after every epoch and write a JSON report (default
benchmarks/target/pytorch-NAME.json) with the machine, the PyTorch build, the command, the
accuracies and the seconds per epoch. The text recipe writes benchmarks/target/pytorch-text-MODEL.json
with the machine, the PyTorch build, the command, threads, seed, steps, every evaluation
{step, trainBitsPerChar, heldOutBitsPerChar, seconds (training seconds so far)}, the final
heldOutBitsPerChar, totalSeconds (wall time of the training loop including the evaluations),
trainSeconds and secondsPerStep (trainSeconds / steps).
"""
import argparse
import gzip
import json
import math
import os
import sys
import time

DATA = "/usr/share/datasets/fashion-mnist"
FORTUNES = "/usr/share/games/fortunes"
VOCAB = 96
CONTEXT = 128
TEXT_BATCH = 32
EVAL_EVERY = 200


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


def fortunes_ids(np):
    """The fortunes files as character ids (see the docstring), one numpy int64 array."""
    names = sorted(n for n in os.listdir(FORTUNES)
                   if not n.endswith((".dat", ".u8")) and not os.path.islink(os.path.join(FORTUNES, n))
                   and os.path.isfile(os.path.join(FORTUNES, n)))
    parts = []
    for name in names:
        with open(os.path.join(FORTUNES, name), "rb") as f:
            parts.append(f.read().decode("utf-8", errors="replace"))
    codes = np.frombuffer("".join(parts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    ids = np.where((codes >= 32) & (codes <= 126), codes - 31, ord("?") - 31)
    ids[codes == 10] = 0
    return ids, names


def text_transformer(torch):
    """The character transformer of the text recipe, its AdamW and its batch."""
    nn = torch.nn

    class CharTransformer(nn.Module):
        def __init__(self, vocab=VOCAB, context=CONTEXT, d=128, heads=4, blocks=4, ffn=512):
            super().__init__()
            self.embed = nn.Embedding(vocab, d)
            self.pos = nn.Parameter(torch.randn(1, context, d) * 0.02)
            self.blocks = nn.ModuleList([nn.TransformerEncoderLayer(d, heads, ffn, dropout=0.0, activation="gelu",
                                                                    batch_first=True, norm_first=True)
                                         for _ in range(blocks)])
            self.norm = nn.LayerNorm(d)
            self.head = nn.Linear(d, vocab)
            self.register_buffer("mask", torch.triu(torch.full((context, context), float("-inf")), 1),
                                 persistent=False)

        def forward(self, x):
            t = x.shape[1]
            h = self.embed(x) + self.pos[:, :t]
            mask = self.mask[:t, :t]
            for block in self.blocks:
                h = block(h, src_mask=mask)
            return self.head(self.norm(h))

    model = CharTransformer()
    return model, text_optimizer(torch, model), TEXT_BATCH


def text_lstm(torch):
    """The character LSTM of `text --model lstm`, its AdamW and its batch."""
    nn = torch.nn

    class CharLSTM(nn.Module):
        def __init__(self, vocab=VOCAB, d=128, hidden=256):
            super().__init__()
            self.embed = nn.Embedding(vocab, d)
            self.lstm = nn.LSTM(d, hidden, num_layers=2, batch_first=True)
            self.head = nn.Linear(hidden, vocab)

        def forward(self, x):
            return self.head(self.lstm(self.embed(x))[0])

    model = CharLSTM()
    return model, text_optimizer(torch, model), TEXT_BATCH


def text_optimizer(torch, model):
    return torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)


def text_loss(torch, logits, y):
    """Mean cross-entropy (nats) over every position of a [batch, time, VOCAB] prediction."""
    return torch.nn.functional.cross_entropy(logits.reshape(-1, VOCAB), y.reshape(-1))


def held_out_bits(torch, model, held):
    """Bits per character on the non-overlapping windows of held (a 1-D long tensor)."""
    windows = (len(held) - 1) // CONTEXT  # k*CONTEXT + CONTEXT + 1 <= len(held)
    model.eval()
    total, positions = 0.0, 0
    with torch.no_grad():
        for k0 in range(0, windows, TEXT_BATCH):
            starts = torch.arange(k0, min(k0 + TEXT_BATCH, windows)) * CONTEXT
            index = starts[:, None] + torch.arange(CONTEXT + 1)
            chunk = held[index]
            logits = model(chunk[:, :-1])
            total += float(torch.nn.functional.cross_entropy(logits.reshape(-1, VOCAB), chunk[:, 1:].reshape(-1),
                                                             reduction="sum"))
            positions += chunk.shape[0] * CONTEXT
    model.train()
    return total / positions / math.log(2)


def text_recipe(args, torch):
    import numpy as np
    ids, names = fortunes_ids(np)
    n = len(ids)
    cut = n - n // 20
    train = torch.from_numpy(ids[:cut].copy())
    held = torch.from_numpy(ids[cut:].copy())
    print("fortunes: %d files, %d characters, %d train, %d held out" % (len(names), n, len(train), len(held)),
          flush=True)
    torch.manual_seed(args.seed)
    model, opt, batch = {"transformer": text_transformer, "lstm": text_lstm}[args.model](torch)
    steps = args.steps
    warmup = 100 if steps >= 200 else steps // 2

    def rate(s):
        if s < warmup:
            return (s + 1) / warmup
        return (1 + math.cos(math.pi * (s - warmup) / (steps - warmup))) / 2

    schedule = torch.optim.lr_scheduler.LambdaLR(opt, rate)
    positions = torch.Generator().manual_seed(args.seed)
    offsets = torch.arange(CONTEXT + 1)
    params = list(model.parameters())
    model.train()
    evaluations, losses = [], []
    train_seconds = 0.0
    t_start = time.perf_counter()
    for s in range(steps):
        t0 = time.perf_counter()
        p = torch.randint(0, len(train) - CONTEXT, (batch,), generator=positions)  # [0, len - 129]
        chunk = train[p[:, None] + offsets]
        opt.zero_grad(set_to_none=True)
        loss = text_loss(torch, model(chunk[:, :-1]), chunk[:, 1:])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        schedule.step()
        losses.append(float(loss))
        train_seconds += time.perf_counter() - t0
        if (s + 1) % EVAL_EVERY == 0 or s + 1 == steps:
            train_bits = sum(losses) / len(losses) / math.log(2)
            held_bits = held_out_bits(torch, model, held)
            losses = []
            evaluations.append({"step": s + 1, "trainBitsPerChar": train_bits, "heldOutBitsPerChar": held_bits,
                                "seconds": train_seconds})
            print("step %d train %.3f bpc held-out %.3f bpc  (%.1f s)" % (s + 1, train_bits, held_bits, train_seconds),
                  flush=True)
    total_seconds = time.perf_counter() - t_start
    out = args.out or os.path.join(os.path.dirname(os.path.abspath(__file__)), "target",
                                   "pytorch-text-%s.json" % args.model)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        json.dump({"recipe": "text", "model": args.model, "torch_version": torch.__version__,
                   "threads": args.threads, "seed": args.seed, "cpu": cpu_model(), "nproc": os.cpu_count(),
                   "command": "/usr/bin/python3 benchmarks/pytorch_recipes.py " + " ".join(sys.argv[1:]),
                   "steps": steps, "warmupSteps": warmup, "characters": n, "trainCharacters": len(train),
                   "heldOutCharacters": len(held), "parameters": sum(p.numel() for p in params),
                   "evaluations": evaluations, "heldOutBitsPerChar": evaluations[-1]["heldOutBitsPerChar"],
                   "totalSeconds": total_seconds, "trainSeconds": train_seconds,
                   "secondsPerStep": train_seconds / steps}, f, indent=2)
    print("wrote " + out)
    return 0


def cpu_model():
    return open("/proc/cpuinfo").read().split("model name")[1].split("\n")[0].strip(" :\t")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("recipe", choices=["vit", "lstm", "text"])
    ap.add_argument("--model", choices=["transformer", "lstm"], default="transformer",
                    help="the text recipe's model")
    ap.add_argument("--steps", type=int, default=2000,
                    help="the text recipe's training steps (the cosine reaches 0 there)")
    ap.add_argument("--epochs", type=int, default=10, help="the image recipes' epochs")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    import torch
    torch.set_num_threads(args.threads)
    if args.recipe == "text":
        if args.steps < 1:
            ap.error("--steps must be at least 1")
        return text_recipe(args, torch)
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
