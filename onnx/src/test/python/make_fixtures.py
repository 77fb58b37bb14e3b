#!/usr/bin/python3
"""Writes the PyTorch fixtures that nn4j's ONNX import tests read.

Every model NAME becomes two files under onnx/src/test/resources/dev/nn4j/onnx/pytorch/:
  NAME.onnx  the model as torch.onnx.export writes it (opset 17, dynamic batch dimension)
  NAME.json  {"input_shape": [...], "input": [...], "output_shape": [...], "output": [...]}
             the inputs and the outputs PyTorch computed for them (float32, row-major)

Regenerate (Debian: apt-get install python3-torch libopenblas0-pthread) from the repository root:
  /usr/bin/python3 onnx/src/test/python/make_fixtures.py
The tests need no Python: the files are committed. Made with torch 1.13.1 (Debian bookworm).
"""
import json
import os

import torch
from torch import nn

torch.manual_seed(12)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "dev", "nn4j", "onnx", "pytorch")
OPSET = 17


class MatMulAdd(nn.Module):
    """x @ W + b written out, so the export holds MatMul and Add instead of Gemm."""

    def __init__(self, n_in, n_out):
        super().__init__()
        self.w = nn.Parameter(torch.randn(n_in, n_out) * 0.5)
        self.b = nn.Parameter(torch.randn(n_out) * 0.1)

    def forward(self, x):
        return torch.matmul(x, self.w) + self.b


class FlattenByReshape(nn.Module):
    """x.reshape(-1, n): a Reshape to 2-D with a constant shape."""

    def __init__(self, n):
        super().__init__()
        self.n = n

    def forward(self, x):
        return x.reshape(-1, self.n)


class ViewBatch(nn.Module):
    """Conv, then x.view(x.size(0), -1): PyTorch writes Shape, Gather, Unsqueeze, Concat and Reshape."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 3, 3)
        self.fc = nn.Linear(3 * 4 * 4, 2)

    def forward(self, x):
        x = torch.relu(self.conv(x))
        return self.fc(x.view(x.size(0), -1))


def randomize_batchnorm(model):
    """Gives every BatchNorm non-trivial gamma, beta and running statistics."""
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            with torch.no_grad():
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)


def write(name, model, input_shape, training=torch.onnx.TrainingMode.EVAL):
    model.eval()
    x = torch.randn(*input_shape)
    with torch.no_grad():
        y = model(x)
    path = os.path.join(OUT, name + ".onnx")
    # EVAL folds a BatchNorm that follows a Conv into the Conv; PRESERVE (with the model in eval mode)
    # keeps it as a BatchNormalization node, which is what the cnn fixture wants to test.
    torch.onnx.export(model, x, path, opset_version=OPSET, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, training=training)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump({"model": name, "torch": torch.__version__, "opset": OPSET,
                   "input_shape": list(x.shape), "input": [float(v) for v in x.flatten().tolist()],
                   "output_shape": list(y.shape), "output": [float(v) for v in y.flatten().tolist()]}, f)
        f.write("\n")
    print(name, list(x.shape), "->", list(y.shape))


def main():
    os.makedirs(OUT, exist_ok=True)
    write("mlp", nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 8), nn.Tanh(), nn.Linear(8, 3),
                               nn.Softmax(dim=1)), (5, 6))
    activations = {
        "identity": nn.Identity(),
        "sigmoid": nn.Sigmoid(),
        "tanh": nn.Tanh(),
        "relu": nn.ReLU(),
        "leaky_relu": nn.LeakyReLU(0.1),
        "softmax": nn.Softmax(dim=1),
        "elu": nn.ELU(0.7),
        "gelu": nn.GELU(approximate="tanh"),
    }
    for act_name, act in activations.items():
        write("act_" + act_name, nn.Sequential(nn.Linear(5, 7), act, nn.Linear(7, 4)), (6, 5))
    write("matmul_add", nn.Sequential(MatMulAdd(5, 6), nn.Sigmoid(), MatMulAdd(6, 2)), (4, 5))
    cnn = nn.Sequential(
        nn.Conv2d(2, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),       # 4x5x5 from 2x10x10
        nn.Conv2d(4, 6, 3, stride=1, padding=0, bias=False), nn.ReLU(),                   # 6x3x3
        nn.AvgPool2d(2, stride=1), nn.Flatten(),                   # 6x2x2 = 24; exported as Pad(0) + AveragePool
        nn.Linear(24, 12), nn.BatchNorm1d(12), nn.ReLU(), nn.Dropout(0.3), nn.Linear(12, 5), nn.Softmax(dim=1))
    randomize_batchnorm(cnn)
    write("cnn", cnn, (3, 2, 10, 10), training=torch.onnx.TrainingMode.PRESERVE)
    cnn_gap = nn.Sequential(
        nn.Conv2d(3, 5, (3, 2), stride=(2, 1), padding=(1, 0)), nn.LeakyReLU(0.2),        # 5x4x6 from 3x7x7
        nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False),                    # 5x2x3
        nn.Conv2d(5, 4, 1), nn.ELU(), nn.AdaptiveAvgPool2d(1), FlattenByReshape(4),       # 4
        nn.Linear(4, 3))
    write("cnn_gap", cnn_gap, (4, 3, 7, 7))
    write("cnn_view", ViewBatch(), (2, 1, 6, 6))


if __name__ == "__main__":
    main()
