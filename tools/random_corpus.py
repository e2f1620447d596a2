#!/usr/bin/env python3
"""An independent correctness oracle for leibniz: random expressions checked against SymPy.

Builds COUNT random expressions over the variables x, y, z from every function leibniz
offers (exp log sqrt sin cos tan asin acos atan sinh cosh tanh pow abs log1p expm1
sigmoid softplus relu max min square, + - * /, unary -, exact constants such as 2_c,
c<1, 3>, -2_c, 1.5_c and leibniz::pi, functions of exact constants such as acos(1_c),
runtime constants such as 0.75 or 3), of depth 2 to 5. For each it picks two evaluation
points (three with several variables, see below) where the expression is well defined
and well conditioned, computes with SymPy
(an engine independent of leibniz) the value, every first partial and every second
partial (both orders of the mixed ones) to 30 digits, and writes Catch2 tests that build
the same expression in leibniz syntax and check, against those same numbers, to 1e-9
relative (1e-12 absolute near 0):
  * at each point, on scalars: f (also with the bindings in reverse order), d(f, v) and
    d(f, v, w); leibniz::gradient(f, vars...) (reverse mode) and
    leibniz::gradient<leibniz::forward>(f, vars...), every entry g[v]; and
    leibniz::hessian(f, vars...), every entry H[v][w] (both orders of the mixed ones,
    each against SymPy's d(f, v, w));
  * on Eigen arrays of 19 elements (not a multiple of 2, 4, 8 or 16, so that the SIMD
    main loop and the tail both run), the two points alternately: f(x = X, ...), the
    gradient (read as g[v], and written into existing arrays by leibniz::tie) and the
    Hessian, every element against its own point's numbers;
  * with two or three variables, a third point, drawn after the two, that shares one
    coordinate with the first: it is checked on scalars as above, and on arrays with the
    shared variable bound as a scalar (broadcast) and the others alternating the first
    and third points.
The array checks run through small helper templates (check_gradient, check_hessian,
check_arrays) in tests/unit/random_corpus.hpp, which the generator also writes and every
part includes, so each expression adds little code.

The shapes are chosen to reach the simplifier's corners: shared subtrees (a DAG),
pow with exact integer, exact rational, runtime and expression exponents and constant
bases, flat chains a + b - c ... and a * b / c ... mixing both kinds of constants and
repeated operands, k1 * u + k2 * u with runtime k1, k2 (must give (k1 + k2) u), and
"siblings" u op u' where u' is u with other runtime constants (one type, two values:
nodes holding runtime constants must never be merged by type).

    /usr/bin/python3 tools/random_corpus.py --count 100 --files 10 --out tests/unit

writes tests/unit/test_random_corpus_0.cpp ... _9.cpp (registered in tests/meson.build,
random_corpus_parts; the suite builds them at -O0, see there). 100 expressions keep CI
within its time; --count 240 --files 40 (the same first 100, and 140 more) passes too
and is the size to hunt with (expressions are spread over the files by estimated
compile time; part 0 holds expression 000, whose d(f, x, x) is slow to compile on its
own). The output
depends only on the options other than --jobs and --out (expression i has its own
random stream, so the corpus is the same with any --jobs and any PYTHONHASHSEED).
--stats prints why candidates were turned down; --max-depth and --max-size make larger
expressions, for hunting bugs outside the committed corpus.

How an expression is made safe to check, so that a failing check means leibniz is wrong:
  * domains are guarded by construction most of the time (log(1 + u^2), log(exp(u) + 1),
    asin(0.9 * (2 sigmoid(u) - 1)), a / (2 + sin(u)), ...) and always checked at the
    points with a margin (log/sqrt/fractional powers of >= 0.05, denominators and
    negative powers of |.| >= 0.05, asin/acos of |.| <= 0.95, tan where |cos| >= 0.1,
    exp/sinh/cosh/expm1 of |.| <= 20, every subexpression |.| <= 1e8);
  * kinks are avoided: abs, relu of |u| >= 1e-3 and max, min of |a - b| >= 1e-3 at the
    points, and SymPy sees the branch taken there (abs(u) -> +-u, max(a, b) -> a or b);
  * values and derivatives above 1e12 in magnitude are skipped;
  * ill-conditioned results are skipped: each derivative formula (as SymPy writes it) is
    evaluated with every operation's result perturbed by a relative 2^-40; if that moves
    the result by more than 8 times the test tolerance (an amplification of rounding
    errors above about 1e4), the point is rejected;
  * the 30-digit SymPy number is cross-checked against an independent mpmath evaluation.

Expected numbers are printed with 17 significant digits (they round-trip exactly).
"""

import argparse
import collections
import fractions
import multiprocessing
import os
import random
import re
import sys

import mpmath
import sympy as sp

DEFAULT_SEED = 20240601
VARIABLES = ("x", "y", "z")

# Expressions that expose a genuine leibniz bug are kept out of the committed corpus
# (so the tests pass) and reported instead: {(seed, index): "what is wrong"}. The corpus
# then takes the next index, so the others stay as they are. Delete the line once the
# bug is fixed.
KNOWN_LIBRARY_BUGS = {
}

REL_TOL = 1e-9
ABS_TOL = 1e-12
PERTURBATION = 2.0 ** -40      # relative perturbation of each operation in the conditioning test
CONDITION_FACTOR = 8.0         # spread allowed, in units of the tolerance (see the docstring)
HUGE = 1e12                    # values or derivatives larger than this are skipped
NODE_LIMIT = 1e8               # every subexpression must stay below this at the points
KINK_MARGIN = 1e-3
DOMAIN_MARGIN = 0.05
ARRAY_LENGTH = 19              # elements of the arrays in the generated tests (see PRELUDE_HEADER)
POINT_STEP = 64                # points are multiples of 1/64 in [-2, 2]: exact in double


class Reject(Exception):
    """The expression (or point) is not a fair test; draw another."""


# ----------------------------------------------------------------------------- nodes

UNARY = ("exp", "log", "sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh",
         "tanh", "abs", "log1p", "expm1", "sigmoid", "softplus", "relu", "square")
BINARY_OPS = {"add": "+", "sub": "-", "mul": "*", "div": "/"}


class Node:
    """One node of a generated expression. Nodes may be shared (a DAG)."""

    __slots__ = ("op", "kids", "value", "text", "depth")

    def __init__(self, op, kids=(), value=None, text=None):
        self.op = op
        self.kids = tuple(kids)
        self.value = value      # Fraction for constants, variable name for variables
        self.text = text        # C++ spelling of constants
        self.depth = 0 if not self.kids else 1 + max(k.depth for k in self.kids)

    def is_constant(self):
        return self.op in ("exact", "runtime", "pi")

    def variables(self, out=None):
        out = set() if out is None else out
        if self.op == "var":
            out.add(self.value)
        for k in self.kids:
            k.variables(out)
        return out

    def size(self):
        return 1 + sum(k.size() for k in self.kids)

    def cpp(self):
        if self.op == "var":
            return self.value
        if self.is_constant():
            return self.text
        if self.op in BINARY_OPS:
            a, b = self.kids
            return f"({a.cpp()} {BINARY_OPS[self.op]} {b.cpp()})"
        if self.op == "chain":   # a + b - c ..., or a * b / c ..., left to right
            text = self.kids[0].cpp()
            for sym, k in zip(self.value, self.kids[1:]):
                text += f" {sym} {k.cpp()}"
            return f"({text})"
        if self.op == "neg":
            inner = self.kids[0].cpp()
            return f"-{inner}" if inner[0].isalpha() or inner[0] == "(" else f"-({inner})"
        if self.op in ("pow", "max", "min"):
            a, b = self.kids
            return f"{self.op}({a.cpp()}, {b.cpp()})"
        return f"{self.op}({self.kids[0].cpp()})"


def has_runtime(node):
    return node.op == "runtime" or any(has_runtime(k) for k in node.kids)


def var(name):
    return Node("var", value=name)


def exact(num, den=1, text=None):
    q = fractions.Fraction(num, den)
    if text is None:
        if q.denominator == 1:
            text = f"{q.numerator}_c" if q > 0 else f"c<{q.numerator}>"
        else:
            text = f"c<{q.numerator}, {q.denominator}>"
    return Node("exact", value=q, text=text)


def runtime(value, text=None):
    q = fractions.Fraction(value)
    if text is None:
        text = repr(float(value))
        if value < 0:
            text = f"({text})"
    return Node("runtime", value=q, text=text)


PI = Node("pi", value=None, text="leibniz::pi")


def un(op, a):
    return Node(op, (a,))


def bi(op, a, b):
    return Node(op, (a, b))


# ----------------------------------------------------------------------------- generator

class Generator:
    """Draws one random expression; all randomness comes from `rng`."""

    def __init__(self, rng, names):
        self.rng = rng
        self.names = names
        self.pool = []          # subtrees built so far, for sharing (a DAG)

    def chance(self, p):
        return self.rng.random() < p

    def keep(self, node):
        if node.depth >= 1:
            self.pool.append(node)
        return node

    # ------------------------------------------------------------------ constants
    def exact_constant(self):
        r = self.rng.random()
        if r < 0.04:
            return exact(self.rng.choice([0, 1]))
        if r < 0.16:
            return self.constant_expression()
        r = self.rng.random()
        if r < 0.35:
            return exact(self.rng.choice([2, 3, 4, 5]))
        if r < 0.5:
            n = self.rng.choice([1, 2, 3])
            return exact(-n, 1, self.rng.choice([f"c<{-n}>", f"-{n}_c"]))
        if r < 0.8:
            q = fractions.Fraction(self.rng.choice([1, 2, 3, 5, -1, -2]), self.rng.choice([2, 3, 4, 5, 7]))
            return exact(q.numerator, q.denominator)
        if r < 0.95:
            text, q = self.rng.choice([("1.5_c", fractions.Fraction(3, 2)), ("0.25_c", fractions.Fraction(1, 4)),
                                       ("2.5_c", fractions.Fraction(5, 2)), ("0.2_c", fractions.Fraction(1, 5))])
            return exact(q.numerator, q.denominator, text)
        return PI

    def constant_expression(self):
        """A function of exact constants (what leibniz folds exactly, or keeps as a node)."""
        rng = self.rng
        r = rng.random()
        if r < 0.2:
            return bi(rng.choice(["max", "min"]), exact(*rng.choice([(1, 2), (-1, 3), (2, 1)])),
                      exact(*rng.choice([(1, 3), (-3, 2), (5, 4)])))
        if r < 0.35:
            return bi("pow", exact(*rng.choice([(4, 1), (2, 1), (1, 4), (9, 4), (3, 1)])),
                      exact(*rng.choice([(1, 2), (-1, 2), (2, 1), (-2, 1), (1, 3), (3, 2)])))
        fn, args = rng.choice([
            ("exp", [(0, 1), (1, 2), (-1, 1)]), ("log", [(1, 1), (2, 1), (1, 3)]), ("sqrt", [(4, 1), (2, 1), (1, 4)]),
            ("sin", [(0, 1), (1, 2)]), ("cos", [(0, 1), (-1, 3)]), ("tan", [(0, 1), (1, 4)]),
            ("asin", [(0, 1), (1, 2)]), ("acos", [(1, 1), (0, 1), (-1, 2)]), ("atan", [(0, 1), (1, 1)]),
            ("sinh", [(0, 1), (1, 2)]), ("cosh", [(0, 1), (-1, 1)]), ("tanh", [(0, 1), (2, 1)]),
            ("abs", [(-3, 2), (2, 3)]), ("log1p", [(0, 1), (1, 2)]), ("expm1", [(0, 1), (-1, 4)]),
            ("sigmoid", [(0, 1), (1, 1)]), ("softplus", [(0, 1), (-2, 1)]), ("relu", [(-1, 2), (3, 2)]),
            ("square", [(-3, 2), (0, 1)])])
        return un(fn, exact(*rng.choice(args)))

    def runtime_constant(self):
        if self.chance(0.1):
            n = self.rng.choice([2, 3, 4])
            return runtime(n, str(n))          # an integer, held as double
        while True:
            v = self.rng.randint(-24, 24) / 8
            if v != 0 and v != int(v):
                return runtime(v)

    def constant(self):
        return self.exact_constant() if self.chance(0.55) else self.runtime_constant()

    # ------------------------------------------------------------------ expressions
    def leaf(self):
        return var(self.rng.choice(self.names))

    def any_depth(self, d):
        """A subexpression of depth at most d (shallower ones are likelier)."""
        if self.pool and self.chance(0.12):
            fits = [n for n in self.pool if n.depth <= d]
            if fits:
                return self.rng.choice(fits)
        return self.expr(self.rng.randint(0, d))

    def expr(self, d):
        """A random expression of depth exactly d (d == 0 is a variable)."""
        if d <= 0:
            return self.leaf()
        kinds = ["binary", "unary", "pow", "maxmin", "neg", "twin", "chain", "sibling"]
        weights = [30, 40, 9, 6, 2, 3 if d >= 2 else 0, 6, 3 if d >= 2 else 0]
        kind = self.rng.choices(kinds, weights)[0]
        if kind == "binary":
            return self.keep(self.binary(d))
        if kind == "unary":
            return self.keep(self.unary(d))
        if kind == "pow":
            return self.keep(self.power(d))
        if kind == "maxmin":
            a = self.expr(d - 1)
            b = self.constant() if self.chance(0.3) else self.any_depth(d - 1)
            if self.chance(0.5):
                a, b = b, a
            return self.keep(bi(self.rng.choice(["max", "min"]), a, b))
        if kind == "neg":
            return self.keep(un("neg", self.expr(d - 1)))
        if kind == "chain":
            return self.keep(self.chain(d))
        if kind == "sibling":
            for _ in range(5):
                u = self.expr(d - 1)
                if has_runtime(u):
                    # the same shape twice with other runtime constants: one type, two values
                    op = self.rng.choice(["add", "sub", "mul", "div", "max", "min"])
                    return self.keep(bi(op, u, self.respell(u, {})))
        # twin: one subtree scaled by two runtime constants, k1 u + k2 u (DESIGN: must be 5u for 2u + 3u)
        u = self.expr(d - 2)
        k1, k2 = self.runtime_constant(), self.runtime_constant()
        left = bi("mul", k1, u) if self.chance(0.5) else bi("mul", u, k1)
        right = bi("mul", k2, u) if self.chance(0.5) else bi("mul", u, k2)
        return self.keep(bi(self.rng.choice(["add", "sub"]), left, right))

    def chain(self, d):
        """a + b - c + ... or a * b / c * ...: several operands mixing both kinds of
        constants and repeated subexpressions (flattening, folding, collecting)."""
        additive = self.chance(0.5)
        n = self.rng.randint(3, 5)
        kids = [self.expr(d - 1)]
        while len(kids) < n:
            r = self.rng.random()
            if r < 0.35:
                k = self.constant()
                if k.op == "runtime" and k.text.isdigit():
                    k = runtime(float(k.value))   # C++ would divide two int literals as integers
                kids.append(k)
            elif r < 0.6:
                kids.append(self.rng.choice(kids))
            else:
                kids.append(self.any_depth(d - 1))
        self.rng.shuffle(kids)
        if additive:
            ops = [self.rng.choice("++-") for _ in kids[1:]]
        else:
            ops = [self.rng.choice("**/") for _ in kids[1:]]
        return Node("chain", kids, value=tuple(ops))

    def respell(self, node, memo):
        """A copy of `node` with new values for its runtime constants."""
        if id(node) not in memo:
            if node.op == "runtime":
                k = self.runtime_constant()
                while k.text.isdigit():   # keep int literals out (3 / 2 in a chain is integer division)
                    k = self.runtime_constant()
                memo[id(node)] = k
            elif node.kids:
                memo[id(node)] = Node(node.op, [self.respell(k, memo) for k in node.kids], node.value, node.text)
            else:
                memo[id(node)] = node
        return memo[id(node)]

    def binary(self, d):
        op = self.rng.choice(["add", "add", "sub", "mul", "mul", "div"])
        main = self.expr(d - 1)
        other = self.constant() if self.chance(0.25) else self.any_depth(d - 1)
        if op == "div" and self.chance(0.6):
            # numerator main or other; a guarded denominator
            den_depth = d - 1
            den = self.guarded("nonzero", den_depth)
            num = main if self.chance(0.5) else other
            return bi("div", num, den)
        if self.chance(0.5):
            main, other = other, main
        return bi(op, main, other)

    def unary(self, d):
        fn = self.rng.choice(UNARY)
        domain = {"log": "positive", "sqrt": "positive", "asin": "unit", "acos": "unit", "tan": "tan",
                  "log1p": "above_minus_one", "exp": "bounded", "expm1": "bounded", "sinh": "bounded",
                  "cosh": "bounded"}.get(fn, "any")
        return un(fn, self.guarded(domain, d - 1))

    def power(self, d):
        r = self.rng.random()
        if r < 0.45:   # exact integer exponent
            n = self.rng.choice([2, 3, 4, -1, -2, -3])
            base = self.guarded("nonzero" if n < 0 else "any", d - 1)
            e = exact(n, 1, self.rng.choice([f"{n}_c" if n > 0 else f"c<{n}>", f"c<{n}>"]))
            return bi("pow", base, e)
        if r < 0.8:    # exact rational exponent
            q = self.rng.choice([(1, 2), (3, 2), (1, 3), (2, 3), (-1, 2), (5, 2), (-1, 3), (1, 4), (3, 4), (-2, 5)])
            return bi("pow", self.guarded("positive", d - 1), exact(*q))
        if r < 0.86:   # runtime exponent
            v = self.rng.choice([0.75, 1.5, 2.5, -0.5, 2.0, 3.0, -1.0])
            base = self.guarded("any" if v in (2.0, 3.0) else "nonzero" if v == -1.0 else "positive", d - 1)
            return bi("pow", base, runtime(v))
        if r < 0.93:   # a constant base
            base = exact(*self.rng.choice([(2, 1), (1, 2), (3, 1)])) if self.chance(0.5) else \
                runtime(self.rng.choice([1.5, 0.75, 2.5]))
            return bi("pow", base, self.guarded("bounded", d - 1))
        # an exponent that is itself an expression
        e = self.leaf() if d < 2 or self.chance(0.5) else bi("mul", self.runtime_constant(), self.leaf())
        return bi("pow", self.guarded("positive", d - 1), e)

    def guarded(self, domain, d):
        """An expression of depth d, built so that it is usually inside `domain`. The
        point check enforces the domain in every case."""
        rng = self.rng
        if domain in ("any", "bounded") or d <= 0 or self.chance(0.3):
            return self.expr(d)
        if domain in ("positive", "nonzero", "above_minus_one"):
            forms = ["exp", "cosh", "sigmoid", "softplus"]
            if d >= 2:
                forms += ["one_plus_square", "exp_plus_one", "two_plus_sin"]
            form = rng.choice(forms)
            if form in ("exp", "cosh", "sigmoid", "softplus"):
                return un(form, self.expr(d - 1))
            u = self.expr(d - 2)
            if form == "one_plus_square":
                return bi("add", exact(1), un("square", u))
            if form == "exp_plus_one":
                return bi("add", un("exp", u), exact(1))
            return bi("add", exact(2), un("sin", u))
        if domain == "unit":
            if d >= 4 and self.chance(0.5):
                # 0.9 * (2 sigmoid(u) - 1), as the brief spells it
                u = self.expr(d - 4)
                return bi("mul", runtime(0.9), bi("sub", bi("mul", exact(2), un("sigmoid", u)), exact(1)))
            if d >= 2:
                u = self.expr(d - 2)
                inner = un(rng.choice(["tanh", "sin", "cos", "sigmoid"]), u)
                k = runtime(0.9) if self.chance(0.5) else exact(1, 2)
                return bi("mul", k, inner) if self.chance(0.5) else bi("mul", inner, k)
            return self.expr(d)
        if domain == "tan":
            if d >= 2:
                u = self.expr(d - 2)
                return bi("mul", exact(1, 2), un(rng.choice(["sin", "cos", "tanh", "atan"]), u))
            return self.expr(d)
        raise AssertionError(domain)


# ----------------------------------------------------------------------------- checking at a point

def apply_operator(sym, a, b):
    if sym == "+":
        return a + b
    if sym == "-":
        return a - b
    if sym == "*":
        return a * b
    return a / b


def mp_eval(node, env, memo, branch):
    """The value of `node` at `env` in mpmath (high precision), checking domains and
    kinks; records the branch of every abs, relu, max, min in `branch`."""
    key = id(node)
    if key in memo:
        return memo[key]
    op = node.op
    if op == "var":
        v = env[node.value]
    elif op in ("exact", "runtime"):
        v = mpmath.mpf(node.value.numerator) / node.value.denominator
    elif op == "pi":
        v = +mpmath.pi
    else:
        args = [mp_eval(k, env, memo, branch) for k in node.kids]
        a = args[0]
        b = args[1] if len(args) > 1 else None
        if op == "add":
            v = a + b
        elif op == "sub":
            v = a - b
        elif op == "mul":
            v = a * b
        elif op == "div":
            if abs(b) < DOMAIN_MARGIN:
                raise Reject("denominator near 0")
            v = a / b
        elif op == "neg":
            v = -a
        elif op == "chain":
            v = args[0]
            for sym, w in zip(node.value, args[1:]):
                if sym == "/" and abs(w) < DOMAIN_MARGIN:
                    raise Reject("denominator near 0")
                v = apply_operator(sym, v, w)
        elif op in ("exp", "expm1", "sinh", "cosh"):
            if abs(a) > 20:
                raise Reject(f"{op} of a large argument")
            v = {"exp": mpmath.exp, "expm1": mpmath.expm1, "sinh": mpmath.sinh, "cosh": mpmath.cosh}[op](a)
        elif op in ("log", "sqrt"):
            if a < DOMAIN_MARGIN:
                raise Reject(f"{op} of a small argument")
            v = mpmath.log(a) if op == "log" else mpmath.sqrt(a)
        elif op in ("asin", "acos"):
            if abs(a) > 0.95:
                raise Reject(f"{op} near +-1")
            v = mpmath.asin(a) if op == "asin" else mpmath.acos(a)
        elif op == "tan":
            if abs(mpmath.cos(a)) < 0.1:
                raise Reject("tan near a pole")
            v = mpmath.tan(a)
        elif op == "log1p":
            if a < -1 + DOMAIN_MARGIN:
                raise Reject("log1p near -1")
            v = mpmath.log1p(a)
        elif op in ("sin", "cos", "atan", "tanh"):
            v = getattr(mpmath, op)(a)
        elif op == "sigmoid":
            v = 1 / (1 + mpmath.exp(-a))
        elif op == "softplus":
            v = mpmath.log1p(mpmath.exp(a))
        elif op == "square":
            v = a * a
        elif op in ("abs", "relu"):
            if abs(a) < KINK_MARGIN:
                raise Reject(f"{op} near its kink")
            branch[key] = a > 0
            v = abs(a) if op == "abs" else (a if a > 0 else mpmath.mpf(0))
        elif op in ("max", "min"):
            # max(u, u) is u exactly (ties go to the first argument), so a tie of a subexpression
            # with itself is fine
            if abs(a - b) < KINK_MARGIN and node.kids[0].cpp() != node.kids[1].cpp():
                raise Reject(f"{op} near a tie")
            first = (a >= b) if op == "max" else (a <= b)
            branch[key] = first
            v = a if first else b
        elif op == "pow":
            e_node = node.kids[1]
            integer_exponent = e_node.op in ("exact", "runtime") and e_node.value.denominator == 1
            if integer_exponent:
                if b < 0 and abs(a) < DOMAIN_MARGIN:
                    raise Reject("negative power near 0")
                v = a ** int(e_node.value)
            else:
                if a < DOMAIN_MARGIN:
                    raise Reject("fractional power of a small base")
                if abs(b * mpmath.log(a)) > 20:
                    raise Reject("power too large")
                v = mpmath.power(a, b)
        else:
            raise AssertionError(op)
    if abs(v) > NODE_LIMIT:
        raise Reject("subexpression too large")
    memo[key] = v
    return v


SYMBOLS = {n: sp.Symbol(n) for n in VARIABLES}


def to_sympy(node, branch, memo):
    """The SymPy expression of `node` with every kink resolved to the branch taken at
    the point. sigmoid, softplus, log1p, expm1 in their textbook definitions."""
    key = id(node)
    if key in memo:
        return memo[key]
    op = node.op
    if op == "var":
        s = SYMBOLS[node.value]
    elif op in ("exact", "runtime"):
        s = sp.Rational(node.value.numerator, node.value.denominator)
    elif op == "pi":
        s = sp.pi
    else:
        args = [to_sympy(k, branch, memo) for k in node.kids]
        a = args[0]
        b = args[1] if len(args) > 1 else None
        if op == "add":
            s = a + b
        elif op == "sub":
            s = a - b
        elif op == "mul":
            s = a * b
        elif op == "div":
            s = a / b
        elif op == "neg":
            s = -a
        elif op == "chain":
            s = args[0]
            for sym, w in zip(node.value, args[1:]):
                s = apply_operator(sym, s, w)
        elif op == "pow":
            s = a ** b
        elif op == "square":
            s = a ** 2
        elif op == "abs":
            s = a if branch[key] else -a
        elif op == "relu":
            s = a if branch[key] else sp.Integer(0)
        elif op in ("max", "min"):
            s = a if branch[key] else b
        elif op == "log1p":
            s = sp.log(1 + a)
        elif op == "expm1":
            s = sp.exp(a) - 1
        elif op == "sigmoid":
            s = 1 / (1 + sp.exp(-a))
        elif op == "softplus":
            s = sp.log(1 + sp.exp(a))
        else:
            s = getattr(sp, op)(a)   # exp log sqrt sin cos tan asin acos atan sinh cosh tanh
    memo[key] = s
    return s


class Unsupported(Exception):
    pass


def perturbed_eval(expr, env, rng, delta, memo):
    """Evaluate a SymPy expression in mpmath, each operation's result multiplied by
    (1 + delta * r) with r uniform in [-1, 1]: a model of double rounding. exp(a) - 1 and
    log(1 + a) count as one operation (leibniz evaluates expm1, log1p, softplus so)."""
    if expr in memo:
        return memo[expr]

    def rnd(v):
        return v * (1 + delta * (2 * rng.random() - 1))

    if expr.is_Symbol:
        v = env[expr.name]
    elif expr.is_Integer:
        v = mpmath.mpf(int(expr))
    elif expr.is_Rational:
        v = rnd(mpmath.mpf(expr.p) / expr.q)
    elif expr is sp.pi:
        v = rnd(+mpmath.pi)
    elif expr.is_Add:
        args = expr.args
        exps = [t for t in args if t.func == sp.exp]
        if len(args) == 2 and sp.Integer(-1) in args and exps:
            v = rnd(mpmath.expm1(perturbed_eval(exps[0].args[0], env, rng, delta, memo)))
        else:
            v = None
            for t in args:
                tv = perturbed_eval(t, env, rng, delta, memo)
                v = tv if v is None else rnd(v + tv)
    elif expr.is_Mul:
        v = None
        for t in expr.args:
            tv = perturbed_eval(t, env, rng, delta, memo)
            v = tv if v is None else rnd(v * tv)
    elif expr.is_Pow:
        base, e = expr.args
        bv = perturbed_eval(base, env, rng, delta, memo)
        if e.is_Integer:
            v = rnd(bv ** int(e))
        else:
            v = rnd(mpmath.power(bv, perturbed_eval(e, env, rng, delta, memo)))
    elif expr.func == sp.log and expr.args[0].is_Add and sp.Integer(1) in expr.args[0].args:
        rest = expr.args[0] - 1
        v = rnd(mpmath.log1p(perturbed_eval(rest, env, rng, delta, memo)))
    elif expr.func in FUNCS:
        v = rnd(FUNCS[expr.func](perturbed_eval(expr.args[0], env, rng, delta, memo)))
    else:
        raise Unsupported(str(expr.func))
    memo[expr] = v
    return v


FUNCS = {sp.exp: mpmath.exp, sp.log: mpmath.log, sp.sin: mpmath.sin, sp.cos: mpmath.cos, sp.tan: mpmath.tan,
         sp.asin: mpmath.asin, sp.acos: mpmath.acos, sp.atan: mpmath.atan, sp.sinh: mpmath.sinh,
         sp.cosh: mpmath.cosh, sp.tanh: mpmath.tanh}


def quantities(names):
    """What is checked: f, d(f, v) for each v, d(f, v, w) for each ordered pair."""
    out = [()]
    out += [(v,) for v in names]
    out += [(v, w) for v in names for w in names]
    return out


def label(q):
    return "f" if not q else "d(f, " + ", ".join(q) + ")"


def analyse_point(root, names, env, rng, sym_cache):
    """SymPy values of every quantity at env, or Reject."""
    branch = {}
    mp_eval(root, env, {}, branch)
    signature = tuple(sorted(branch.items()))
    if signature not in sym_cache:
        f = to_sympy(root, branch, {})
        derivs = {(): f}
        for v in names:
            derivs[(v,)] = sp.diff(f, SYMBOLS[v])
        for v in names:
            for w in names:
                derivs[(v, w)] = sp.diff(derivs[(v,)], SYMBOLS[w])
        sym_cache[signature] = derivs
    derivs = sym_cache[signature]
    subs = {SYMBOLS[n]: sp.Rational(fractions.Fraction(float(env[n]))) for n in names}
    results = {}
    for q in quantities(names):
        e = derivs[q]
        value = e.evalf(30, subs=subs)
        if not value.is_real or not value.is_number:
            raise Reject(f"{label(q)} is not a real number: {value}")
        want = mpmath.mpf(value)
        # independent cross-check of SymPy's number
        try:
            check = perturbed_eval(e, env, rng, 0, {})
        except Unsupported as err:
            raise Reject(f"unsupported in the conditioning test: {err}")
        if abs(check - want) > 1e-20 * (1 + abs(want)):
            raise Reject(f"evalf and mpmath disagree on {label(q)}: {want} vs {check}")
        if abs(want) > HUGE:
            raise Reject(f"{label(q)} is huge")
        tol = REL_TOL * abs(want) + ABS_TOL
        for _ in range(3):
            t = perturbed_eval(e, env, rng, PERTURBATION, {})
            if abs(t - want) > CONDITION_FACTOR * tol:
                raise Reject(f"{label(q)} is ill-conditioned")
        results[q] = float(want)
    return results


# ----------------------------------------------------------------------------- one corpus entry

def make_entry(args):
    seed, index, max_depth, max_size = args
    rng = random.Random(f"leibniz-random-corpus:{seed}:{index}")
    mpmath.mp.dps = 50
    depth = rng.randint(2, max_depth)
    nvars = min(depth, rng.choices([1, 2, 3], [2, 4, 4])[0])
    names = sorted(rng.sample(VARIABLES, nvars))
    attempts = 0
    rejects = collections.Counter()   # why candidates were turned down (printed with --stats)
    while True:
        attempts += 1
        root = Generator(rng, names).expr(depth)
        used = sorted(root.variables())
        if root.size() > max_size or used != names:
            rejects["expression: too large, or a variable missing"] += 1
            continue
        points = []
        sym_cache = {}
        analysis_failures = 0
        for _ in range(400):
            env = {n: mpmath.mpf(rng.randint(-2 * POINT_STEP, 2 * POINT_STEP)) / POINT_STEP for n in used}
            if any(env == p[0] for p in points):
                continue
            try:
                mp_eval(root, env, {}, {})
            except Reject as err:
                rejects["point: " + str(err)] += 1
                continue
            except (ZeroDivisionError, ValueError, OverflowError) as err:
                rejects["point: " + type(err).__name__] += 1
                continue
            try:
                results = analyse_point(root, used, env, rng, sym_cache)
            except Reject as err:
                rejects["point: " + re.sub(r"(d\(f[^)]*\)|^f\b)", "q", str(err)).split(":")[0]] += 1
                analysis_failures += 1
                if analysis_failures > 6 or len(sym_cache) > 3:
                    break
                continue
            points.append((env, results))
            if len(points) == 2:
                break
        if len(points) == 2:
            # Drawn after the two points, so that they (and the expression) do not depend on it.
            shared = third_point(root, used, points[0][0], rng, sym_cache, rejects)
            return {"index": index, "names": used, "root": root, "cpp": root.cpp(), "depth": root.depth,
                    "points": points + ([shared[1]] if shared else []),
                    "broadcast": shared[0] if shared else None, "attempts": attempts, "rejects": rejects}
        rejects["expression: no two good points"] += 1


def third_point(root, used, first, rng, sym_cache, rejects):
    """A third good point that shares one coordinate with the first, (variable, (env,
    results)), or None: on arrays that variable is then bound as a scalar (broadcast) and
    the others alternate the first and third points. None for one variable (binding it as
    a scalar would leave no array)."""
    if len(used) < 2:
        return None
    for v in used:
        failures = 0
        for _ in range(120):
            env = {n: mpmath.mpf(rng.randint(-2 * POINT_STEP, 2 * POINT_STEP)) / POINT_STEP for n in used}
            env[v] = first[v]
            if env == first:
                continue
            try:
                mp_eval(root, env, {}, {})
            except (Reject, ZeroDivisionError, ValueError, OverflowError):
                continue
            try:
                results = analyse_point(root, used, env, rng, sym_cache)
            except Reject:
                failures += 1
                if failures > 12 or len(sym_cache) > 6:
                    break
                continue
            return v, (env, results)
    rejects["third point: none sharing a coordinate with the first (no broadcast check)"] += 1
    return None


# ----------------------------------------------------------------------------- C++ output

def cpp_number(v):
    if v == 0:
        return "0.0"
    text = f"{v:.17g}"
    if "e" not in text and "." not in text and "inf" not in text and "nan" not in text:
        text += ".0"
    return text


def cpp_point(env, names):
    return ", ".join(f"{n} = {cpp_number(float(env[n]))}" for n in names)


HEADER = """\
// Generated by tools/random_corpus.py (seed {seed}); do not edit: regenerate with
//   /usr/bin/python3 tools/random_corpus.py {options} --out tests/unit
//
// A random-expression oracle, part {part} of {files}: each TEST_CASE builds one random
// expression and checks it against numbers computed independently by SymPy {sympy}
// (30 digits), to 1e-9 relative (1e-12 absolute near zero), at two or three points:
//   * on scalars, at each point: f, every d(f, v) and every d(f, v, w) (both orders);
//     leibniz::gradient (reverse), leibniz::gradient<leibniz::forward> and
//     leibniz::hessian (every entry H[v][w], both orders of the mixed ones);
//   * on Eigen arrays of 19 elements (not a multiple of any SIMD width: the vectorised
//     main loop and the tail both run), the first two points alternately: f, the
//     gradient (read as g[v] and written by leibniz::tie) and the Hessian, every element
//     against its point's numbers;
//   * with two or three variables, a third point that shares one coordinate with the
//     first: that variable is bound as a scalar (broadcast) and the others to arrays
//     alternating the first and third points; the same checks.
// See the generator's docstring for how points are chosen (inside every domain, away
// from kinks, well conditioned).
"""

# The helpers every part uses, written once into tests/unit/random_corpus.hpp (also
# generated: the tolerances come from this file). Each part includes it; its unnamed
# namespace gives each translation unit its own copy, as the helpers had when they were
# repeated in every part.
PRELUDE_HEADER = """\
// Generated by tools/random_corpus.py; do not edit: regenerate with the generator (see
// the header of any tests/unit/test_random_corpus_*.cpp). The helpers of the random
// corpus's parts.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <tuple>

#include <Eigen/Core>

#include <catch2/catch.hpp>

#include <leibniz/leibniz.hpp>

namespace {

using namespace leibniz::literals;
using leibniz::c;

void check_close(double got, double want, const char* where, const char* what) {
  INFO(where << ": " << what);
  CHECK(got == Approx(want).epsilon(@REL@).margin(@ABS@));
}

// The helpers below take the expected numbers as check_at's `want` lists them: f, then
// d(f, v) for each variable v, then d(f, v, w) for each ordered pair (v, w), with the
// variables in the order they are passed. `even` and `odd` are two points' lists: a
// number is checked against `even`, element k of an array against `even` or `odd` by
// the parity of k.

// Not a multiple of any SIMD width (2, 4, 8, 16): the main loop and the tail both run.
constexpr Eigen::Index array_length = 19;

// a, b, a, b, ...: the coordinates of two points, alternately.
Eigen::ArrayXd alternate(double a, double b) {
  Eigen::ArrayXd out(array_length);
  for (Eigen::Index k = 0; k < array_length; ++k) out[k] = k % 2 == 0 ? a : b;
  return out;
}

template <class... Vs>
std::string entry_name(const char* what, Vs...) {
  return (std::string(what) + ... + ("[" + std::string(Vs::name.view()) + "]"));
}

void check_entry(double got, double even, double, const char* where, const std::string& what) {
  check_close(got, even, where, what.c_str());
}

void check_entry(const Eigen::ArrayXd& got, double even, double odd, const char* where, const std::string& what) {
  INFO(where << ": " << what);
  CHECK(got.size() == array_length);
  for (Eigen::Index k = 0; k < got.size(); ++k) {
    INFO("element " << k);
    CHECK(got[k] == Approx(k % 2 == 0 ? even : odd).epsilon(@REL@).margin(@ABS@));
  }
}

// g[v] for each variable v (a gradient's values, or its pending array result).
template <class G, std::size_t N, class... Vs>
void check_gradient(const G& g, const std::array<double, N>& even, const std::array<double, N>& odd,
                    const char* where, const char* what, Vs... v) {
  std::size_t i = 1;
  ((check_entry(g[v], even[i], odd[i], where, entry_name(what, v)), ++i), ...);
}

// h[v][w] for every ordered pair: both orders of the mixed partials.
template <class H, std::size_t N, class... Vs>
void check_hessian(const H& h, const std::array<double, N>& even, const std::array<double, N>& odd,
                   const char* where, Vs... v) {
  std::size_t i = 1 + sizeof...(Vs);
  const auto row = [&](auto r) {
    ((check_entry(h[r][v], even[i], odd[i], where, entry_name("hessian", r, v)), ++i), ...);
  };
  (row(v), ...);
}

// f, the gradient and the Hessian evaluated on arrays; the gradient is also written into
// existing arrays by leibniz::tie (straight into their memory).
template <class F, class G, class H, std::size_t N, class... Vs>
void check_arrays(const F& fa, const G& g, const H& h, const std::array<double, N>& even,
                  const std::array<double, N>& odd, const char* where, Vs... v) {
  check_entry(fa, even[0], odd[0], where, "f");
  check_gradient(g, even, odd, where, "gradient", v...);
  std::array<Eigen::ArrayXd, sizeof...(Vs)> tied;
  std::apply([&](auto&... a) { leibniz::tie(a...) = g; }, tied);
  std::size_t i = 0;
  ((check_entry(tied[i], even[1 + i], odd[1 + i], where, entry_name("tie(gradient)", v)), ++i), ...);
  check_hessian(h, even, odd, where, v...);
}

}  // namespace
"""


def write_case(entry, out):
    names = entry["names"]
    idx = entry["index"]
    points = entry["points"]
    out.append("")
    out.append(f'TEST_CASE("random corpus {idx:03d}: depth {entry["depth"]}, {", ".join(names)}", "[random_corpus]") {{')
    for n in names:
        out.append(f'  constexpr auto {n} = leibniz::var<"{n}">;')
    out.append(f"  const auto f = {entry['cpp']};")
    qs = quantities(names)
    vname = {q: "f" if not q else "f_" + "".join(q) for q in qs}
    for q in qs[1:]:
        out.append(f"  const auto {vname[q]} = leibniz::d(f, {', '.join(q)});")
    vars_ = ", ".join(names)
    out.append(f"  const auto G = leibniz::gradient(f, {vars_});")
    out.append(f"  const auto GF = leibniz::gradient<leibniz::forward>(f, {vars_});")
    out.append(f"  const auto H = leibniz::hessian(f, {vars_});")
    params = ", ".join(f"double {n}v" for n in names)
    binds = ", ".join(f"{n} = {n}v" for n in names)
    rbinds = ", ".join(f"{n} = {n}v" for n in names[::-1])
    out.append(f"  // at each point: {', '.join(label(q) for q in qs)}, as SymPy computes them")
    out.append(f"  using want_t = std::array<double, {len(qs)}>;")
    out.append(f"  const auto check_at = [&]({params}, const want_t& want, const char* where) {{")
    for i, q in enumerate(qs):
        call = f"{vname[q]}({binds})" if not q else f"leibniz::eval({vname[q]}, {binds})"
        out.append(f'    check_close({call}, want[{i}], where, "{label(q)}");')
    if len(names) > 1:
        out.append(f'    check_close(leibniz::eval(f, {rbinds}), want[0], where, "f, bound in reverse order");')
    out.append(f'    check_gradient(G({binds}), want, want, where, "gradient", {vars_});')
    out.append(f'    check_gradient(GF({binds}), want, want, where, "gradient<forward>", {vars_});')
    out.append(f"    check_hessian(H({binds}), want, want, where, {vars_});")
    out.append("  };")
    for k, (env, results) in enumerate(points, 1):
        wants = ", ".join(cpp_number(results[q]) for q in qs)
        out.append(f"  const want_t p{k}{{{wants}}};")
    for k, (env, results) in enumerate(points, 1):
        vals = ", ".join(cpp_number(float(env[n])) for n in names)
        out.append(f'  check_at({vals}, p{k}, "#{idx:03d} at ({cpp_point(env, names)})");')

    def coordinate(k, n):
        return cpp_number(float(points[k][0][n]))

    # On arrays: the first two points alternately.
    arrays = ", ".join(f"{n.upper()} = alternate({coordinate(0, n)}, {coordinate(1, n)})" for n in names)
    out.append(f"  const Eigen::ArrayXd {arrays};")
    abinds = ", ".join(f"{n} = {n.upper()}" for n in names)
    out.append(f"  check_arrays(f({abinds}), G({abinds}), H({abinds}), p1, p2, "
               f'"#{idx:03d} on arrays, points 1 and 2 alternately", {vars_});')
    # One variable shared by the first and third points: bound as a scalar.
    shared = entry.get("broadcast")
    if shared:
        others = [n for n in names if n != shared]
        arrays = ", ".join(f"{n.upper()}3 = alternate({coordinate(0, n)}, {coordinate(2, n)})" for n in others)
        out.append(f"  const Eigen::ArrayXd {arrays};")
        bbinds = ", ".join(f"{n} = {coordinate(0, n)}" if n == shared else f"{n} = {n.upper()}3" for n in names)
        out.append(f"  check_arrays(f({bbinds}), G({bbinds}), H({bbinds}), p1, p3, "
                   f'"#{idx:03d} on arrays, {shared} = {coordinate(0, shared)} broadcast, points 1 and 3 alternately", '
                   f"{vars_});")
    out.append("}")


def checks_of(entry):
    """The number of numbers compared by one test case (array elements counted one by one)."""
    n = len(entry["names"])
    nq = 1 + n + n * n
    scalar = nq + (n > 1) + n + n + n * n              # d()-based, reverse order, gradient, forward, hessian
    per_array_set = 1 + n + n + n * n                   # f, gradient, tie, hessian
    sets = 1 + (entry.get("broadcast") is not None)
    return len(entry["points"]) * scalar + sets * per_array_set * ARRAY_LENGTH


def compile_cost(entry):
    """A rough estimate of the compile time of one test case, for balancing the files:
    about proportional to 8 + the nodes of the expression with g++ -O2 (d(), gradient,
    Hessian and array checks alike grow with the expression)."""
    return 8 + entry["root"].size()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=240, help="number of expressions")
    parser.add_argument("--files", type=int, default=40, help="number of test files (translation units)")
    parser.add_argument("--out", default="tests/unit", help="output directory")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (output does not depend on it)")
    parser.add_argument("--first", type=int, default=0, help="first index (for bisecting a failure)")
    parser.add_argument("--stats", action="store_true", help="print why candidates were turned down")
    parser.add_argument("--max-depth", type=int, default=5, help="depth is drawn from 2..this (hunting only)")
    parser.add_argument("--max-size", type=int, default=48, help="largest expression, in nodes (hunting only)")
    args = parser.parse_args()

    candidates = range(args.first, args.first + args.count + len(KNOWN_LIBRARY_BUGS))
    skipped = {i for (s, i) in KNOWN_LIBRARY_BUGS if s == args.seed}
    indices = [i for i in candidates if i not in skipped][: args.count]
    work = [(args.seed, i, args.max_depth, args.max_size) for i in indices]
    if args.jobs > 1:
        with multiprocessing.Pool(args.jobs) as pool:
            entries = list(pool.imap(make_entry, work, chunksize=1))
    else:
        entries = [make_entry(w) for w in work]

    # Spread the expressions over the files so that compile times are even: each goes, in
    # order, to the file with the least estimated cost so far.
    os.makedirs(args.out, exist_ok=True)
    loads = [0] * args.files
    parts = [[] for _ in range(args.files)]
    for entry in entries:
        k = min(range(args.files), key=lambda j: (loads[j], j))
        parts[k].append(entry)
        loads[k] += compile_cost(entry)
    options = f"--count {args.count} --files {args.files}"
    for flag, value, default in (("--seed", args.seed, DEFAULT_SEED), ("--first", args.first, 0),
                                 ("--max-depth", args.max_depth, 5), ("--max-size", args.max_size, 48)):
        if value != default:
            options += f" {flag} {value}"
    with open(os.path.join(args.out, "random_corpus.hpp"), "w") as fh:
        fh.write(PRELUDE_HEADER.replace("@REL@", repr(REL_TOL)).replace("@ABS@", repr(ABS_TOL)))
    checks = 0
    for part in range(args.files):
        chunk = parts[part]
        out = [HEADER.format(seed=args.seed, options=options, files=args.files, part=part, sympy=sp.__version__)
               + '#include "random_corpus.hpp"']
        for entry in chunk:
            write_case(entry, out)
            checks += checks_of(entry)
        path = os.path.join(args.out, f"test_random_corpus_{part}.cpp")
        with open(path, "w") as fh:
            fh.write("\n".join(out) + "\n")
    print(f"{len(entries)} expressions, {checks} checks, {args.files} files in {args.out}", file=sys.stderr)
    if args.stats:
        total = sum((e["rejects"] for e in entries), collections.Counter())
        for reason, n in total.most_common():
            print(f"{n:8d}  {reason}", file=sys.stderr)


if __name__ == "__main__":
    main()
