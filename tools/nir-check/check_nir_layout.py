#!/usr/bin/env python3
"""Checks that .nir files follow the NIR HDF5 layout (nir's serialization.py) with h5py only.

Usage: check_nir_layout.py FILE.nir [FILE.nir ...]

For every file: the root holds a string dataset `version` and a group `node`; `node/type` is the
string "NIRGraph"; `node/nodes/<name>` are groups with a string `type` and exactly the parameter
datasets nir's reader passes to that type (dtype kind and rank checked); `node/edges` is an [n, 2]
string dataset whose names are all nodes; `node/metadata`, when present, is a group of datasets; and, as nir's NIRGraph.check_types does,
every edge joins an output shape to an equal input shape (pooling shapes are inferred from their
input).
Exit code 0 when every file passes, 1 when one does not (each problem printed), 2 on bad usage.
"""

import sys

import h5py
import numpy as np

FLOAT = "f"
INT = "iu"

# type -> {dataset: (dtype kinds, rank or None for any)}; all are required, none other allowed
LAYOUT = {
    "Input": {"shape": (INT, 1)},
    "Output": {"shape": (INT, 1)},
    "IF": {"r": (FLOAT, None), "v_threshold": (FLOAT, None), "v_reset": (FLOAT, None)},
    "I": {"r": (FLOAT, None)},
    "Conv2d": {
        "input_shape": (INT, 1),
        "weight": (FLOAT, 4),
        "stride": (INT, 1),
        "padding": (INT, 1),
        "dilation": (INT, 1),
        "groups": (INT, 0),
        "bias": (FLOAT, 1),
    },
    "Affine": {"weight": (FLOAT, 2), "bias": (FLOAT, 1)},
    "Linear": {"weight": (FLOAT, 2)},
    "AvgPool2d": {"kernel_size": (INT, 1), "stride": (INT, 1), "padding": (INT, 1)},
    "SumPool2d": {"kernel_size": (INT, 1), "stride": (INT, 1), "padding": (INT, 1)},
    "Flatten": {"start_dim": (INT, 0), "end_dim": (INT, 0), "input_type": (INT, 1)},
    "Scale": {"scale": (FLOAT, None)},
}

# optional groups nir itself may write beside the parameters
OPTIONAL_GROUPS = {"metadata", "input_type", "output_type"}


def text(ds):
    value = ds[()]
    if isinstance(value, bytes):
        return value.decode("utf8")
    if isinstance(value, str):
        return value
    return None


def is_string(ds):
    return h5py.check_string_dtype(ds.dtype) is not None


def check_node(name, group, problems):
    where = "node/nodes/" + name
    if not isinstance(group, h5py.Group):
        problems.append(where + ": a dataset, not a group")
        return None
    if "type" not in group or not is_string(group["type"]) or group["type"].shape != ():
        problems.append(where + ": no scalar string dataset 'type'")
        return None
    kind = text(group["type"])
    if kind not in LAYOUT:
        problems.append(where + ": type '" + str(kind) + "' is not one this check knows")
        return kind
    expected = LAYOUT[kind]
    for key, item in group.items():
        if key == "type":
            continue
        if isinstance(item, h5py.Group):
            if key not in OPTIONAL_GROUPS:
                problems.append(where + ": unexpected group '" + key + "'")
            continue
        if key not in expected:
            problems.append(where + " (" + kind + "): unexpected dataset '" + key + "'")
    for key, (kinds, rank) in expected.items():
        if key not in group or not isinstance(group[key], h5py.Dataset):
            problems.append(where + " (" + kind + "): missing dataset '" + key + "'")
            continue
        ds = group[key]
        if ds.dtype.kind not in kinds:
            problems.append(
                where + "/" + key + ": dtype " + str(ds.dtype) + ", expected kind " + kinds)
        if rank is not None and ds.ndim != rank:
            problems.append(where + "/" + key + ": rank " + str(ds.ndim) + ", expected " + str(rank))
        if ds.dtype.kind == "f" and not np.all(np.isfinite(ds[()])):
            problems.append(where + "/" + key + ": holds NaN or infinite values")
    if kind == "Conv2d" and "weight" in group and "bias" in group:
        if group["bias"].shape != (group["weight"].shape[0],):
            problems.append(where + ": bias shape does not match weight's outputs")
    if kind == "Affine" and "weight" in group and "bias" in group:
        if group["bias"].shape != (group["weight"].shape[0],):
            problems.append(where + ": bias shape does not match weight's outputs")
    if kind == "IF" and all(k in group for k in ("r", "v_threshold", "v_reset")):
        shapes = {group[k].shape for k in ("r", "v_threshold", "v_reset")}
        if len(shapes) != 1:
            problems.append(where + ": r, v_threshold and v_reset differ in shape")
    return kind


def conv_out(size, kernel, stride, padding, dilation):
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def io_shapes(kind, g, in_shape):
    """(input shape, output shape) of a node as nir types it; in_shape feeds pooling's inference."""
    v = lambda k: g[k][()]
    if kind in ("Input", "Output"):
        s = tuple(int(x) for x in v("shape"))
        return s, s
    if kind in ("IF", "I"):
        return g["r"].shape, g["r"].shape
    if kind == "Scale":
        return g["scale"].shape, g["scale"].shape
    if kind in ("Affine", "Linear"):
        w = g["weight"].shape
        return (w[1],), (w[0],)
    if kind == "Conv2d":
        w = g["weight"].shape
        h, wd = (int(x) for x in v("input_shape"))
        st, pd, dl = (np.broadcast_to(v(k), (2,)) for k in ("stride", "padding", "dilation"))
        out = (w[0], conv_out(h, w[2], st[0], pd[0], dl[0]), conv_out(wd, w[3], st[1], pd[1], dl[1]))
        return (w[1], h, wd), out
    if kind == "Flatten":
        t = tuple(int(x) for x in v("input_type"))
        start, end = int(v("start_dim")), int(v("end_dim")) % len(t)
        return t, t[:start] + (int(np.prod(t[start : end + 1])),) + t[end + 1 :]
    if kind in ("AvgPool2d", "SumPool2d") and in_shape is not None and len(in_shape) == 3:
        k, st, pd = (np.broadcast_to(v(x), (2,)) for x in ("kernel_size", "stride", "padding"))
        out = (in_shape[0],) + tuple(
            conv_out(in_shape[1 + i], k[i], st[i], pd[i], 1) for i in range(2))
        return in_shape, out
    return None, None


def check_types(nodes, kinds, edges, problems):
    """Propagates shapes from the Input along the edges and compares them at every edge."""
    out = {}
    pending = list(edges)
    progress = True
    while pending and progress:
        progress = False
        for src, dst in list(pending):
            if src not in out:
                if kinds.get(src) == "Input":
                    out[src] = io_shapes("Input", nodes[src], None)[1]
                else:
                    continue
            try:
                expected, produced = io_shapes(kinds.get(dst), nodes[dst], out[src])
            except (KeyError, TypeError, ValueError, IndexError):
                expected, produced = None, None
            if expected is not None and tuple(expected) != tuple(out[src]):
                problems.append(
                    "edge " + src + " -> " + dst + ": " + src + " gives " + str(tuple(out[src]))
                    + " but " + dst + " (" + str(kinds.get(dst)) + ") takes " + str(tuple(expected)))
            if produced is not None:
                out[dst] = tuple(produced)
            pending.remove((src, dst))
            progress = True


def check_file(path):
    problems = []
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        return ["cannot open as HDF5: " + str(e)], {}
    with f:
        if "version" not in f or not isinstance(f["version"], h5py.Dataset) or not is_string(
            f["version"]
        ):
            problems.append("no string dataset 'version' at the root")
        if "node" not in f or not isinstance(f["node"], h5py.Group):
            return problems + ["no group 'node' at the root"], {}
        root = f["node"]
        if "type" not in root or text(root["type"]) != "NIRGraph":
            problems.append("node/type is not the string 'NIRGraph'")
        if "nodes" not in root or not isinstance(root["nodes"], h5py.Group):
            return problems + ["no group node/nodes"], {}
        types = {}
        for name, group in root["nodes"].items():
            types[name] = check_node(name, group, problems)
        if "edges" not in root or not isinstance(root["edges"], h5py.Dataset):
            problems.append("no dataset node/edges")
        else:
            edges = root["edges"]
            if not is_string(edges) or edges.ndim != 2 or edges.shape[1] != 2:
                problems.append(
                    "node/edges must be an [n, 2] string dataset, got "
                    + str(edges.dtype) + " " + str(edges.shape))
            else:
                pairs = []
                for src, dst in edges[()]:
                    pair = tuple(e.decode("utf8") if isinstance(e, bytes) else e for e in (src, dst))
                    for end in pair:
                        if end not in types:
                            problems.append("edge end '" + end + "' is not a node")
                    pairs.append(pair)
                if not problems:
                    check_types(root["nodes"], types, pairs, problems)
        if "metadata" in root:
            meta = root["metadata"]
            if not isinstance(meta, h5py.Group):
                problems.append("node/metadata is not a group")
            else:
                for key, item in meta.items():
                    if not isinstance(item, h5py.Dataset):
                        problems.append("node/metadata/" + key + " is not a dataset")
        kinds = sorted(k for k in types.values() if k)
        summary = {k: kinds.count(k) for k in sorted(set(kinds))}
        return problems, summary


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    failed = False
    for path in argv[1:]:
        problems, summary = check_file(path)
        if problems:
            failed = True
            print(path + ": " + str(len(problems)) + " problem(s)")
            for p in problems:
                print("  " + p)
        else:
            nodes = ", ".join(str(n) + " " + k for k, n in summary.items())
            print(path + ": OK (NIR layout; " + nodes + ")")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
