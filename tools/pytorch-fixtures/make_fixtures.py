"""Trains small Fashion-MNIST networks in PyTorch and writes the ONNX importer's test fixtures.

For each network NAME it writes, into --out:
  NAME.onnx         torch.onnx.export, opset 13, eval mode
  NAME.pt           the state_dict (torch.save, zip format)
  NAME.logits.npy   PyTorch's logits for the first 500 test images, float32 [500, 10]
  NAME.argmax.npy   their argmax, int64 [500]
and, for reader-cases, bad-transposed.pt (a non-contiguous tensor) and bad-float64.pt, which the
state_dict reader refuses, vgg-legacy.pt (vgg.pt re-saved in the legacy pre-1.6 format) and
vgg-checkpoint.pt (vgg.pt's state_dict under 'state_dict' in a training checkpoint dict, legacy);
and once: test500.labels.npy (the true labels of those images, int64 [500]) and manifest.json
(versions, settings, accuracies on the 500 images).

The networks:
  vgg     conv(8)-relu-conv(16)-relu-avgpool-conv(32)-relu-avgpool, view(n, -1), fc-relu-dropout-fc;
          exported with a dynamic batch dimension, so the flatten is Shape/Gather/Unsqueeze/Concat/Reshape
  resnet  conv-bn-relu stem, two residual blocks with batch norm (the second strided, with a 1x1
          projection), global average pooling, flatten, fc; exported with a fixed batch of 1, which
          folds each BatchNorm into its Conv; resnet-bn.onnx is the same network exported with
          TrainingMode.PRESERVE, which keeps BatchNormalization nodes
  bvgg    the vgg layout with XNOR-style binary weights in every hidden conv and fc (first conv and
          last fc full precision): the forward pass uses alpha * sign(w) per output (alpha = mean |w|,
          sign(0) = +1) with a straight-through gradient; the exported weights are the binarized ones,
          so every weight of an output is exactly +alpha or -alpha
  vgg-small  the workbench's own `model: vgg-small` (defaults: c32-c32p-c64-c64p-fc256-fc10, no bias,
          average pooling before ReLU, dropout 0.1), 1 epoch; only NAME.pt (no .onnx): the fixture of
          the state_dict import, which maps it onto the workbench's network by parameter order
  resnet-small  the workbench's own `model: resnet-small` (defaults: widths 16-32-64, one block per
          stage; batch norm with running statistics, residual adds, 1x1 projections), 1 epoch; only
          NAME.pt, like vgg-small

Inputs get exactly the workbench's fashion-mnist preprocessing: (pixel / 255 - 0.2860) / 0.3530,
computed in float64 and stored as float32 (org.bsnn.datasets.Normalization#byteTable).
"""

import argparse
import gzip
import hashlib
import json
import os
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

MEAN = 0.2860
STD = 0.3530
FIXTURE_IMAGES = 500


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    dims = magic & 0xFF
    shape = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def preprocess(images):
    x = (images.astype(np.float64) / 255.0 - MEAN) / STD
    return torch.from_numpy(x.astype(np.float32)).unsqueeze(1)


def binarize(w):
    """alpha * sign(w) per output, alpha = mean |w| over the output's weights, sign(0) = +1."""
    alpha = w.abs().mean(dim=tuple(range(1, w.dim())), keepdim=True)
    return alpha * torch.where(w >= 0, torch.ones_like(w), -torch.ones_like(w))


class BinaryConv2d(nn.Conv2d):
    def forward(self, x):
        w = self.weight + (binarize(self.weight) - self.weight).detach()  # straight-through
        return F.conv2d(x, w, self.bias, self.stride, self.padding)


class BinaryLinear(nn.Linear):
    def forward(self, x):
        w = self.weight + (binarize(self.weight) - self.weight).detach()
        return F.linear(x, w, self.bias)


class Vgg(nn.Module):
    def __init__(self, binary=False):
        super().__init__()
        conv = BinaryConv2d if binary else nn.Conv2d
        linear = BinaryLinear if binary else nn.Linear
        self.binary = binary
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.conv2 = conv(8, 16, 3, padding=1)
        self.pool1 = nn.AvgPool2d(2)
        self.conv3 = conv(16, 32, 3, padding=1)
        self.pool2 = nn.AvgPool2d(2)
        self.fc1 = linear(32 * 7 * 7, 32)
        self.drop = nn.Dropout(0.2)
        self.fc2 = nn.Linear(32, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = self.pool1(F.relu(self.conv2(x)))
        x = self.pool2(F.relu(self.conv3(x)))
        x = torch.flatten(x, 1) if self.binary else x.view(x.size(0), -1)
        x = self.drop(F.relu(self.fc1(x)))
        return self.fc2(x)

    def hidden(self):
        return [self.conv2, self.conv3, self.fc1]


class VggSmall(nn.Module):
    """The workbench's vgg-small with its defaults, layer for layer (plugins/models VggBuilder):
    c32-c32p-c64-c64p-fc256-fc10, 3x3 convs (stride 1, padding 1) and fc layers without bias,
    2x2 average pooling before the ReLU, dropout 0.1 after unpooled convs, the flatten and fc1;
    the flatten is NCHW (channel, row, column), as the workbench's."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, padding=1, bias=False)
        self.conv2 = nn.Conv2d(32, 32, 3, padding=1, bias=False)
        self.conv3 = nn.Conv2d(32, 64, 3, padding=1, bias=False)
        self.conv4 = nn.Conv2d(64, 64, 3, padding=1, bias=False)
        self.fc1 = nn.Linear(64 * 7 * 7, 256, bias=False)
        self.fc2 = nn.Linear(256, 10, bias=False)
        self.drop = nn.Dropout(0.1)

    def forward(self, x):
        x = self.drop(F.relu(self.conv1(x)))
        x = F.relu(F.avg_pool2d(self.conv2(x), 2))
        x = self.drop(F.relu(self.conv3(x)))
        x = F.relu(F.avg_pool2d(self.conv4(x), 2))
        x = self.drop(torch.flatten(x, 1))
        x = self.drop(F.relu(self.fc1(x)))
        return self.fc2(x)


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.project = None
        if stride != 1 or cin != cout:
            self.project = nn.Sequential(
                nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout)
            )

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        shortcut = x if self.project is None else self.project(x)
        return F.relu(y + shortcut)


class ResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(8)
        self.block1 = Block(8, 8, 1)
        self.block2 = Block(8, 16, 2)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = F.relu(self.bn(self.conv(x)))
        x = self.block2(self.block1(x))
        return self.fc(torch.flatten(self.pool(x), 1))


class ResNetSmall(nn.Module):
    """The workbench's resnet-small with its defaults, layer for layer (plugins/models ResNetBuilder):
    a 3x3 stem conv (no bias) - BN - ReLU, one basic block per stage of widths 16, 32, 64 (the
    first block of stages 2 and 3 strided, with a 1x1 conv - BN projection), 7x7 average pooling,
    flatten and fc with bias. Registration order (conv1, bn1, conv2, bn2, projection) is the
    workbench's node order, which the state_dict import follows."""

    def __init__(self, widths=(16, 32, 64)):
        super().__init__()
        self.stem = nn.Conv2d(1, widths[0], 3, padding=1, bias=False)
        self.stem_bn = nn.BatchNorm2d(widths[0])
        blocks = []
        channels = widths[0]
        for s, width in enumerate(widths):
            blocks.append(Block(channels, width, 2 if s > 0 else 1))
            channels = width
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(channels, 10)

    def forward(self, x):
        x = self.blocks(F.relu(self.stem_bn(self.stem(x))))
        x = F.avg_pool2d(x, x.shape[-1])
        return self.fc(torch.flatten(x, 1))


def train(model, x, y, epochs, batch, seed, log):
    generator = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    for epoch in range(epochs):
        start = time.time()
        order = torch.randperm(len(x), generator=generator)
        total = 0.0
        for i in range(0, len(x), batch):
            idx = order[i : i + batch]
            opt.zero_grad()
            loss = F.cross_entropy(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        log(f"  epoch {epoch + 1}: loss {total / len(x):.4f} ({time.time() - start:.0f} s)")
    model.eval()


def freeze_binary(model):
    """Replaces each hidden layer's real weights with their binarized values, in a plain model."""
    plain = Vgg(binary=False)
    state = model.state_dict()
    for layer_name in ("conv2", "conv3", "fc1"):
        state[layer_name + ".weight"] = binarize(state[layer_name + ".weight"])
    plain.load_state_dict(state)
    plain.eval()
    return plain


def export(model, path, dynamic_batch, preserve=False):
    dummy = torch.zeros(1, 1, 28, 28)
    kwargs = {}
    if dynamic_batch:
        kwargs["dynamic_axes"] = {"input": {0: "batch"}, "logits": {0: "batch"}}
    if preserve:
        kwargs["training"] = torch.onnx.TrainingMode.PRESERVE
    torch.onnx.export(
        model,
        dummy,
        path,
        opset_version=13,
        input_names=["input"],
        output_names=["logits"],
        **kwargs,
    )


def write_reader_cases(out):
    """Tiny state_dicts that the state_dict reader must refuse, each for one reason, and vgg.pt in
    the legacy format."""
    transposed = torch.arange(6, dtype=torch.float32).reshape(2, 3).t()
    torch.save({"w": transposed}, os.path.join(out, "bad-transposed.pt"))
    torch.save({"w": torch.zeros(2, 3, dtype=torch.float64)}, os.path.join(out, "bad-float64.pt"))
    # the legacy (pre-1.6) format of 2020-era checkpoints, which the reader also reads: vgg.pt again
    torch.save(
        torch.load(os.path.join(out, "vgg.pt")),
        os.path.join(out, "vgg-legacy.pt"),
        _use_new_zipfile_serialization=False,
    )
    # a training checkpoint as scripts of that era save it: the state_dict inside a dict
    state = torch.load(os.path.join(out, "vgg.pt"))
    checkpoint = {"epoch": 2, "state_dict": state, "best_prec1": 82.4}
    torch.save(
        checkpoint, os.path.join(out, "vgg-checkpoint.pt"), _use_new_zipfile_serialization=False
    )


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", required=True, help="folder with the four Fashion-MNIST .gz files")
    parser.add_argument("--out", required=True)
    parser.add_argument("--epochs", type=int, default=2, help="epochs of vgg and bvgg")
    parser.add_argument("--resnet-epochs", type=int, default=4)
    parser.add_argument("--vgg-small-epochs", type=int, default=1)
    parser.add_argument("--resnet-small-epochs", type=int, default=1)
    parser.add_argument(
        "--networks", default="vgg,resnet,bvgg,vgg-small,resnet-small,reader-cases",
        help="comma-separated subset to (re)make; reader-cases = the bad-*.pt files",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--train-images", type=int, default=20000, help="first N training images (keeps it quick)"
    )
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    os.makedirs(args.out, exist_ok=True)

    n = args.train_images
    train_x = preprocess(read_idx(os.path.join(args.cache, "train-images-idx3-ubyte.gz"))[:n])
    train_y = torch.from_numpy(
        read_idx(os.path.join(args.cache, "train-labels-idx1-ubyte.gz"))[:n].astype(np.int64)
    )
    test_x = preprocess(read_idx(os.path.join(args.cache, "t10k-images-idx3-ubyte.gz"))[:FIXTURE_IMAGES])
    test_y = read_idx(os.path.join(args.cache, "t10k-labels-idx1-ubyte.gz"))[:FIXTURE_IMAGES].astype(np.int64)
    np.save(os.path.join(args.out, "test500.labels.npy"), test_y)

    manifest = {
        "torch": torch.__version__,
        "numpy": np.__version__,
        "opset": 13,
        "trainImages": len(train_x),
        "seed": args.seed,
        "preprocessing": f"(pixel / 255 - {MEAN}) / {STD}",
        "images": f"first {FIXTURE_IMAGES} test images",
        "networks": {},
    }
    specs = [
        ("vgg", lambda: Vgg(binary=False), True),
        ("resnet", ResNet, False),
        ("bvgg", lambda: Vgg(binary=True), False),
        ("vgg-small", VggSmall, None),
        ("resnet-small", ResNetSmall, None),
    ]
    manifest_path = os.path.join(args.out, "manifest.json")
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            manifest["networks"] = json.load(f).get("networks", {})
    wanted = args.networks.split(",")
    if "reader-cases" in wanted:
        write_reader_cases(args.out)
    for i, (name, build, dynamic) in enumerate(specs):
        if name not in wanted:
            continue
        epochs = {
            "resnet": args.resnet_epochs,
            "vgg-small": args.vgg_small_epochs,
            "resnet-small": args.resnet_small_epochs,
        }.get(name, args.epochs)
        print(f"{name}: training {epochs} epoch(s)", flush=True)
        torch.manual_seed(args.seed + i)
        model = build()
        train(model, train_x, train_y, epochs, 64, args.seed + i, lambda m: print(m, flush=True))
        if name == "bvgg":
            model = freeze_binary(model)
        model.eval()
        with torch.no_grad():
            logits = model(test_x).numpy().astype(np.float32)
        argmax = logits.argmax(axis=1).astype(np.int64)
        accuracy = float((argmax == test_y).mean())
        print(f"{name}: accuracy on the {FIXTURE_IMAGES} images {accuracy:.4f}", flush=True)
        np.save(os.path.join(args.out, name + ".logits.npy"), logits)
        np.save(os.path.join(args.out, name + ".argmax.npy"), argmax)
        torch.save(model.state_dict(), os.path.join(args.out, name + ".pt"))
        entry = {"accuracy500": accuracy, "epochs": epochs}
        if dynamic is None:
            # a workbench model: only the state_dict, which `train: pytorch` maps onto `model: NAME`
            entry["ptSha256"] = sha256(os.path.join(args.out, name + ".pt"))
        else:
            export(model, os.path.join(args.out, name + ".onnx"), dynamic)
            entry["dynamicBatch"] = dynamic
            entry["onnxSha256"] = sha256(os.path.join(args.out, name + ".onnx"))
        if name == "resnet":
            export(model, os.path.join(args.out, "resnet-bn.onnx"), False, preserve=True)
            entry["bnOnnxSha256"] = sha256(os.path.join(args.out, "resnet-bn.onnx"))
        manifest["networks"][name] = entry
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
