#!/usr/bin/python3
"""PyTorch on the CPU as nn4j's outside peer: time one training step of each workload.

    /usr/bin/python3 benchmarks/pytorch_peer.py [--out FILE] [--threads 1,2] [--seconds S] [--only NAME,...]

Workloads (float32, fixed random data made once, model in training mode):
  mlp         784-256(ReLU)-128(ReLU)-10, softmax cross-entropy, Adam 1e-3, batch 128
  xor         2-4(sigmoid)-1(sigmoid), squared error, SGD 0.1, one sample per step cycling the four
  lenet       conv5x5x20 - maxpool2 - conv5x5x50 - maxpool2 - dense500 ReLU - dense10,
              softmax cross-entropy, Adam 1e-3, batch 64, 1x28x28 input
  fashion-cnn conv3x3x32 same (no bias) - BatchNorm - ReLU - maxpool2 - conv3x3x64 same (no bias) -
              BatchNorm - ReLU - maxpool2 - flatten - dense128 ReLU - dropout 0.25 - dense10,
              softmax cross-entropy, Adam 1e-3, batch 64, 1x28x28 input
  resnet14    conv3x3x16 (no bias) - BatchNorm - ReLU, three stages of two basic blocks (16, 32, 64
              channels; the first block of stages 2 and 3 with stride 2 and a 1x1 strided projection
              with BatchNorm as its shortcut) - global average pool - dense10, softmax cross-entropy,
              Adam 1e-3, batch 64, 1x28x28 input (nn4j: ResNetStepBenchmark, CnnShape.RESNET14)
  vit         the vision transformer of `fashion-mnist --model vit` (pytorch_recipes.py's, which
              trains it): 7x7 patches, class token, 4 pre-norm blocks of 64, 4 heads, MLP 128, GELU;
              Adam 1e-3, batch 64, 1x28x28 input (nn4j: VitStepBenchmark)
  lstm        the row LSTM of `fashion-mnist --model lstm`: 28 steps of 28 pixels, nn.LSTM(28, 128),
              last step into Linear(128, 10); Adam 1e-3, batch 64 (nn4j: LstmStepBenchmark)
  text        the character transformer of pytorch_recipes.py's `text` recipe: embedding 96 -> 128,
              learned positions, 4 pre-norm blocks of 128, 4 heads, MLP 512, GELU, causal mask,
              LayerNorm, Linear(128, 96); mean cross-entropy over all 32x128 positions, gradient
              norm clipped to 1.0, AdamW 1e-3 (weight decay 0.01, no schedule), batch 32 x 128
              random ids in [0, 96) (nn4j: TextStepBenchmark, net=transformer)
  text-lstm   the character LSTM of `text --model lstm`: embedding 96 -> 128, 2-layer nn.LSTM(128,
              256), Linear(256, 96); the same loss, clipping, AdamW and batch as text
              (nn4j: TextStepBenchmark, net=lstm)
One step = zero_grad, forward, loss, backward, (text workloads: clip_grad_norm_ 1.0,) optimizer
step. Each thread count
(torch.set_num_threads) gets a warm-up, then ROUNDS timed rounds of about --seconds each; a
round's time per step is its wall time / its steps, and the reported time is the median round
(min and max are kept). The JSON (default benchmarks/target/pytorch-peer.json) names the machine,
the PyTorch build and the command; dev.nn4j.benchmarks.report.ReportGenerator --pytorch FILE
shows it next to the JMH numbers, with PyTorch's best thread count per workload.

Needs Debian's python3-torch and libopenblas0-pthread (apt-get install -y python3-torch
libopenblas0-pthread); without torch it prints why and exits 3, which benchmarks/run.sh treats
as "no PyTorch peer".
"""
import argparse
import json
import os
import platform
import statistics
import sys
import time

ROUNDS = 5


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    flags = line.split(":", 1)[1].split()
                    return "avx512f" if "avx512f" in flags else ("avx2" if "avx2" in flags else "no avx2")
    except OSError:
        pass
    return "unknown"


def workloads(torch):
    nn = torch.nn
    g = torch.Generator().manual_seed(42)

    def mlp():
        model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
        x = torch.rand(128, 784, generator=g)
        y = torch.randint(0, 10, (128,), generator=g)
        return model, torch.optim.Adam(model.parameters(), lr=1e-3), nn.CrossEntropyLoss(), [(x, y)]

    def xor():
        model = nn.Sequential(nn.Linear(2, 4), nn.Sigmoid(), nn.Linear(4, 1), nn.Sigmoid())
        xs = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
        ys = torch.tensor([[0.], [1.], [1.], [0.]])
        samples = [(xs[i:i + 1].clone(), ys[i:i + 1].clone()) for i in range(4)]
        return model, torch.optim.SGD(model.parameters(), lr=0.1), nn.MSELoss(), samples

    def lenet():
        model = nn.Sequential(
            nn.Conv2d(1, 20, 5), nn.MaxPool2d(2),
            nn.Conv2d(20, 50, 5), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(50 * 4 * 4, 500), nn.ReLU(), nn.Linear(500, 10))
        x = torch.rand(64, 1, 28, 28, generator=g)
        y = torch.randint(0, 10, (64,), generator=g)
        return model, torch.optim.Adam(model.parameters(), lr=1e-3), nn.CrossEntropyLoss(), [(x, y)]

    def fashion_cnn():
        model = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 10))
        x = torch.rand(64, 1, 28, 28, generator=g)
        y = torch.randint(0, 10, (64,), generator=g)
        return model, torch.optim.Adam(model.parameters(), lr=1e-3), nn.CrossEntropyLoss(), [(x, y)]

    class Block(nn.Module):
        def __init__(self, cin, cout, stride):
            super().__init__()
            self.body = nn.Sequential(
                nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
                nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
            self.shortcut = nn.Identity() if stride == 1 and cin == cout else nn.Sequential(
                nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

        def forward(self, x):
            return torch.relu(self.body(x) + self.shortcut(x))

    def resnet14():
        layers = [nn.Conv2d(1, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU()]
        cin = 16
        for stage in range(3):
            for block in range(2):
                cout = 16 << stage
                layers.append(Block(cin, cout, 2 if stage > 0 and block == 0 else 1))
                cin = cout
        layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10)]
        model = nn.Sequential(*layers)
        x = torch.rand(64, 1, 28, 28, generator=g)
        y = torch.randint(0, 10, (64,), generator=g)
        return model, torch.optim.Adam(model.parameters(), lr=1e-3), nn.CrossEntropyLoss(), [(x, y)]

    def recipe(name):
        """The model and optimizer of pytorch_recipes.py's recipe, on one fixed batch of images."""
        def make():
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            import pytorch_recipes
            model, opt, batch = getattr(pytorch_recipes, name)(torch)
            x = torch.rand(batch, 1, 28, 28, generator=g)
            y = torch.randint(0, 10, (batch,), generator=g)
            return model, opt, nn.CrossEntropyLoss(), [(x, y)]
        return make

    def text_recipe(name):
        """The model and AdamW of pytorch_recipes.py's text recipe, on one fixed batch of character ids."""
        def make():
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            import pytorch_recipes
            model, opt, batch = getattr(pytorch_recipes, name)(torch)
            x = torch.randint(0, pytorch_recipes.VOCAB, (batch, pytorch_recipes.CONTEXT), generator=g)
            y = torch.randint(0, pytorch_recipes.VOCAB, (batch, pytorch_recipes.CONTEXT), generator=g)
            return model, opt, lambda logits, target: pytorch_recipes.text_loss(torch, logits, target), [(x, y)], 1.0
        return make

    return {
        "mlp": ("MLP 784-256-128-10, batch 128, Adam", mlp),
        "xor": ("XOR 2-4-1, one sample, SGD 0.1", xor),
        "lenet": ("LeNet conv5x5x20-pool-conv5x5x50-pool-dense500-10, batch 64, Adam", lenet),
        "fashion-cnn": ("Fashion CNN conv3x3x32-BN-pool-conv3x3x64-BN-pool-dense128-dropout-10, batch 64, Adam",
                        fashion_cnn),
        "resnet14": ("ResNet-14 (3 stages x 2 basic blocks, 16-32-64 channels), batch 64, Adam", resnet14),
        "vit": ("ViT (16 patches + class token, 4 pre-norm blocks of 64, 4 heads, MLP 128), batch 64, Adam",
                recipe("vit")),
        "lstm": ("LSTM over 28 rows (28 -> 128), last step -> dense 10, batch 64, Adam", recipe("lstm")),
        "text": ("Character transformer (4 pre-norm causal blocks of 128, 4 heads, MLP 512), batch 32 x 128, "
                 "clip 1.0, AdamW", text_recipe("text_transformer")),
        "text-lstm": ("Character LSTM (embedding 128, 2 x LSTM 256), batch 32 x 128, clip 1.0, AdamW",
                      text_recipe("text_lstm")),
    }


def measure(torch, make, seconds):
    """Seconds per training step: median, min and max of ROUNDS rounds, after a warm-up."""
    torch.manual_seed(42)
    model, opt, loss_fn, data, *rest = make()
    clip = rest[0] if rest else None  # max gradient norm, for the workloads that clip
    params = list(model.parameters())
    model.train()
    i = 0

    def step():
        nonlocal i
        x, y = data[i % len(data)]
        i += 1
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        if clip is not None:
            torch.nn.utils.clip_grad_norm_(params, clip)
        opt.step()
        return loss

    first = float(step())
    if first != first or first in (float("inf"), float("-inf")):
        raise RuntimeError("non-finite first loss %r" % first)
    warm_end = time.perf_counter() + max(1.0, seconds)
    steps = 0
    while time.perf_counter() < warm_end:
        step()
        steps += 1
    per_round = max(1, int(steps / max(1.0, seconds) * seconds))
    rounds = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        for _ in range(per_round):
            step()
        rounds.append((time.perf_counter() - t0) / per_round)
    return {"median_s": statistics.median(rounds), "min_s": min(rounds), "max_s": max(rounds),
            "steps_per_round": per_round, "rounds": rounds}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "target",
                                                  "pytorch-peer.json"))
    ap.add_argument("--threads", default="1,2", help="comma-separated torch.set_num_threads values")
    ap.add_argument("--seconds", type=float, default=2.0, help="length of the warm-up and of each timed round")
    ap.add_argument("--only", default="", help="comma-separated workload names (default: all)")
    args = ap.parse_args()
    try:
        import torch
    except ImportError as e:
        print("pytorch_peer.py: PyTorch is not importable (%s); install python3-torch and libopenblas0-pthread"
              % e, file=sys.stderr)
        return 3
    torch.set_num_interop_threads(1)
    threads = [int(t) for t in args.threads.split(",") if t.strip()]
    chosen = [w.strip() for w in args.only.split(",") if w.strip()]
    all_workloads = workloads(torch)
    unknown = [w for w in chosen if w not in all_workloads]
    if unknown:
        print("pytorch_peer.py: unknown workload(s) %s; known: %s" % (unknown, list(all_workloads)), file=sys.stderr)
        return 2
    results = {}
    for name, (description, make) in all_workloads.items():
        if chosen and name not in chosen:
            continue
        per_threads = {}
        for t in threads:
            torch.set_num_threads(t)
            per_threads[str(t)] = measure(torch, make, args.seconds)
            print("%-12s threads=%d  %10.1f us/step (min %.1f, max %.1f)" % (
                name, t, per_threads[str(t)]["median_s"] * 1e6, per_threads[str(t)]["min_s"] * 1e6,
                per_threads[str(t)]["max_s"] * 1e6), flush=True)
        best = min(per_threads, key=lambda k: per_threads[k]["median_s"])
        results[name] = {"description": description, "threads": per_threads, "best_threads": int(best),
                         "best_s": per_threads[best]["median_s"]}
    out = {
        "tool": "pytorch",
        "torch_version": torch.__version__,
        "mkldnn": bool(torch.backends.mkldnn.is_available()),
        "blas": "see torch.__config__.show()",
        "machine": {"cpu": cpu_model(), "vector": cpu_flags(), "nproc": os.cpu_count()},
        "command": "/usr/bin/python3 benchmarks/pytorch_peer.py " + " ".join(sys.argv[1:]),
        "generated_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "workloads": results,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(out, f, indent=2)
    print("wrote " + args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
