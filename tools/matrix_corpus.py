#!/usr/bin/env python3
"""An independent correctness oracle for leibniz's matrix calculus: random matrix
expressions, reduced to a scalar loss, checked against SymPy.

Builds COUNT random expressions over scalar (var), column-vector (vec) and matrix (mat)
variables of sizes 2 and 3:

    A, C : 2 x 3      B, D : 3 x 3      u, w : 3-vectors      v : 2-vector      s, t : scalars

(3 x 2 and 2 x 2 matrices and row vectors arise as transposes and products). They mix
  * matrix products (A * B, A * u, transpose(v) * A, outer products u * transpose(w)),
    transposes, scalars scaling (2_c * A, 0.75 * A, s * A, sum(B) * A);
  * entrywise functions exp, tanh, sin, sigmoid, softplus, pow(., 2_c), unary minus, and
    log of things positive by construction (1 + pow(X, 2_c), exp(X), sigmoid(X),
    softplus(X), 2 + sin(X)), also as the denominator of a `/`;
  * + and - between equal shapes and broadcasting (a matrix with a column vector, with a
    row vector, with a scalar or a constant), hadamard (also matrix with column vector);
  * reductions sum, mean, colwise_sum, rowwise_sum, squared_norm, trace (of square
    matrices: B, A * transpose(C), transpose(A) * C, ...), log_sum_exp (of a vector, a
    scalar; of a matrix, a row vector), dot;
always reduced to a scalar loss at the top (depth 2 to 4 below it).

For each expression the generator draws a point (entries multiples of 1/64 in
[-1.25, 1.25]) and computes, independently of leibniz, the loss and its gradient by every
variable it contains, entry by entry:
  * SymPy builds every variable as an explicit matrix of symbols (A -> A_0_0 ... A_1_2),
    every node as an explicit matrix of SymPy expressions (matrix products written out
    as sums, log_sum_exp as log(sum(exp(.))), sigmoid and softplus by their textbook
    formulas), differentiates the loss by each symbol and evaluates at 30 digits;
  * the same expression is evaluated directly in mpmath (at 50 digits) by a second
    evaluator, and every gradient entry is cross-checked against a central difference of
    that evaluator with a step of 1e-25 (agreement to 1e-20 required).
A point is rejected (another is drawn) when a log is taken of less than 0.05, an exp of
more than 20, any entry of any node exceeds 1e4, or the results are ill-conditioned: the
gradient, evaluated with every input entry perturbed by a relative 2^-40, moves by more
than 8 times the test tolerance.

The generated Catch2 tests (tests/unit/test_matrix_corpus_<k>.cpp, helpers in
tests/unit/matrix_corpus.hpp) build the expression once in a generic lambda, then
  * on dynamic sizes (mat<"A">, vec<"u">, bound to Eigen::MatrixXd / VectorXd): check the
    value L(bindings...) and every entry of leibniz::gradient(L, vars...)(bindings...)[var]
    (a number for a scalar variable), against SymPy's numbers, to 1e-9 relative (1e-12
    absolute near 0), and the shape of each gradient;
  * for every third expression (index % 3 == 0) also on static sizes (mat<"A", 2, 3>,
    vec<"u", 3>, bound to fixed-size Eigen matrices): the same numbers, and the gradient's
    static sizes.
Hessian-vector products (hvp) are not checked: leibniz does not implement them yet
(docs/reference.md, "Not yet"); add them here when it does.

    /usr/bin/python3 tools/matrix_corpus.py --count 200 --files 10 --out tests/unit

writes tests/unit/matrix_corpus.hpp and test_matrix_corpus_0.cpp ... _9.cpp (registered
in tests/meson.build behind the `corpora` option, one executable). Expression i has its
own random stream: the output depends only on --seed, --count, --files (not on --jobs or
PYTHONHASHSEED).
Generating takes about 15 s of CPU. Compiling is the cost: with GCC 12 at the project's
-O2, 51 to 81 s of user CPU and about 3.5 GB per part (20 expressions), 630 s for the ten;
the tests themselves run in well under a second. More --files makes the parts smaller.

Constructs excluded because leibniz fails on them (report, keep a reproducer, delete the
exclusion when fixed): see KNOWN_LIBRARY_BUGS below.
"""

import argparse
import fractions
import multiprocessing
import os
import random
import sys

import mpmath
import sympy as sp

DEFAULT_SEED = 20261123
REL_TOL = 1e-9
ABS_TOL = 1e-12
PERTURBATION = 2.0 ** -40
CONDITION_FACTOR = 8.0
NODE_LIMIT = 1e4
EXP_LIMIT = 20
LOG_MARGIN = 0.05
STATIC_EVERY = 3

# Constructs leibniz gets wrong, kept out of the corpus (an expression containing one is
# drawn again): {name: (test on a node, "what is wrong")}. Delete the line once fixed.
KNOWN_LIBRARY_BUGS = {
    # ops/sigmoid.hpp writes the derivative sigmoid(a) * sigmoid(-a) with `*`, which for a
    # vector or matrix `a` is the matrix product: gradient(sum(sigmoid(A)), A) is silently
    # wrong for a square A, throws "sizes do not fit" for a dynamic vector and does not
    # compile for a static one (gelu's derivative has the same `a * exp(...)`).
    "sigmoid of a vector or matrix": (lambda n: n.op == "unary" and n.arg == "sigmoid" and n.shape != SCALAR,
                                      "derivative uses the matrix product"),
    # identity_op::evaluate (matrix/reductions.hpp) names decltype(a.eval())::Identity,
    # a reference type when `a` is a plain matrix: gradient(trace(exp(A)), A) does not
    # compile (trace of a variable alone is folded and compiles).
    "trace of an expression": (lambda n: n.op == "reduce" and n.arg == "trace" and n.kids[0].op != "var",
                               "identity_op::evaluate does not compile"),
    # A broadcast operand of + or - whose adjoint is the single number a sum, mean,
    # colwise_sum or rowwise_sum hands down (reverse.hpp / reduce_to in matrix/nodes.hpp):
    # it is not multiplied by the number of entries it was broadcast over.
    # gradient(sum(A + s), s) is 1, not rows * cols; d(sum(A + w), w) is fill(1, w), not
    # cols(A) per entry. (An entrywise function in between hides it: sum(exp(A + s)) is right.)
    "scalar adjoint of a broadcast operand": (lambda n: n.op == "reduce" and scalar_adjoint_meets_broadcast(n),
                                              "broadcast count lost"),
}

VARIABLES = {"A": (2, 3), "C": (2, 3), "B": (3, 3), "D": (3, 3), "u": (3, 1), "w": (3, 1), "v": (2, 1),
             "s": (1, 1), "t": (1, 1)}
SCALAR = (1, 1)


class Reject(Exception):
    pass


def is_scalar(shape):
    return shape == SCALAR


# ----------------------------------------------------------------------------- nodes

class Node:
    __slots__ = ("op", "kids", "shape", "arg")

    def __init__(self, op, kids, shape, arg=None):
        self.op, self.kids, self.shape, self.arg = op, tuple(kids), shape, arg

    def size(self):
        return 1 + sum(k.size() for k in self.kids)

    def variables(self, out=None):
        out = set() if out is None else out
        if self.op == "var":
            out.add(self.arg)
        for k in self.kids:
            k.variables(out)
        return out

    def ops(self, out=None):
        out = set() if out is None else out
        if self.op in ("unary", "reduce"):
            out.add(self.arg)
        elif self.op not in ("var", "const"):
            out.add(self.op)
        for k in self.kids:
            k.ops(out)
        return out

    def cpp(self):
        op, k = self.op, self.kids
        if op == "var":
            return self.arg
        if op == "const":
            return self.arg[1]
        if op == "unary":
            if self.arg == "pow2":
                return f"pow({k[0].cpp()}, 2_c)"
            if self.arg == "neg":
                return f"-({k[0].cpp()})"
            return f"{self.arg}({k[0].cpp()})"
        if op in ("add", "sub", "div", "matmul", "scale"):
            sym = {"add": "+", "sub": "-", "div": "/", "matmul": "*", "scale": "*"}[op]
            return f"({k[0].cpp()} {sym} {k[1].cpp()})"
        if op == "hadamard":
            return f"hadamard({k[0].cpp()}, {k[1].cpp()})"
        if op == "dot":
            return f"dot({k[0].cpp()}, {k[1].cpp()})"
        if op == "transpose":
            return f"transpose({k[0].cpp()})"
        if op == "reduce":
            return f"{self.arg}({k[0].cpp()})"
        raise AssertionError(op)


def const(value, text):
    return Node("const", (), SCALAR, (fractions.Fraction(value), text))


# ----------------------------------------------------------------------------- generator

class Generator:
    def __init__(self, rng):
        self.rng = rng

    def chance(self, p):
        return self.rng.random() < p

    def constant(self):
        r = self.rng.random()
        if r < 0.5:
            return const(*self.rng.choice([(2, "2_c"), (3, "3_c"), (fractions.Fraction(1, 2), "c<1, 2>"),
                                           (-1, "c<-1>"), (fractions.Fraction(3, 2), "1.5_c")]))
        v = self.rng.choice([0.75, -0.5, 1.25, 0.25, -1.5, 2.0])
        return const(v, repr(v) if v > 0 else f"({v!r})")

    def leaf(self, shape):
        m, n = shape
        if is_scalar(shape):
            return Node("var", (), shape, self.rng.choice("st"))
        named = [name for name, s in VARIABLES.items() if s == shape]
        if named:
            return Node("var", (), shape, self.rng.choice(named))
        if (n, m) in VARIABLES.values():  # rows, 3 x 2
            return Node("transpose", (self.leaf((n, m)),), shape)
        # 2 x 2: a product
        return Node("matmul", (self.leaf((m, 3)), self.leaf((3, n))), shape)

    def gen(self, shape, d):
        if d <= 0 or (d == 1 and self.chance(0.25)):
            return self.leaf(shape)
        if is_scalar(shape):
            return self.scalar(d)
        m, n = shape
        kinds = {"unary": 30, "addsub": 16, "broadcast": 12, "hadamard": 8, "matmul": 18, "transpose": 5,
                 "scale": 8, "div": 3, "reduce": 10 if (m == 1 or n == 1) else 0}
        kind = self.rng.choices(list(kinds), list(kinds.values()))[0]
        if kind == "unary":
            return self.unary(shape, d)
        if kind == "addsub":
            return Node(self.rng.choice(["add", "add", "sub"]), (self.gen(shape, d - 1), self.gen(shape, d - 1)),
                        shape)
        if kind == "broadcast":
            options = [SCALAR]
            if m > 1 and n > 1:
                options += [(m, 1), (1, n)]
            other_shape = self.rng.choice(options)
            other = self.constant() if other_shape == SCALAR and self.chance(0.4) else \
                self.gen(other_shape, d - 1 if self.chance(0.5) else 0)
            pair = (self.gen(shape, d - 1), other)
            if self.chance(0.4):
                pair = pair[::-1]
            return Node(self.rng.choice(["add", "add", "sub"]), pair, shape)
        if kind == "hadamard":
            if m > 1 and n > 1 and self.chance(0.2):
                return Node("hadamard", (self.gen(shape, d - 1), self.gen((m, 1), d - 1)), shape)
            return Node("hadamard", (self.gen(shape, d - 1), self.gen(shape, d - 1)), shape)
        if kind == "matmul":
            if m > 1 and n > 1 and self.chance(0.15):  # outer product
                return Node("matmul", (self.gen((m, 1), d - 1), self.gen((1, n), d - 1)), shape)
            k = self.rng.choice([2, 3, 3])
            return Node("matmul", (self.gen((m, k), d - 1), self.gen((k, n), d - 1)), shape)
        if kind == "transpose":
            return Node("transpose", (self.gen((n, m), d - 1),), shape)
        if kind == "scale":
            r = self.rng.random()
            k = self.constant() if r < 0.5 else self.leaf(SCALAR) if r < 0.8 else self.gen(SCALAR, d - 1)
            pair = (k, self.gen(shape, d - 1))
            if self.chance(0.3):
                pair = pair[::-1]
            return Node("scale", pair, shape)
        if kind == "div":
            den_shape = shape if self.chance(0.7) else SCALAR
            return Node("div", (self.gen(shape, d - 1), self.positive(den_shape, d - 1)), shape)
        # reduce to a vector
        k = self.rng.choice([2, 3])
        if n == 1:
            return Node("reduce", (self.gen((m, k), d - 1),), shape, "rowwise_sum")
        return Node("reduce", (self.gen((k, n), d - 1),), shape,
                    self.rng.choice(["colwise_sum", "colwise_sum", "log_sum_exp"]))

    def unary(self, shape, d):
        fn = self.rng.choice(["exp", "tanh", "sin", "sigmoid", "softplus", "pow2", "log", "log", "neg"])
        if fn == "log":
            return Node("unary", (self.positive(shape, d - 1),), shape, "log")
        return Node("unary", (self.gen(shape, d - 1),), shape, fn)

    def positive(self, shape, d):
        """An expression positive by construction (at least 0.05 is checked at the point)."""
        form = self.rng.choice(["one_plus_square", "exp", "sigmoid", "softplus", "two_plus_sin"])
        inner = self.gen(shape, max(d - 1, 0))
        if form == "one_plus_square":
            return Node("add", (const(1, "1_c"), Node("unary", (inner,), shape, "pow2")), shape)
        if form == "two_plus_sin":
            return Node("add", (const(2, "2_c"), Node("unary", (inner,), shape, "sin")), shape)
        return Node("unary", (inner,), shape, form)

    def nonscalar_shape(self):
        return self.rng.choice([(2, 3), (3, 3), (3, 2), (3, 1), (2, 1), (1, 3), (1, 2), (2, 2)])

    def scalar(self, d):
        """A scalar: a reduction of a vector or matrix most of the time."""
        kinds = {"reduce": 30, "trace": 8, "lse": 6, "dot": 8, "quad": 8, "unary": 6, "binary": 8}
        kind = self.rng.choices(list(kinds), list(kinds.values()))[0]
        if kind == "reduce":
            fn = self.rng.choice(["sum", "mean", "squared_norm", "sum", "mean", "colwise_sum", "rowwise_sum"])
            if fn == "colwise_sum":
                return Node("reduce", (self.gen((self.rng.choice([2, 3]), 1), d - 1),), SCALAR, fn)
            if fn == "rowwise_sum":
                return Node("reduce", (self.gen((1, self.rng.choice([2, 3])), d - 1),), SCALAR, fn)
            return Node("reduce", (self.gen(self.nonscalar_shape(), d - 1),), SCALAR, fn)
        if kind == "trace":
            if "trace of an expression" in KNOWN_LIBRARY_BUGS:  # meanwhile: the trace of B or D
                return Node("reduce", (self.leaf((3, 3)),), SCALAR, "trace")
            n = self.rng.choice([3, 3, 2])
            return Node("reduce", (self.gen((n, n), d - 1),), SCALAR, "trace")
        if kind == "lse":
            return Node("reduce", (self.gen((self.rng.choice([2, 3]), 1), d - 1),), SCALAR, "log_sum_exp")
        if kind == "dot":
            n = self.rng.choice([2, 3])
            return Node("dot", (self.gen((n, 1), d - 1), self.gen((n, 1), d - 1)), SCALAR)
        if kind == "quad":  # x^T M y
            m, n = self.rng.choice([2, 3]), self.rng.choice([2, 3])
            row = Node("transpose", (self.gen((m, 1), d - 1),), (1, m))
            return Node("matmul", (row, Node("matmul", (self.gen((m, n), d - 1), self.gen((n, 1), d - 1)), (m, 1))),
                        SCALAR)
        if kind == "unary":
            fn = self.rng.choice(["exp", "tanh", "sin", "sigmoid", "softplus", "pow2"])
            return Node("unary", (self.scalar(d - 1) if d > 1 else self.leaf(SCALAR),), SCALAR, fn)
        a = self.scalar(d - 1) if d > 1 else self.leaf(SCALAR)
        b = self.scalar(d - 1) if d > 1 and self.chance(0.6) else self.leaf(SCALAR) if self.chance(0.5) \
            else self.constant()
        return Node(self.rng.choice(["add", "sub", "scale"]), (a, b), SCALAR)

    def loss(self, depth):
        """The top: a reduction of a vector or matrix (possibly combined with another scalar)."""
        while True:
            root = self.scalar(depth)
            if root.op in ("reduce", "dot", "matmul") or self.chance(0.3):
                return root


# ----------------------------------------------------------------------------- evaluation

class Lib:
    """Entry functions for one number system (SymPy expressions or mpmath numbers)."""

    def __init__(self, mod, checked):
        self.mod = mod
        self.checked = checked

    def check(self, v):
        if self.checked and abs(v) > NODE_LIMIT:
            raise Reject("entry too large")
        return v

    def fn(self, name, a):
        m = self.mod
        if name == "exp":
            if self.checked and abs(a) > EXP_LIMIT:
                raise Reject("exp of a large argument")
            return m.exp(a)
        if name == "log":
            if self.checked and a < LOG_MARGIN:
                raise Reject("log of a small argument")
            return m.log(a)
        if name == "tanh":
            return m.tanh(a)
        if name == "sin":
            return m.sin(a)
        if name == "sigmoid":
            return 1 / (1 + m.exp(-a))
        if name == "softplus":
            return m.log(1 + m.exp(a))
        if name == "pow2":
            return a ** 2
        if name == "neg":
            return -a
        raise AssertionError(name)


def bcast(x, shape):
    rows, cols = len(x), len(x[0])
    m, n = shape
    return [[x[i if rows > 1 else 0][j if cols > 1 else 0] for j in range(n)] for i in range(m)]


def evaluate(node, env, lib, memo):
    """The node's value: a list of rows (a scalar is [[x]])."""
    key = id(node)
    if key in memo:
        return memo[key]
    op, shape = node.op, node.shape
    m, n = shape
    if op == "var":
        v = env[node.arg]
    elif op == "const":
        q = node.arg[0]
        v = [[lib.mod.mpf(q.numerator) / q.denominator if lib.mod is mpmath else sp.Rational(q.numerator,
                                                                                              q.denominator)]]
    else:
        args = [evaluate(k, env, lib, memo) for k in node.kids]
        if op == "unary":
            v = [[lib.fn(node.arg, x) for x in row] for row in args[0]]
        elif op in ("add", "sub", "div", "hadamard", "scale"):
            a, b = bcast(args[0], shape), bcast(args[1], shape)
            if op == "div" and lib.checked and min(min(r) for r in b) < LOG_MARGIN:
                raise Reject("small denominator")
            f = {"add": lambda x, y: x + y, "sub": lambda x, y: x - y, "div": lambda x, y: x / y,
                 "hadamard": lambda x, y: x * y, "scale": lambda x, y: x * y}[op]
            v = [[f(a[i][j], b[i][j]) for j in range(n)] for i in range(m)]
        elif op == "matmul":
            a, b = args
            v = [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]
        elif op == "dot":
            a, b = args
            v = [[sum(a[i][0] * b[i][0] for i in range(len(a)))]]
        elif op == "transpose":
            a = args[0]
            v = [[a[i][j] for i in range(len(a))] for j in range(len(a[0]))]
        elif op == "reduce":
            a = args[0]
            entries = [x for row in a for x in row]
            fn = node.arg
            if fn == "sum":
                v = [[sum(entries)]]
            elif fn == "mean":
                v = [[sum(entries) / len(entries)]]
            elif fn == "squared_norm":
                v = [[sum(x * x for x in entries)]]
            elif fn == "trace":
                v = [[sum(a[i][i] for i in range(len(a)))]]
            elif fn == "colwise_sum":
                v = [[sum(a[i][j] for i in range(len(a))) for j in range(len(a[0]))]]
            elif fn == "rowwise_sum":
                v = [[sum(row)] for row in a]
            elif fn == "log_sum_exp":
                v = [[lib.fn("log", sum(lib.fn("exp", a[i][j]) for i in range(len(a)))) for j in range(len(a[0]))]]
            else:
                raise AssertionError(fn)
        else:
            raise AssertionError(op)
    if (len(v), len(v[0])) != shape:
        raise AssertionError(f"shape of {node.cpp()}: {len(v)} x {len(v[0])}, expected {shape}")
    if lib.checked:
        for row in v:
            for x in row:
                lib.check(x)
    memo[key] = v
    return v


def symbols_of(name):
    m, n = VARIABLES[name]
    if (m, n) == SCALAR:
        return [[sp.Symbol(name)]]
    return [[sp.Symbol(f"{name}_{i}_{j}") for j in range(n)] for i in range(m)]


def column_major(name, x):
    """The entries of variable `name`'s value x (list of rows), column by column."""
    m, n = VARIABLES[name]
    return [x[i][j] for j in range(n) for i in range(m)]


def draw_point(rng, names):
    env = {}
    for name in names:
        m, n = VARIABLES[name]
        env[name] = [[fractions.Fraction(rng.randint(-80, 80), 64) for _ in range(n)] for _ in range(m)]
    return env


def mp_env(env):
    return {k: [[mpmath.mpf(x.numerator) / x.denominator for x in row] for row in v] for k, v in env.items()}


def analyse(root, names, env):
    """Loss and gradient entries (column-major per variable) as mpf numbers, or Reject."""
    with mpmath.workdps(50):
        value_mp = evaluate(root, mp_env(env), Lib(mpmath, True), {})[0][0]
    sym_env = {n: symbols_of(n) for n in names}
    f = evaluate(root, sym_env, Lib(sp, False), {})[0][0]
    flat = [s for n in names for s in column_major(n, sym_env[n])]
    grads = [sp.diff(f, s) for s in flat]
    point = [x for n in names for x in column_major(n, env[n])]
    with mpmath.workdps(40):
        fn = sp.lambdify(flat, [f] + grads, modules="mpmath")
        args = [mpmath.mpf(x.numerator) / x.denominator for x in point]
        exact = fn(*args)
        if abs(exact[0] - value_mp) > 1e-25 * max(1, abs(value_mp)):
            raise AssertionError(f"SymPy and mpmath disagree on the value of {root.cpp()}")
        # conditioning: every input perturbed by a relative 2^-40
        prng = random.Random(repr(point))
        for _ in range(2):
            moved = fn(*[a * (1 + PERTURBATION * (2 * prng.random() - 1)) for a in args])
            for want, got in zip(exact, moved):
                if abs(got - want) > CONDITION_FACTOR * max(REL_TOL * abs(want), ABS_TOL):
                    raise Reject("ill-conditioned")
            for x in exact:
                if abs(x) > 1e8:
                    raise Reject("huge result")
    # cross-check every gradient entry against a central difference of the mpmath evaluator
    with mpmath.workdps(60):
        base = mp_env(env)
        h = mpmath.mpf(10) ** -25
        i = 0
        for n in names:
            m_, n_ = VARIABLES[n]
            for c in range(n_):
                for r in range(m_):
                    def at(delta):
                        moved = {k: [row[:] for row in v] for k, v in base.items()}
                        moved[n][r][c] += delta
                        return evaluate(root, moved, Lib(mpmath, False), {})[0][0]
                    fd = (at(h) - at(-h)) / (2 * h)
                    if abs(fd - exact[1 + i]) > 1e-20 * max(1, abs(fd)):
                        raise AssertionError(f"SymPy and finite differences disagree on {root.cpp()}, "
                                             f"d/d{n}[{r},{c}]: {exact[1 + i]} vs {fd}")
                    i += 1
    return [float(x) for x in exact]


def scalar_adjoint_meets_broadcast(node, linear=False):
    """A `+` or `-` that broadcasts an operand (a scalar, or a vector over a matrix) and
    whose adjoint is still the one number a sum, mean, colwise_sum or rowwise_sum passes
    down (only +, -, transpose, unary minus and scaling between them)."""
    if node.op in ("add", "sub") and linear and any(k.shape != node.shape for k in node.kids):
        return True
    if node.op == "reduce" and node.arg in ("sum", "mean", "colwise_sum", "rowwise_sum"):
        keep = True
    elif node.op in ("add", "sub", "transpose", "scale") or (node.op == "unary" and node.arg == "neg"):
        keep = linear
    else:
        keep = False
    return any(scalar_adjoint_meets_broadcast(k, keep) for k in node.kids)


def known_bug(node):
    return any(test(node) for test, _ in KNOWN_LIBRARY_BUGS.values()) or any(known_bug(k) for k in node.kids)


def cancels(node):
    """x - x somewhere (a variable could drop out of the loss): drawn again."""
    if node.op == "sub" and node.kids[0].cpp() == node.kids[1].cpp():
        return True
    return any(cancels(k) for k in node.kids)


def make_entry(job):
    seed, index = job
    rng = random.Random(f"{seed}:{index}")
    gen = Generator(rng)
    rejects = 0
    while True:
        root = gen.loss(rng.choice([2, 3, 3, 4]))
        names = sorted(root.variables(), key=lambda n: (VARIABLES[n] == SCALAR, n))
        if not any(VARIABLES[n] != SCALAR for n in names) or not 6 <= root.size() <= 26:
            continue
        if known_bug(root) or cancels(root):
            continue
        for _ in range(4):
            env = draw_point(rng, names)
            try:
                numbers = analyse(root, names, env)
            except Reject:
                rejects += 1
                continue
            return {"index": index, "root": root, "names": names, "env": env, "numbers": numbers,
                    "static": index % STATIC_EVERY == 0, "rejects": rejects}
        rejects += 1


# ----------------------------------------------------------------------------- C++

def cpp_number(v):
    if v == 0:
        return "0.0"
    text = f"{float(v):.17g}"
    if "e" not in text and "." not in text:
        text += ".0"
    return text


def declare(name, static):
    m, n = VARIABLES[name]
    if (m, n) == SCALAR:
        return f'leibniz::var<"{name}">'
    if n == 1:
        return f'leibniz::vec<"{name}", {m}>' if static else f'leibniz::vec<"{name}">'
    return f'leibniz::mat<"{name}", {m}, {n}>' if static else f'leibniz::mat<"{name}">'


def write_case(e, out):
    root, names, env, numbers = e["root"], e["names"], e["env"], e["numbers"]
    i = e["index"]
    ops = ", ".join(sorted(root.ops()))
    out.append("")
    out.append(f'TEST_CASE("matrix corpus {i:03d}: {", ".join(names)}; {ops}", "[matrix_corpus]") {{')
    params = ", ".join(f"auto {n}" for n in names)
    out.append(f"  const auto build = []({params}) {{ return {root.cpp()}; }};")
    # values and expected numbers
    for n in names:
        m, c = VARIABLES[n]
        entries = ", ".join(cpp_number(x) for x in column_major(n, env[n]))
        if (m, c) == SCALAR:
            out.append(f"  const double {n}_value = {entries};")
        else:
            out.append(f"  const std::array<double, {m * c}> {n}_value{{{entries}}};")
    out.append(f"  const double want_f = {cpp_number(numbers[0])};")
    k = 1
    for n in names:
        m, c = VARIABLES[n]
        entries = ", ".join(cpp_number(x) for x in numbers[k:k + m * c])
        out.append(f"  const std::array<double, {m * c}> want_{n}{{{entries}}};")
        k += m * c
    for static in ([False, True] if e["static"] else [False]):
        kind = "static" if static else "dynamic"
        out.append(f"  {{  // {kind} sizes")
        for n in names:
            out.append(f"    constexpr auto {n} = {declare(n, static)};")
        for n in names:
            m, c = VARIABLES[n]
            if (m, c) == SCALAR:
                continue
            fn = f"fixed<{m}, {c}>" if static else f"dynamic<{m}, {c}>"
            out.append(f"    const auto {n}_bound = {fn}({n}_value);")
        bindings = ", ".join(f"{n} = {n}_value" if VARIABLES[n] == SCALAR else f"{n} = {n}_bound" for n in names)
        where = f"#{i:03d} on {kind} sizes"
        out.append(f"    const auto L = build({', '.join(names)});")
        out.append(f'    check_value(L({bindings}), want_f, "{where}", "L");')
        out.append(f"    const auto g = leibniz::gradient(L, {', '.join(names)})({bindings});")
        for n in names:
            m, c = VARIABLES[n]
            if (m, c) == SCALAR:
                out.append(f'    check_value(g[{n}], want_{n}[0], "{where}", "gradient[{n}]");')
            else:
                out.append(f'    check_matrix<{m}, {c}, {"true" if static else "false"}>(g[{n}], want_{n}, '
                           f'"{where}", "gradient[{n}]");')
        out.append("  }")
    out.append("}")


HEADER = """\
// Generated by tools/matrix_corpus.py (seed {seed}); do not edit: regenerate with
//   /usr/bin/python3 tools/matrix_corpus.py {options} --out tests/unit
//
// A random matrix-expression oracle, part {part} of {files}: each TEST_CASE builds one
// random expression of scalar, vector and matrix variables (2 x 3, 3 x 3, vectors of 2
// and 3), reduced to a scalar loss, and checks its value and its gradient by every
// variable, entry by entry, against SymPy {sympy} on explicit matrices of symbols (30
// digits, cross-checked with mpmath), to 1e-9 relative (1e-12 absolute near zero): on
// dynamic sizes, and for every third expression on static sizes too. See the generator's
// docstring for the expressions and how points are chosen.
"""

PRELUDE = """\
// Generated by tools/matrix_corpus.py; do not edit: regenerate with the generator (see
// the header of any tests/unit/test_matrix_corpus_*.cpp). The helpers of its parts.
#pragma once

#include <array>
#include <cstddef>

#include <Eigen/Core>

#include <catch2/catch.hpp>

#include <leibniz/leibniz.hpp>

namespace {

using namespace leibniz::literals;
using leibniz::c;

void check_value(double got, double want, const char* where, const char* what) {
  INFO(where << ": " << what);
  CHECK(got == Approx(want).epsilon(@REL@).margin(@ABS@));
}

// A value bound to a dynamic-size variable: Eigen::MatrixXd, or VectorXd for a column.
template <int Rows, int Cols>
auto dynamic(const std::array<double, Rows * Cols>& entries) {
  using M = std::conditional_t<Cols == 1, Eigen::VectorXd, Eigen::MatrixXd>;
  M m(Rows, Cols);
  for (int k = 0; k < Rows * Cols; ++k) m(k % Rows, k / Rows) = entries[std::size_t(k)];
  return m;
}

// A value bound to a static-size variable: a fixed-size Eigen matrix.
template <int Rows, int Cols>
Eigen::Matrix<double, Rows, Cols> fixed(const std::array<double, Rows * Cols>& entries) {
  Eigen::Matrix<double, Rows, Cols> m;
  for (int k = 0; k < Rows * Cols; ++k) m(k % Rows, k / Rows) = entries[std::size_t(k)];
  return m;
}

// A gradient by a vector or matrix variable: its sizes (static ones in the type where
// the variable's are static) and every entry, column by column.
template <int Rows, int Cols, bool Static, class M>
void check_matrix(const M& got, const std::array<double, Rows * Cols>& want, const char* where, const char* what) {
  INFO(where << ": " << what);
  if constexpr (Static) {
    CHECK(int(M::RowsAtCompileTime) == Rows);
    CHECK(int(M::ColsAtCompileTime) == Cols);
  }
  REQUIRE(got.rows() == Rows);
  REQUIRE(got.cols() == Cols);
  for (int k = 0; k < Rows * Cols; ++k) {
    INFO("entry [" << k % Rows << "," << k / Rows << "]");
    CHECK(got(k % Rows, k / Rows) == Approx(want[std::size_t(k)]).epsilon(@REL@).margin(@ABS@));
  }
}

}  // namespace
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--out", default="tests/unit")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    work = [(args.seed, i) for i in range(args.count)]
    if args.jobs > 1:
        with multiprocessing.Pool(args.jobs) as pool:
            entries = list(pool.imap(make_entry, work, chunksize=1))
    else:
        entries = [make_entry(w) for w in work]
    options = f"--count {args.count} --files {args.files}"
    if args.seed != DEFAULT_SEED:
        options += f" --seed {args.seed}"
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "matrix_corpus.hpp"), "w") as fh:
        fh.write(PRELUDE.replace("@REL@", repr(REL_TOL)).replace("@ABS@", repr(ABS_TOL)))
    # contiguous blocks, balanced by (1 + static) instantiations
    costs = [2 if e["static"] else 1 for e in entries]
    total = sum(costs)
    parts = [[] for _ in range(args.files)]
    acc = 0
    for e, c_ in zip(entries, costs):
        k = min(args.files - 1, acc * args.files // total)
        parts[k].append(e)
        acc += c_
    for part, chunk in enumerate(parts):
        out = [HEADER.format(seed=args.seed, options=options, files=args.files, part=part, sympy=sp.__version__)
               + '#include "matrix_corpus.hpp"']
        for e in chunk:
            write_case(e, out)
        with open(os.path.join(args.out, f"test_matrix_corpus_{part}.cpp"), "w") as fh:
            fh.write("\n".join(out) + "\n")
    rejects = sum(e["rejects"] for e in entries)
    print(f"{len(entries)} expressions ({sum(e['static'] for e in entries)} also on static sizes), "
          f"{rejects} points rejected, {args.files} files in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
