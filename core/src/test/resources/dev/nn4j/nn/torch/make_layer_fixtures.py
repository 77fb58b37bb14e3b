"""PyTorch's outputs and gradients for nn4j's sequence layers, with PyTorch's own modules.

Regenerate the fixture next to this script, from the repository's root, with Debian's
python3-torch (1.13):

    /usr/bin/python3 core/src/test/resources/dev/nn4j/nn/torch/make_layer_fixtures.py

It writes ``layers.txt``, read by ``dev.nn4j.conformance.TorchLayerConformance``. Each case
builds a PyTorch module (``nn.MultiheadAttention``, ``nn.TransformerEncoderLayer``,
``nn.LayerNorm``, ``nn.LSTM``, ``nn.GRU``, these two also from given initial states) or the
reference computation (``F.unfold`` for patches, the sinusoid table of
PyTorch's Transformer tutorial), sets every parameter to float32-representable random values,
computes in float64, and records the gradients of ``sum(w * out)`` with fixed random weights
``w`` with respect to every floating input and every parameter. One line per tensor, in the
format of ``dev/nn4j/autodiff/torch/make_fixtures.py``::

    <case>.<name> <f|i32|i64> <dims separated by commas> <values, row-major>

Names: inputs as nn4j's layer takes them, ``param.<state_dict key>`` the parameters (nn4j's
parameter names are PyTorch's keys), ``out``, ``w``, ``grad.<input>`` and ``grad.param.<key>``.
"""

import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 20261207
torch.manual_seed(SEED)
torch.set_default_dtype(torch.float64)

lines = []


def uniform(lo, hi, *dims):
    return (torch.rand(*dims, dtype=torch.float32) * (hi - lo) + lo).to(torch.float64)


def write(case, name, t):
    dims = ",".join(str(d) for d in t.shape) or "-"
    flat = t.reshape(-1).tolist()
    if t.dtype.is_floating_point:
        for v in flat:
            if not math.isfinite(v):
                raise ValueError(f"{case}.{name} holds {v}")
        lines.append(f"{case}.{name} f {dims} " + " ".join(float(v).hex() for v in flat))
    else:
        lines.append(f"{case}.{name} i64 {dims} " + " ".join(str(int(v)) for v in flat))


def randomize(module):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(uniform(-0.5, 0.5, *p.shape))


def case(name, module, fn, inputs, masks=()):
    """Writes inputs, parameters, fn(**inputs), the weights and the gradients of sum(w * out)."""
    leaves = {}
    for key, value in inputs.items():
        write(name, key, value)
        if key not in masks:
            value = value.clone().requires_grad_(True)
            leaves[key] = value
        inputs[key] = value
    params = dict(module.named_parameters()) if module is not None else {}
    for key, p in params.items():
        write(name, "param." + key, p.detach())
    out = fn(**inputs)
    w = uniform(-1, 1, *out.shape)
    write(name, "out", out.detach())
    write(name, "w", w)
    (out * w).sum().backward()
    for key, leaf in leaves.items():
        write(name, "grad." + key, leaf.grad)
    for key, p in params.items():
        write(name, "grad.param." + key, p.grad)


def causal(t):
    return torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)


mha = nn.MultiheadAttention(8, 2, batch_first=True)
randomize(mha)
case("mha_self", mha, lambda x: mha(x, x, x, need_weights=False)[0], {"x": uniform(-1, 1, 2, 5, 8)})

mha = nn.MultiheadAttention(8, 4, batch_first=True)
randomize(mha)
case("mha_causal", mha, lambda x: mha(x, x, x, attn_mask=causal(5), need_weights=False)[0],
     {"x": uniform(-1, 1, 2, 5, 8)})

mha = nn.MultiheadAttention(8, 2, batch_first=True)
randomize(mha)
case("mha_cross", mha, lambda q, kv: mha(q, kv, kv, need_weights=False)[0],
     {"q": uniform(-1, 1, 2, 3, 8), "kv": uniform(-1, 1, 2, 5, 8)})

mha = nn.MultiheadAttention(8, 2, batch_first=True)
randomize(mha)
padding = torch.tensor([[0, 0, 0, 1, 1], [0, 0, 0, 0, 1]], dtype=torch.float64)
case("mha_padding", mha, lambda x, mask: mha(x, x, x, key_padding_mask=mask.bool(), attn_mask=causal(5),
                                              need_weights=False)[0],
     {"x": uniform(-1, 1, 2, 5, 8), "mask": padding}, masks=("mask",))

for norm_first, activation, masked in [(False, "relu", False), (True, "gelu", False), (True, "gelu", True),
                                       (False, "gelu", True)]:
    block = nn.TransformerEncoderLayer(8, 2, 12, dropout=0.0, activation=activation, batch_first=True,
                                       norm_first=norm_first)
    randomize(block)
    name = "encoder_" + ("pre" if norm_first else "post") + "_" + activation + ("_causal" if masked else "")
    case(name, block, lambda x: block(x, src_mask=causal(4) if masked else None), {"x": uniform(-1, 1, 2, 4, 8)})

norm = nn.LayerNorm(6)
randomize(norm)
case("layernorm", norm, lambda x: norm(x), {"x": uniform(-1, 1, 2, 3, 6)})

case("patches", None, lambda x: F.unfold(x, kernel_size=2, stride=2).transpose(1, 2),
     {"x": uniform(-1, 1, 2, 2, 4, 6)})


def sinusoids(length, d):
    position = torch.arange(length).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d, 2) * (-math.log(10000.0) / d))
    pe = torch.zeros(length, d)
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe


case("position_sinusoidal", None, lambda x: x + sinusoids(7, 6)[:4], {"x": uniform(-1, 1, 2, 4, 6)})

lstm = nn.LSTM(3, 4, num_layers=2, batch_first=True)
randomize(lstm)
case("lstm_all", lstm, lambda x: lstm(x)[0], {"x": uniform(-1, 1, 2, 5, 3)})

lstm = nn.LSTM(3, 5, batch_first=True)
randomize(lstm)
case("lstm_last", lstm, lambda x: lstm(x)[0][:, -1], {"x": uniform(-1, 1, 2, 6, 3)})

gru = nn.GRU(3, 4, num_layers=2, batch_first=True)
randomize(gru)
case("gru_all", gru, lambda x: gru(x)[0], {"x": uniform(-1, 1, 2, 5, 3)})

gru = nn.GRU(3, 5, batch_first=True)
randomize(gru)
case("gru_last", gru, lambda x: gru(x)[0][:, -1], {"x": uniform(-1, 1, 2, 6, 3)})

# initial states as nn4j takes them, [n, layers, hidden]; PyTorch's h_0 is [layers, n, hidden]
lstm = nn.LSTM(3, 4, num_layers=2, batch_first=True)
randomize(lstm)
case("lstm_states", lstm, lambda x, h0, c0: lstm(x, (h0.transpose(0, 1).contiguous(), c0.transpose(0, 1).contiguous()))[0],
     {"x": uniform(-1, 1, 2, 5, 3), "h0": uniform(-1, 1, 2, 2, 4), "c0": uniform(-1, 1, 2, 2, 4)})

gru = nn.GRU(3, 5, batch_first=True)
randomize(gru)
case("gru_states", gru, lambda x, h0: gru(x, h0.transpose(0, 1).contiguous())[0][:, -1],
     {"x": uniform(-1, 1, 2, 6, 3), "h0": uniform(-1, 1, 2, 1, 5)})

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "layers.txt")
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"wrote {len(lines)} tensors to {out}")
