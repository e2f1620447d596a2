#!/usr/bin/env python3
"""One MLP training step in leibniz, hand-written Eigen and PyTorch, measured in one run.

    training_side_by_side.py BENCH_MATRIX [--plot docs/images/training_step.png]

The step is B8's: a two-layer ReLU network with softmax cross-entropy, 784-128-10, a batch
of 256, double, one thread: the gradient by W1, b1, W2, b2 and an SGD update. The C++ side
(`bench_matrix --training-step`) times leibniz, the same backpropagation written by hand in
Eigen, and the GEMM bound (the step's five GEMMs alone); this script times PyTorch on the
CPU (`torch.set_num_threads(1)`, float64, autograd, `torch.optim.SGD`), median of 51 steps
after a warm-up, like the C++ side. Prints one table with each row's distance from the
GEMM bound; with --plot, draws it (matplotlib).

PyTorch comes from Debian's python3-torch. Without it the script says so and exits 77,
which Meson reports as skipped, never as passed.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

STEPS = 51


def cpp_times(bench: str) -> dict[str, float]:
    out = subprocess.run([bench, "--training-step"], check=True, capture_output=True, text=True).stdout
    times = {}
    for line in out.splitlines():
        name, value = line.split()
        times[name] = float(value)
    return times


def blas_library() -> str:
    """The BLAS Debian's PyTorch calls (it is built with BLAS_INFO=generic: the system's
    libblas.so.3, the reference BLAS unless an optimised one such as OpenBLAS is installed)."""
    link = "/etc/alternatives/libblas.so.3-x86_64-linux-gnu"
    return os.path.realpath(link) if os.path.exists(link) else "unknown"


def torch_time() -> float:
    import torch  # python3-torch

    torch.set_num_threads(1)
    torch.manual_seed(0)
    inputs, hidden, classes, batch = 784, 128, 10, 256
    dtype = torch.float64
    w1 = (torch.rand(hidden, inputs, dtype=dtype) * 2 - 1) * 0.05
    b1 = (torch.rand(hidden, 1, dtype=dtype) * 2 - 1) * 0.1
    w2 = (torch.rand(classes, hidden, dtype=dtype) * 2 - 1) * 0.1
    b2 = (torch.rand(classes, 1, dtype=dtype) * 2 - 1) * 0.1
    params = [p.requires_grad_() for p in (w1, b1, w2, b2)]
    x = torch.rand(inputs, batch, dtype=dtype) * 2 - 1  # one example per column, as in leibniz
    labels = torch.arange(batch) % classes
    optimizer = torch.optim.SGD(params, lr=1e-3)

    def step():
        optimizer.zero_grad(set_to_none=False)
        z = w2 @ torch.relu(w1 @ x + b1) + b2
        loss = torch.nn.functional.cross_entropy(z.T, labels)  # mean of log_sum_exp(z) - z[label]
        loss.backward()
        optimizer.step()

    step()
    times = []
    for _ in range(STEPS):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_matrix", help="the bench_matrix executable")
    parser.add_argument("--plot", help="write a bar chart here (PNG)")
    args = parser.parse_args()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one thread, like the C++ side
    try:
        import torch  # noqa: F401
    except ImportError:
        print("training_side_by_side: PyTorch is not installed (Debian: apt-get install python3-torch); skipped")
        return 77

    cpp = cpp_times(args.bench_matrix)
    rows = [
        ("GEMM bound (the 5 GEMMs alone)", cpp["gemm_bound_ms"]),
        ("hand-written Eigen", cpp["hand_eigen_ms"]),
        ("leibniz", cpp["leibniz_ms"]),
        (f"PyTorch {__import__('torch').__version__} (CPU, autograd)", torch_time()),
    ]
    bound = cpp["gemm_bound_ms"]
    print("MLP training step, 784-128-10, batch 256, double, one thread (median ms per step)")
    print(f"PyTorch's BLAS: {blas_library()}\n")
    print(f"{'variant':<42} {'ms':>8} {'x GEMM bound':>13}")
    for name, ms in rows:
        print(f"{name:<42} {ms:8.3f} {ms / bound:13.2f}")

    if args.plot:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(7, 2.6))
        names = [name for name, _ in rows][::-1]
        values = [ms for _, ms in rows][::-1]
        ax.barh(names, values, color=["#d62728", "#1f77b4", "#7f7f7f", "#bbbbbb"])
        for i, v in enumerate(values):
            ax.text(v, i, f" {v:.2f} ms ({v / bound:.2f}x)", va="center", fontsize=8)
        ax.set_xlabel("ms per training step (median of 51), one thread")
        ax.set_xlim(0, max(values) * 1.35)
        ax.set_title("784-128-10 MLP, batch 256, double: gradient + SGD update", fontsize=10)
        fig.tight_layout()
        fig.savefig(args.plot, dpi=120)
        print(f"\nplot: {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
