"""PyTorch's outputs and gradients for the sequence-model ops of nn4j's autodiff.

Regenerate the fixture next to this script, from the repository's root, with Debian's
python3-torch (1.13):

    /usr/bin/python3 core/src/test/resources/dev/nn4j/autodiff/torch/make_fixtures.py

It writes ``sequence_ops.txt``, read by ``dev.nn4j.conformance.TorchOpConformance``. Each case
fixes its inputs from one seed (floating values drawn as float32, so FLOAT32 and FLOAT64 runs in
nn4j read the same numbers), computes the op in float64, and the gradients of
``sum(w * out)`` with fixed random weights ``w`` with respect to every floating input that is
not a mask. One line per tensor::

    <case>.<name> <f|i32|i64> <dims separated by commas, "-" for rank 0> <values, row-major>

``f`` values are Python's ``float.hex`` of doubles, ``i32``/``i64`` values decimal integers
(nn4j reads them as INT32/INT64 tensors). Names:
inputs as the case calls them, ``out`` the output, ``w`` the weights, ``grad.<input>`` the
gradients.
"""

import math
import os

import torch
import torch.nn.functional as F

SEED = 20261207
torch.manual_seed(SEED)

lines = []


def uniform(lo, hi, *dims):
    return (torch.rand(dims, dtype=torch.float32) * (hi - lo) + lo).to(torch.float64)


def write(case, name, t):
    dims = ",".join(str(d) for d in t.shape) or "-"
    flat = t.reshape(-1).tolist()
    if t.dtype.is_floating_point:
        for v in flat:
            if not math.isfinite(v):
                raise ValueError(f"{case}.{name} holds {v}")
        lines.append(f"{case}.{name} f {dims} " + " ".join(float(v).hex() for v in flat))
    else:
        tag = {torch.int32: "i32", torch.int64: "i64"}[t.dtype]
        lines.append(f"{case}.{name} {tag} {dims} " + " ".join(str(int(v)) for v in flat))


def case(name, fn, **inputs):
    """Writes the inputs, fn(**inputs), the weights and the gradients of sum(w * out)."""
    leaves = {}
    for key, value in inputs.items():
        write(name, key, value)
        if value.dtype.is_floating_point and not key.startswith("mask"):
            value = value.clone().requires_grad_(True)
            leaves[key] = value
        inputs[key] = value
    out = fn(**inputs)
    w = uniform(0.5, 1.5, *out.shape)
    (out * w).sum().backward()
    write(name, "out", out.detach())
    write(name, "w", w)
    for key, leaf in leaves.items():
        write(name, "grad." + key, leaf.grad)


# 1. embedding: ids of any shape, INT64 and INT32, with and without a padding row
case("embedding_padding", lambda table, ids: F.embedding(ids, table, padding_idx=2),
     table=uniform(-1, 1, 7, 5), ids=torch.tensor([[2, 0, 6], [3, 2, 0]], dtype=torch.int64))
case("embedding", lambda table, ids: F.embedding(ids.long(), table),
     table=uniform(-1, 1, 6, 3), ids=torch.tensor([[[1, 5], [1, 0]], [[4, 4], [2, 3]]], dtype=torch.int32))

# 2. layer norm over the last one or two dimensions, with and without gamma and beta
case("layer_norm_affine", lambda x, gamma, beta: F.layer_norm(x, (3, 4), gamma, beta, 1e-5),
     x=uniform(-2, 3, 2, 3, 4), gamma=uniform(0.5, 1.5, 3, 4), beta=uniform(-0.5, 0.5, 3, 4))
case("layer_norm_plain", lambda x: F.layer_norm(x, (5,), None, None, 1e-3),
     x=uniform(-1, 1, 3, 5) * 4)
case("layer_norm_gamma", lambda x, gamma: F.layer_norm(x, (6,), gamma, None, 1e-5),
     x=uniform(-1, 2, 2, 2, 6), gamma=uniform(-1.5, 1.5, 6))

# 3. GELU, exact and tanh form
case("gelu_exact", lambda x: F.gelu(x), x=uniform(-5, 5, 4, 6))
case("gelu_tanh", lambda x: F.gelu(x, approximate="tanh"), x=uniform(-5, 5, 4, 6))

# 4. permute, transpose and mean
case("permute", lambda x: x.permute(2, 0, 3, 1), x=uniform(-1, 1, 2, 3, 4, 2))
case("transpose", lambda x: x.transpose(0, 2), x=uniform(-1, 1, 2, 3, 4))
case("mean", lambda x: x.mean(dim=(0, 2)), x=uniform(-1, 1, 2, 3, 4))
case("mean_keep", lambda x: x.mean(dim=(-1,), keepdim=True), x=uniform(-1, 1, 2, 3, 4))

# 5. masks: a causal mask for masked_fill then softmax; masked softmax with a fully masked row
causal = torch.triu(torch.ones(4, 4, dtype=torch.int32), diagonal=1)
case("causal_softmax", lambda x, mask: F.softmax(x.masked_fill(mask.bool(), float("-inf")), dim=-1),
     x=uniform(-3, 3, 2, 4, 4), mask=causal)
case("masked_fill", lambda x, mask: x.masked_fill(mask.bool(), -1.5), x=uniform(-1, 1, 2, 3, 4),
     mask=torch.tensor([[[0, 1, 0, 0]], [[1, 1, 0, 1]]], dtype=torch.int32))


def masked_softmax(x, mask):
    # nn4j defines a row whose every entry is masked as zeros (PyTorch gives NaN there)
    m = mask.bool()
    y = F.softmax(x.masked_fill(m, float("-inf")), dim=-1)
    return torch.where(m.all(dim=-1, keepdim=True), torch.zeros_like(y), y)


padding = torch.tensor([[[0, 0, 1, 1, 1]], [[0, 0, 0, 0, 1]], [[1, 1, 1, 1, 1]]], dtype=torch.int32)
case("masked_softmax", masked_softmax, x=uniform(-3, 3, 3, 2, 5), mask=padding)

# 7. token-level cross-entropy from logits against class ids, the mean over the rows that count
case("token_ce", lambda logits, ids: F.cross_entropy(logits, ids),
     logits=uniform(-3, 3, 6, 5), ids=torch.tensor([4, 0, 2, 2, 1, 3], dtype=torch.int64))
case("token_ce_ignore", lambda logits, ids: F.cross_entropy(logits, ids.long(), ignore_index=1),
     logits=uniform(-3, 3, 5, 4), ids=torch.tensor([1, 0, 3, 1, 2], dtype=torch.int32))
case("token_ce_ignore_negative", lambda logits, ids: F.cross_entropy(logits, ids.long()),
     logits=uniform(-3, 3, 4, 6), ids=torch.tensor([5, -100, 0, -100], dtype=torch.int32))

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sequence_ops.txt")
with open(path, "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"wrote {len(lines)} tensors to {path}")
