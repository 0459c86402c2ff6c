"""PyTorch CPU baselines with the workbench's benchmark rules (see run.sh and docs/benchmarks.md).

(a) snn: a dense per-timestep loop simulating the binary vgg15ab SNN at CIFAR scale, as the
    workbench's time-stepped reference does it: direct input (the image is the first layer's current
    every timestep), integrate-and-fire neurons (v += current; spike where v >= threshold; reset by
    subtraction), pooling before the neuron, an integrating output layer. Weights are random: the
    first conv and the last fc full precision, all others sign(w) * alpha (the float conv/GEMM of
    +-1 values, which is what a dense loop does with binary weights). Thresholds are balanced on the
    first timestep's currents (99.9th percentile) so that every layer spikes.
(b) training: the quick vgg-small (c16-c16p-c32-c32p-fc128-fc10, 3x3 convs without bias, 2x2
    average pooling before ReLU, dropout 0.1, 1x28x28 input, 10 classes), Adam lr 2e-3,
    cross-entropy, on random images and labels (speed only).

Each measurement is warmed up, then timed `repeats` times; median and best are printed as
key=value lines (img_timesteps_per_s for (a), images_per_s for (b)).
"""

import argparse
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

VGG15AB = "c64-c64p-c128-c128p-c256-c256-c256p-c512-c512-c512p-c512-c512-c512p-fc4096-fc100"
VGG_SMALL_QUICK = "c16-c16p-c32-c32p-fc128-fc10"


def layers(spec, in_shape):
    """[(kind, in, out, pool)], and the feature count before the first fc."""
    c, h, w = in_shape
    out = []
    features = None
    for token in spec.split("-"):
        if token.startswith("c"):
            pool = token.endswith("p")
            width = int(token[1:-1] if pool else token[1:])
            out.append(("conv", c, width, pool))
            c = width
            if pool:
                h, w = h // 2, w // 2
        else:
            width = int(token[2:])
            if features is None:
                features = c * h * w
                c = features
            out.append(("fc", c, width, False))
            c = width
    return out


class BinarySnn:
    """The dense SNN loop: one weighted op (+ pooling) and one IF population per layer."""

    def __init__(self, spec, in_shape, seed=7):
        g = torch.Generator().manual_seed(seed)
        self.ops = []
        specs = layers(spec, in_shape)
        for i, (kind, fan_in_ch, width, pool) in enumerate(specs):
            binary = 0 < i < len(specs) - 1
            shape = (width, fan_in_ch, 3, 3) if kind == "conv" else (width, fan_in_ch)
            w = torch.randn(shape, generator=g)
            if binary:
                fan_in = w[0].numel()
                alpha = 2.0 ** round(torch.log2(torch.tensor(1.0 / fan_in ** 0.5)).item())
                w = torch.sign(w) * alpha  # power-of-two alpha, as the Java bench's exact option
            else:
                w = w * (2.0 / w[0].numel()) ** 0.5
            self.ops.append((kind, w, pool))
        self.thresholds = None

    def current(self, i, x):
        kind, w, pool = self.ops[i]
        if kind == "conv":
            y = F.conv2d(x, w, padding=1)
            return F.avg_pool2d(y, 2) if pool else y
        if x.dim() > 2:
            x = x.flatten(1)
        return F.linear(x, w)

    def balance(self, images):
        """Thresholds: the 99.9th percentile of each layer's first-step current on spikes of the
        layer below (the input layer: on the images), at least a small positive floor."""
        self.thresholds = []
        x = images
        with torch.no_grad():
            for i in range(len(self.ops) - 1):
                y = self.current(i, x)
                flat = y.flatten()
                k = max(1, int(0.999 * flat.numel()))
                t = max(flat.kthvalue(k).values.item(), 1e-3)
                self.thresholds.append(t)
                x = (y >= 0.5 * t).float()  # a plausible spike pattern for the next layer

    @torch.no_grad()
    def simulate(self, images, timesteps):
        n = images.shape[0]
        potentials = [None] * len(self.ops)
        out = None
        for _ in range(timesteps):
            x = images
            for i in range(len(self.ops)):
                y = self.current(i, x)
                if potentials[i] is None:
                    potentials[i] = torch.zeros_like(y)
                v = potentials[i]
                v += y
                if i == len(self.ops) - 1:
                    out = v  # the output layer integrates
                    break
                s = (v >= self.thresholds[i]).float()
                v -= s * self.thresholds[i]  # reset by subtraction
                x = s
        return out.argmax(1), n


class VggSmall(nn.Module):
    """The quick vgg-small: convs without bias, avg pooling before ReLU, dropout after unpooled
    convs, the flatten and hidden fcs."""

    def __init__(self, spec=VGG_SMALL_QUICK, in_shape=(1, 28, 28), dropout=0.1):
        super().__init__()
        self.body = nn.ModuleList()
        for kind, fan_in, width, pool in layers(spec, in_shape):
            if kind == "conv":
                self.body.append(nn.Conv2d(fan_in, width, 3, padding=1, bias=False))
                self.body.append(nn.AvgPool2d(2) if pool else nn.Identity())
            else:
                self.body.append(nn.Linear(fan_in, width, bias=False))
        self.dropout = dropout
        self.kinds = [k for k, *_ in layers(spec, in_shape)]
        self.pools = [p for *_, p in layers(spec, in_shape)]

    def forward(self, x):
        ops = iter(self.body)
        flattened = False
        for i, kind in enumerate(self.kinds):
            last = i == len(self.kinds) - 1
            if kind == "conv":
                x = next(ops)(x)
                x = next(ops)(x)
                x = F.relu(x)
                if not self.pools[i]:
                    x = F.dropout(x, self.dropout, self.training)
            else:
                if not flattened:
                    x = F.dropout(x.flatten(1), self.dropout, self.training)
                    flattened = True
                x = next(ops)(x)
                if not last:
                    x = F.dropout(F.relu(x), self.dropout, self.training)
        return x


def timed(label, work, unit, fn, warmup_seconds, repeats):
    """Warm-up (at least once and warmup_seconds), then `repeats` timed calls; prints and returns
    the median rate."""
    t0 = time.perf_counter()
    warm = 0
    while warm == 0 or time.perf_counter() - t0 < warmup_seconds:
        fn()
        warm += 1
    seconds = []
    for _ in range(repeats):
        s = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - s)
    median = statistics.median(seconds)
    print(f"{label}.warmup_runs={warm}")
    print(f"{label}.runs={repeats}")
    print(f"{label}.seconds=" + ",".join(f"{s:.3f}" for s in seconds))
    print(f"{label}.seconds_median={median:.3f}")
    print(f"{label}.seconds_min={min(seconds):.3f}")
    print(f"{label}.{unit}_median={work / median:.1f}")
    print(f"{label}.{unit}_best={work / min(seconds):.1f}")
    return work / median


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--warmup-seconds", type=float, default=5.0)
    p.add_argument("--images", type=int, default=16, help="SNN images (one batch)")
    p.add_argument("--timesteps", type=int, default=20)
    p.add_argument("--batch", type=int, default=64, help="training batch")
    p.add_argument("--train-steps", type=int, default=20, help="training steps per timed run")
    p.add_argument("--only", choices=["snn", "training"], default=None)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    print(f"torch={torch.__version__}")
    print(f"threads={torch.get_num_threads()}")
    print(f"repeats={a.repeats}")

    if a.only in (None, "snn"):
        snn = BinarySnn(VGG15AB, (3, 32, 32))
        images = torch.rand(a.images, 3, 32, 32)
        snn.balance(images)
        print(f"vgg15ab.images={a.images}")
        print(f"vgg15ab.timesteps={a.timesteps}")
        timed(
            "vgg15ab.pytorch-dense",
            a.images * a.timesteps,
            "img_timesteps_per_s",
            lambda: snn.simulate(images, a.timesteps),
            a.warmup_seconds,
            a.repeats,
        )

    if a.only in (None, "training"):
        model = VggSmall()
        model.train()
        opt = torch.optim.Adam(model.parameters(), lr=2e-3)
        x = torch.rand(a.batch, 1, 28, 28)
        y = torch.randint(0, 10, (a.batch,))

        def steps():
            for _ in range(a.train_steps):
                opt.zero_grad()
                loss = F.cross_entropy(model(x), y)
                loss.backward()
                opt.step()

        print(f"vgg-small.batch={a.batch}")
        print(f"vgg-small.steps_per_run={a.train_steps}")
        timed(
            "vgg-small.pytorch-train",
            a.batch * a.train_steps,
            "images_per_s",
            steps,
            a.warmup_seconds,
            a.repeats,
        )


if __name__ == "__main__":
    main()
