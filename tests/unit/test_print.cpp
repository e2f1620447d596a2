// tests/unit/test_print.cpp — to_string, operator<< and to_latex: exact strings, with
// minimal parentheses. Every expected string below was checked by eye to be the same
// mathematics as the expression and to have no parenthesis too many or too few.
//
// The last test case pins printing bugs found and fixed while the printer was written.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <type_traits>

#include <leibniz/leibniz.hpp>

using namespace leibniz::literals;
using leibniz::c;
using leibniz::d;

namespace {
constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
constexpr auto z = leibniz::var<"z">;
constexpr auto x1 = leibniz::var<"x1">;
constexpr auto x2 = leibniz::var<"x2">;
constexpr auto pi = leibniz::pi;

// Compile time: printing instantiates the printer for every expression type (twice: text
// and LaTeX); the assertions are kept out of the templates, in this function.
void expect_prints(int line, const char* source, const std::string& text, const std::string& latex,
                   const char* want_text, const char* want_latex) {
  INFO("line " << line << ": " << source);
  CHECK(text == want_text);
  if (want_latex != nullptr)
    CHECK(latex == want_latex);
}

template <class E>
void check_prints(int line, const char* source, const E& e, const char* want_text, const char* want_latex) {
  expect_prints(line, source, leibniz::to_string(e), leibniz::to_latex(e), want_text, want_latex);
}

/// The static expression of this type (an empty expression is its type).
template <class E>
constexpr E make() {
  static_assert(leibniz::StaticExpression<E>);
  return E{};
}
}  // namespace

// CHECK_PRINTS(expr, text, latex): to_string(expr) is `text`, and to_latex(expr) is
// `latex` (pass nullptr to skip it); operator<< is checked on its own below. For static expressions: only
// their type is taken, so the simplifier runs in the compiler only (compile time).
// Wrap an argument holding a top-level `c<N, D>` in parentheses.
#define CHECK_PRINTS(expr, text, latex) \
  check_prints(__LINE__, #expr, make<std::remove_cvref_t<decltype(expr)>>(), text, latex)
// The same for an expression that holds runtime constants: pass a constexpr variable.
#define CHECK_PRINTS_RUNTIME(value, text, latex) check_prints(__LINE__, #value, value, text, latex)

TEST_CASE("the examples of the documentation print as documented", "[print]") {
  CHECK_PRINTS(sin(x) + x * y, "sin(x) + x * y", "\\sin \\left(x\\right) + x \\cdot y");
  CHECK_PRINTS(d(sin(x) + x * y, x), "cos(x) + y", "\\cos \\left(x\\right) + y");
  CHECK_PRINTS(x - y + z, "x - y + z", "x - y + z");
  CHECK_PRINTS(-x - y, "-x - y", "-x - y");
  CHECK_PRINTS(x / (y * z), "x / (y * z)", "\\frac{x}{y \\cdot z}");
  CHECK_PRINTS(x * x, "x^2", "x^{2}");
  CHECK_PRINTS(d(sqrt(x), x), "1 / (2 * sqrt(x))", "\\frac{1}{2 \\cdot \\sqrt{x}}");
  CHECK_PRINTS(d(tanh(x), x), "1 / cosh(x)^2", "\\frac{1}{\\cosh \\left(x\\right)^{2}}");
  CHECK_PRINTS(d(x / y, y), "-x / y^2", "-\\frac{x}{y^{2}}");
  CHECK_PRINTS(d(max(x, y), x), "1 - step(y - x)", "1 - \\operatorname{step}\\left(y - x\\right)");
  CHECK_PRINTS(d(sin(pi * x), x), "pi * cos(pi * x)", "\\pi \\cdot \\cos \\left(\\pi \\cdot x\\right)");
  CHECK_PRINTS((x + y) * z, "z * (x + y)", "z \\cdot \\left(x + y\\right)");
  CHECK_PRINTS(-x / 2_c, "-x / 2", "-\\frac{x}{2}");
  CHECK_PRINTS(x * x + 1_c, "x^2 + 1", "x^{2} + 1");
  CHECK_PRINTS(x1 * x2, "x1 * x2", "x_{1} \\cdot x_{2}");
  constexpr auto runtime = 2.5 * pow(x, 1.5);
  CHECK_PRINTS_RUNTIME(runtime, "2.5 * x^1.5", "2.5 \\cdot x^{1.5}");
  constexpr auto derivative = d(pow(x, 2.5), x);
  CHECK_PRINTS_RUNTIME(derivative, "2.5 * x^1.5", "2.5 \\cdot x^{1.5}");
}

TEST_CASE("sums: subtraction, order, the constant last", "[print][sum]") {
  CHECK_PRINTS(x - (y - z), "x - y + z", "x - y + z");
  CHECK_PRINTS(-(x + y), "-x - y", "-x - y");
  CHECK_PRINTS(-(x - y), "y - x", "y - x");
  CHECK_PRINTS(2_c * (x + y), "2 * x + 2 * y", "2 \\cdot x + 2 \\cdot y");
  CHECK_PRINTS(2_c * x - 3_c * y, "2 * x - 3 * y", "2 \\cdot x - 3 \\cdot y");
  CHECK_PRINTS(x - 2_c, "x - 2", "x - 2");
  CHECK_PRINTS(x + 1_c, "x + 1", "x + 1");
  CHECK_PRINTS((x - c<1, 2>), "x - 1/2", "x - \\frac{1}{2}");
  CHECK_PRINTS(1_c - step(x), "1 - step(x)", "1 - \\operatorname{step}\\left(x\\right)");
  CHECK_PRINTS(exp(x) - 1_c, "exp(x) - 1", "\\exp \\left(x\\right) - 1");
  CHECK_PRINTS(1_c - sigmoid(x), "1 - sigmoid(x)", "1 - \\sigma \\left(x\\right)");
  CHECK_PRINTS(-x / y + z, "z - x / y", "z - \\frac{x}{y}");
  CHECK_PRINTS(x - y / z, "x - y / z", "x - \\frac{y}{z}");
  CHECK_PRINTS(x - 2_c * y / z, "x - 2 * y / z", "x - \\frac{2 \\cdot y}{z}");
  CHECK_PRINTS(x - sin(x), "x - sin(x)", "x - \\sin \\left(x\\right)");
  CHECK_PRINTS(-exp(x) - exp(y), "-exp(x) - exp(y)", "-\\exp \\left(x\\right) - \\exp \\left(y\\right)");
  CHECK_PRINTS(x - y * (x + z), "x - y * (x + z)", "x - y \\cdot \\left(x + z\\right)");
  CHECK_PRINTS(x - pi, "x - pi", "x - \\pi");
  CHECK_PRINTS(1_c / x + 1_c / y, "1 / x + 1 / y", "\\frac{1}{x} + \\frac{1}{y}");
  CHECK_PRINTS(square(sin(x)) + square(cos(x)), "cos(x)^2 + sin(x)^2",
               "\\cos \\left(x\\right)^{2} + \\sin \\left(x\\right)^{2}");
}

TEST_CASE("products: numbers first, sums in parentheses, fractions", "[print][product]") {
  CHECK_PRINTS(x * y * z, "x * y * z", "x \\cdot y \\cdot z");
  CHECK_PRINTS(3_c * x * y, "3 * x * y", "3 \\cdot x \\cdot y");
  CHECK_PRINTS(x * (y + z), "x * (y + z)", "x \\cdot \\left(y + z\\right)");
  CHECK_PRINTS((x + y) * (x - y), "(x + y) * (x - y)", "\\left(x + y\\right) \\cdot \\left(x - y\\right)");
  CHECK_PRINTS(-x, "-x", "-x");
  CHECK_PRINTS(-x * y, "-x * y", "-x \\cdot y");
  CHECK_PRINTS(-sin(x), "-sin(x)", "-\\sin \\left(x\\right)");
  CHECK_PRINTS(x / y, "x / y", "\\frac{x}{y}");
  CHECK_PRINTS(1_c / x, "1 / x", "\\frac{1}{x}");
  CHECK_PRINTS(2_c / x, "2 / x", "\\frac{2}{x}");
  CHECK_PRINTS(-2_c / x, "-2 / x", "-\\frac{2}{x}");
  CHECK_PRINTS(-(x * y) / z, "-x * y / z", "-\\frac{x \\cdot y}{z}");
  CHECK_PRINTS(-(x / y), "-x / y", "-\\frac{x}{y}");
  CHECK_PRINTS((c<1, 2> * x), "x / 2", "\\frac{x}{2}");
  CHECK_PRINTS((c<-3, 2> * x), "-3 * x / 2", "-\\frac{3 \\cdot x}{2}");
  CHECK_PRINTS((c<2, 3> * x * y), "2 * x * y / 3", "\\frac{2 \\cdot x \\cdot y}{3}");
  CHECK_PRINTS((x * c<2, 3> / y), "2 * x / (3 * y)", "\\frac{2 \\cdot x}{3 \\cdot y}");
  CHECK_PRINTS((c<1, 2> / x), "1 / (2 * x)", "\\frac{1}{2 \\cdot x}");
  CHECK_PRINTS((c<-1, 2> / x), "-1 / (2 * x)", "-\\frac{1}{2 \\cdot x}");
  CHECK_PRINTS(x / (2_c * y), "x / (2 * y)", "\\frac{x}{2 \\cdot y}");
  CHECK_PRINTS(x / y / z, "x / (y * z)", "\\frac{x}{y \\cdot z}");
  CHECK_PRINTS(x * y / (z * z), "x * y / z^2", "\\frac{x \\cdot y}{z^{2}}");
  CHECK_PRINTS(x / (y / z), "x * z / y", "\\frac{x \\cdot z}{y}");
  CHECK_PRINTS(x * y / (2_c * z), "x * y / (2 * z)", "\\frac{x \\cdot y}{2 \\cdot z}");
  CHECK_PRINTS(pow(x, 2_c) / 2_c, "x^2 / 2", "\\frac{x^{2}}{2}");
  CHECK_PRINTS(sqrt(x) * y, "sqrt(x) * y", "\\sqrt{x} \\cdot y");
  CHECK_PRINTS(y / sqrt(x), "y / sqrt(x)", "\\frac{y}{\\sqrt{x}}");
  CHECK_PRINTS(sin(x) * cos(x) * sin(x), "cos(x) * sin(x)^2",
               "\\cos \\left(x\\right) \\cdot \\sin \\left(x\\right)^{2}");
  CHECK_PRINTS(log(x) / log(y), "log(x) / log(y)", "\\frac{\\log \\left(x\\right)}{\\log \\left(y\\right)}");
}

TEST_CASE("a sum below a fraction bar is grouped once; a single power is not", "[print][fraction]") {
  CHECK_PRINTS(x / (y + z), "x / (y + z)", "\\frac{x}{y + z}");
  CHECK_PRINTS(-x / (y + z), "-x / (y + z)", "-\\frac{x}{y + z}");
  CHECK_PRINTS(2_c / (x + y), "2 / (x + y)", "\\frac{2}{x + y}");
  CHECK_PRINTS(x * y / (z + 1_c), "x * y / (z + 1)", "\\frac{x \\cdot y}{z + 1}");
  CHECK_PRINTS(sqrt(x) / (y + z), "sqrt(x) / (y + z)", "\\frac{\\sqrt{x}}{y + z}");
  CHECK_PRINTS(exp(x) / (1_c + exp(x)), "exp(x) / (exp(x) + 1)",
               "\\frac{\\exp \\left(x\\right)}{\\exp \\left(x\\right) + 1}");
  CHECK_PRINTS(x / pow(y + z, 2_c), "x / (y + z)^2", "\\frac{x}{\\left(y + z\\right)^{2}}");
  CHECK_PRINTS(pow(x + y, -2_c), "1 / (x + y)^2", "\\frac{1}{\\left(x + y\\right)^{2}}");
  CHECK_PRINTS((c<3, 2> / (x + y)), "3 / (2 * (x + y))", "\\frac{3}{2 \\cdot \\left(x + y\\right)}");
  CHECK_PRINTS(x / (y * (z + 1_c)), "x / (y * (z + 1))", "\\frac{x}{y \\cdot \\left(z + 1\\right)}");
  CHECK_PRINTS(1_c / (x + y) + 1_c / (x - y), "1 / (x + y) + 1 / (x - y)", "\\frac{1}{x + y} + \\frac{1}{x - y}");
  CHECK_PRINTS(x / (x + y) - y / (x + y), "x / (x + y) - y / (x + y)", "\\frac{x}{x + y} - \\frac{y}{x + y}");
  // a sum above the bar is grouped in plain text (it is needed there), not in LaTeX
  // (\frac groups it): the LaTeX is in the last test case
  CHECK_PRINTS((x + y) / (y - z), "(x + y) / (y - z)", nullptr);
  CHECK_PRINTS((x - y) / z, "(x - y) / z", nullptr);
  CHECK_PRINTS((x + 1_c) / (x - 1_c), "(x + 1) / (x - 1)", nullptr);
}

TEST_CASE("powers: ^ with grouped bases and exponents, roots, negative exponents", "[print][power]") {
  CHECK_PRINTS(pow(x + 1_c, 2_c), "(x + 1)^2", "\\left(x + 1\\right)^{2}");
  CHECK_PRINTS(square(x + y), "(x + y)^2", "\\left(x + y\\right)^{2}");
  CHECK_PRINTS(pow(x - y, 2_c), "(x - y)^2", "\\left(x - y\\right)^{2}");
  CHECK_PRINTS(pow(x, -2_c), "1 / x^2", "\\frac{1}{x^{2}}");
  CHECK_PRINTS(pow(x, -3_c) * y, "y / x^3", "\\frac{y}{x^{3}}");
  CHECK_PRINTS(pow(2_c * x, 2_c), "4 * x^2", "4 \\cdot x^{2}");
  CHECK_PRINTS(pow(x * y, 2_c), "x^2 * y^2", "x^{2} \\cdot y^{2}");
  CHECK_PRINTS(pow(x * y, -1_c), "1 / (x * y)", "\\frac{1}{x \\cdot y}");
  CHECK_PRINTS(pow(x / y, 2_c), "x^2 / y^2", "\\frac{x^{2}}{y^{2}}");
  CHECK_PRINTS(-pow(x, 2_c), "-x^2", "-x^{2}");
  CHECK_PRINTS(pow(-x, 3_c), "-x^3", "-x^{3}");
  CHECK_PRINTS(-pow(x + y, 2_c), "-(x + y)^2", "-\\left(x + y\\right)^{2}");
  CHECK_PRINTS(pow(-x - y, 2_c), "(-x - y)^2", "\\left(-x - y\\right)^{2}");
  CHECK_PRINTS(sqrt(x + y), "sqrt(x + y)", "\\sqrt{x + y}");
  CHECK_PRINTS(sqrt(-x), "sqrt(-x)", "\\sqrt{-x}");
  CHECK_PRINTS(sqrt(x * x), "sqrt(x^2)", "\\sqrt{x^{2}}");
  CHECK_PRINTS(pow(x + y, c<1, 2>) * z, "z * sqrt(x + y)", "z \\cdot \\sqrt{x + y}");
  CHECK_PRINTS(pow(x, c<3, 2>), "x^(3/2)", "x^{\\frac{3}{2}}");
  CHECK_PRINTS(pow(x, c<1, 3>), "x^(1/3)", "x^{\\frac{1}{3}}");
  CHECK_PRINTS(pow(x, c<-1, 2>), "1 / sqrt(x)", "\\frac{1}{\\sqrt{x}}");
  CHECK_PRINTS(pow(x, c<-3, 2>), "1 / x^(3/2)", "\\frac{1}{x^{\\frac{3}{2}}}");
  CHECK_PRINTS(pow(x, c<-2, 3>) * y, "y / x^(2/3)", "\\frac{y}{x^{\\frac{2}{3}}}");
  CHECK_PRINTS(pow(x + y, c<-1, 2>), "1 / sqrt(x + y)", "\\frac{1}{\\sqrt{x + y}}");
  CHECK_PRINTS(pow(-x, c<1, 3>), "(-x)^(1/3)", "\\left(-x\\right)^{\\frac{1}{3}}");
  CHECK_PRINTS(pow(x, y), "x^y", "x^{y}");
  CHECK_PRINTS(pow(x + y, z), "(x + y)^z", "\\left(x + y\\right)^{z}");
  CHECK_PRINTS(pow(x, 2_c * y), "x^(2 * y)", "x^{2 \\cdot y}");
  CHECK_PRINTS(pow(x, -x), "x^(-x)", "x^{-x}");
  CHECK_PRINTS(x * pow(x, y), "x^(y + 1)", "x^{y + 1}");
  CHECK_PRINTS(pow(x + y, -z), "(x + y)^(-z)", "\\left(x + y\\right)^{-z}");
  CHECK_PRINTS(pow(pow(x, y), z), "(x^y)^z", "\\left(x^{y}\\right)^{z}");
  CHECK_PRINTS(pow(x / y, y), "(x / y)^y", "\\left(\\frac{x}{y}\\right)^{y}");
  CHECK_PRINTS(pow(sin(x), y), "sin(x)^y", "\\sin \\left(x\\right)^{y}");
  CHECK_PRINTS(sin(x) * sin(x), "sin(x)^2", "\\sin \\left(x\\right)^{2}");
  CHECK_PRINTS(pow(max(x, y), 2_c), "max(x, y)^2", "\\max \\left(x, y\\right)^{2}");
  CHECK_PRINTS(pow(-2_c, x), "(-2)^x", "\\left(-2\\right)^{x}");
  CHECK_PRINTS(pow(c<1, 2>, x), "(1/2)^x", "\\left(\\frac{1}{2}\\right)^{x}");
  CHECK_PRINTS(pow(pi, x), "pi^x", "\\pi^{x}");
  CHECK_PRINTS(pi * pi, "pi^2", "\\pi^{2}");
}

TEST_CASE("constants: rationals, pi", "[print][constant]") {
  CHECK_PRINTS(2_c, "2", "2");
  CHECK_PRINTS(-3_c, "-3", "-3");
  CHECK_PRINTS(0_c, "0", "0");
  CHECK_PRINTS((c<1, 2>), "1/2", "\\frac{1}{2}");
  CHECK_PRINTS((c<-1, 2>), "-1/2", "-\\frac{1}{2}");
  CHECK_PRINTS(1.5_c, "3/2", "\\frac{3}{2}");
  CHECK_PRINTS(pi, "pi", "\\pi");
  CHECK_PRINTS(-pi, "-pi", "-\\pi");
  CHECK_PRINTS(2_c * pi, "2 * pi", "2 \\cdot \\pi");
  CHECK_PRINTS(pi / 2_c, "pi / 2", "\\frac{\\pi}{2}");
  CHECK_PRINTS(pi * x, "pi * x", "\\pi \\cdot x");
  CHECK_PRINTS(x / pi, "x / pi", "\\frac{x}{\\pi}");
  CHECK_PRINTS(x / (2_c * pi), "x / (2 * pi)", "\\frac{x}{2 \\cdot \\pi}");
  CHECK_PRINTS(sqrt(2_c), "sqrt(2)", "\\sqrt{2}");
  CHECK_PRINTS(d(pow(2_c, x), x), "2^x * log(2)", "2^{x} \\cdot \\log \\left(2\\right)");
}

TEST_CASE("runtime constants print with a decimal point", "[print][runtime]") {
  constexpr auto a = 2.0 * x;
  CHECK_PRINTS_RUNTIME(a, "2.0 * x", "2.0 \\cdot x");
  constexpr auto b = x * 2.0 + x * 3.0;
  CHECK_PRINTS_RUNTIME(b, "2.0 * x + 3.0 * x", "2.0 \\cdot x + 3.0 \\cdot x");
  constexpr auto e = x * (-2.0);
  CHECK_PRINTS_RUNTIME(e, "-2.0 * x", "-2.0 \\cdot x");
  constexpr auto f = x - 2.0 * y;
  CHECK_PRINTS_RUNTIME(f, "x - 2.0 * y", "x - 2.0 \\cdot y");
  constexpr auto g = x + 0.5;
  CHECK_PRINTS_RUNTIME(g, "x + 0.5", "x + 0.5");
  constexpr auto h = x - 0.5;
  CHECK_PRINTS_RUNTIME(h, "x - 0.5", "x - 0.5");
  constexpr auto k = -0.5 - x;
  CHECK_PRINTS_RUNTIME(k, "-x - 0.5", "-x - 0.5");
  constexpr auto m = x + y + 1.5;
  CHECK_PRINTS_RUNTIME(m, "x + y + 1.5", "x + y + 1.5");
  constexpr auto n = x * y - 2.0;
  CHECK_PRINTS_RUNTIME(n, "x * y - 2.0", "x \\cdot y - 2.0");
  constexpr auto p = pow(x, 2.0);
  CHECK_PRINTS_RUNTIME(p, "x^2.0", "x^{2.0}");
  constexpr auto q = pow(x, -2.5);
  CHECK_PRINTS_RUNTIME(q, "x^(-2.5)", "x^{-2.5}");
  constexpr auto r = pow(2.0, x);
  CHECK_PRINTS_RUNTIME(r, "2.0^x", "2.0^{x}");
  constexpr auto s = pow(-2.0, x);
  CHECK_PRINTS_RUNTIME(s, "(-2.0)^x", "\\left(-2.0\\right)^{x}");
  constexpr auto t = 2.0 / x;
  CHECK_PRINTS_RUNTIME(t, "2.0 / x", "\\frac{2.0}{x}");
  constexpr auto u = -2.0 / x;
  CHECK_PRINTS_RUNTIME(u, "-2.0 / x", "-\\frac{2.0}{x}");
  constexpr auto v = x / 2.0;
  CHECK_PRINTS_RUNTIME(v, "x / 2.0", "\\frac{x}{2.0}");
  constexpr auto w = 1.5 * x / y;
  CHECK_PRINTS_RUNTIME(w, "1.5 * x / y", "\\frac{1.5 \\cdot x}{y}");
  constexpr auto w2 = 2.5 * x / (y * z);
  CHECK_PRINTS_RUNTIME(w2, "2.5 * x / (y * z)", "\\frac{2.5 \\cdot x}{y \\cdot z}");
  constexpr auto distributed = 2.0 * (x + y);
  CHECK_PRINTS_RUNTIME(distributed, "2.0 * (x + y)", "2.0 \\cdot \\left(x + y\\right)");
  constexpr auto folded = 2.0 * x * 3.0;
  CHECK_PRINTS_RUNTIME(folded, "6.0 * x", "6.0 \\cdot x");
  constexpr auto tenth = 0.1 * x + 0.2 * y;
  CHECK_PRINTS_RUNTIME(tenth, "0.1 * x + 0.2 * y", "0.1 \\cdot x + 0.2 \\cdot y");
  constexpr auto third = x + 1.0 / 3.0;
  CHECK_PRINTS_RUNTIME(third, "x + 0.3333333333333333", "x + 0.3333333333333333");
  constexpr auto big = x - 123456789.0;
  CHECK_PRINTS_RUNTIME(big, "x - 123456789.0", "x - 123456789.0");
  constexpr auto mx = max(x, -0.5);
  CHECK_PRINTS_RUNTIME(mx, "max(x, -0.5)", "\\max \\left(x, -0.5\\right)");
  constexpr auto mn = min(x, 0.5);
  CHECK_PRINTS_RUNTIME(mn, "min(x, 0.5)", "\\min \\left(x, 0.5\\right)");
  constexpr auto scaled_max = max(x, 0.5) * 2.0;
  CHECK_PRINTS_RUNTIME(scaled_max, "2.0 * max(x, 0.5)", "2.0 \\cdot \\max \\left(x, 0.5\\right)");
  constexpr auto dmax = d(max(x, 0.5), x);
  CHECK_PRINTS_RUNTIME(dmax, "1 - step(0.5 - x)", "1 - \\operatorname{step}\\left(0.5 - x\\right)");
  constexpr auto drelu = d(relu(2.0 * x - 1.0), x);
  CHECK_PRINTS_RUNTIME(drelu, "2.0 * step(2.0 * x - 1.0)",
                       "2.0 \\cdot \\operatorname{step}\\left(2.0 \\cdot x - 1.0\\right)");
  constexpr auto d2 = d(pow(x, 2.5), x, x);
  CHECK_PRINTS_RUNTIME(d2, "3.75 * x^0.5", "3.75 \\cdot x^{0.5}");
  constexpr auto fl = x * 0.5f;
  CHECK_PRINTS_RUNTIME(fl, "0.5 * x", "0.5 \\cdot x");
}

TEST_CASE("functions: every name, in text and in LaTeX", "[print][function]") {
  CHECK_PRINTS(exp(x), "exp(x)", "\\exp \\left(x\\right)");
  CHECK_PRINTS(log(x), "log(x)", "\\log \\left(x\\right)");
  CHECK_PRINTS(sin(x), "sin(x)", "\\sin \\left(x\\right)");
  CHECK_PRINTS(cos(x), "cos(x)", "\\cos \\left(x\\right)");
  CHECK_PRINTS(tan(x), "tan(x)", "\\tan \\left(x\\right)");
  CHECK_PRINTS(asin(x), "asin(x)", "\\arcsin \\left(x\\right)");
  CHECK_PRINTS(acos(x), "acos(x)", "\\arccos \\left(x\\right)");
  CHECK_PRINTS(atan(x), "atan(x)", "\\arctan \\left(x\\right)");
  CHECK_PRINTS(sinh(x), "sinh(x)", "\\sinh \\left(x\\right)");
  CHECK_PRINTS(cosh(x), "cosh(x)", "\\cosh \\left(x\\right)");
  CHECK_PRINTS(tanh(x), "tanh(x)", "\\tanh \\left(x\\right)");
  CHECK_PRINTS(abs(x), "abs(x)", "\\operatorname{abs}\\left(x\\right)");
  CHECK_PRINTS(log1p(x), "log1p(x)", "\\operatorname{log1p}\\left(x\\right)");
  CHECK_PRINTS(expm1(x), "expm1(x)", "\\operatorname{expm1}\\left(x\\right)");
  CHECK_PRINTS(sigmoid(x), "sigmoid(x)", "\\sigma \\left(x\\right)");
  CHECK_PRINTS(softplus(x), "softplus(x)", "\\operatorname{softplus}\\left(x\\right)");
  CHECK_PRINTS(relu(x), "relu(x)", "\\operatorname{relu}\\left(x\\right)");
  CHECK_PRINTS(step(x), "step(x)", "\\operatorname{step}\\left(x\\right)");
  CHECK_PRINTS(sign(x), "sign(x)", "\\operatorname{sign}\\left(x\\right)");
  CHECK_PRINTS(max(x, y), "max(x, y)", "\\max \\left(x, y\\right)");
  CHECK_PRINTS(min(x, y), "min(x, y)", "\\min \\left(x, y\\right)");
  // arguments are never grouped twice: the call's own parentheses are enough
  CHECK_PRINTS(sin(cos(exp(x))), "sin(cos(exp(x)))",
               "\\sin \\left(\\cos \\left(\\exp \\left(x\\right)\\right)\\right)");
  CHECK_PRINTS(sin(x + y), "sin(x + y)", "\\sin \\left(x + y\\right)");
  CHECK_PRINTS(sin(-x), "sin(-x)", "\\sin \\left(-x\\right)");
  CHECK_PRINTS(sin(2_c * x), "sin(2 * x)", "\\sin \\left(2 \\cdot x\\right)");
  CHECK_PRINTS(sin(x / y), "sin(x / y)", "\\sin \\left(\\frac{x}{y}\\right)");
  CHECK_PRINTS(exp(-x), "exp(-x)", "\\exp \\left(-x\\right)");
  CHECK_PRINTS(exp(x * y), "exp(x * y)", "\\exp \\left(x \\cdot y\\right)");
  CHECK_PRINTS(log(x / y), "log(x / y)", "\\log \\left(\\frac{x}{y}\\right)");
  CHECK_PRINTS(abs(-x), "abs(-x)", "\\operatorname{abs}\\left(-x\\right)");
  CHECK_PRINTS(relu(x - y), "relu(x - y)", "\\operatorname{relu}\\left(x - y\\right)");
  CHECK_PRINTS(sigmoid(-x), "sigmoid(-x)", "\\sigma \\left(-x\\right)");
  CHECK_PRINTS(max(x + y, 0_c), "max(x + y, 0)", "\\max \\left(x + y, 0\\right)");
  CHECK_PRINTS(max(-x, y), "max(-x, y)", "\\max \\left(-x, y\\right)");
  CHECK_PRINTS(min(x * y, 1_c - x), "min(x * y, 1 - x)", "\\min \\left(x \\cdot y, 1 - x\\right)");
  CHECK_PRINTS(min(x - 1_c, -y), "min(x - 1, -y)", "\\min \\left(x - 1, -y\\right)");
  CHECK_PRINTS(x * max(x, y), "x * max(x, y)", "x \\cdot \\max \\left(x, y\\right)");
  CHECK_PRINTS(exp(log(x)), "exp(log(x))", "\\exp \\left(\\log \\left(x\\right)\\right)");
}

TEST_CASE("derivatives print in their canonical form", "[print][derivative]") {
  CHECK_PRINTS(d(pow(x, 3_c), x), "3 * x^2", "3 \\cdot x^{2}");
  CHECK_PRINTS(d(x * x * x * y, x), "3 * x^2 * y", "3 \\cdot x^{2} \\cdot y");
  CHECK_PRINTS(d(asin(x), x), "1 / sqrt(1 - x^2)", "\\frac{1}{\\sqrt{1 - x^{2}}}");
  CHECK_PRINTS(d(acos(x), x), "-1 / sqrt(1 - x^2)", "-\\frac{1}{\\sqrt{1 - x^{2}}}");
  CHECK_PRINTS(d(atan(x), x), "1 / (x^2 + 1)", "\\frac{1}{x^{2} + 1}");
  CHECK_PRINTS(d(log(x), x), "1 / x", "\\frac{1}{x}");
  CHECK_PRINTS(d(log1p(x), x), "1 / (x + 1)", "\\frac{1}{x + 1}");
  CHECK_PRINTS(d(tan(x), x), "tan(x)^2 + 1", "\\tan \\left(x\\right)^{2} + 1");
  CHECK_PRINTS(d(sigmoid(x), x), "sigmoid(-x) * sigmoid(x)",
               "\\sigma \\left(-x\\right) \\cdot \\sigma \\left(x\\right)");
  CHECK_PRINTS(d(sigmoid(-x), x), "-sigmoid(-x) * sigmoid(x)",
               "-\\sigma \\left(-x\\right) \\cdot \\sigma \\left(x\\right)");
  CHECK_PRINTS(d(softplus(x), x), "sigmoid(x)", "\\sigma \\left(x\\right)");
  CHECK_PRINTS(d(abs(x), x), "sign(x)", "\\operatorname{sign}\\left(x\\right)");
  CHECK_PRINTS(d(relu(x), x), "step(x)", "\\operatorname{step}\\left(x\\right)");
  CHECK_PRINTS(d(min(x, y), x), "1 - step(x - y)", "1 - \\operatorname{step}\\left(x - y\\right)");
  CHECK_PRINTS(d(min(x, y), y), "step(x - y)", "\\operatorname{step}\\left(x - y\\right)");
  CHECK_PRINTS(d(max(x, y), y), "step(y - x)", "\\operatorname{step}\\left(y - x\\right)");
  CHECK_PRINTS(d(cos(x), x), "-sin(x)", "-\\sin \\left(x\\right)");
  CHECK_PRINTS(d(pow(x, y), x), "y * x^(y - 1)", "y \\cdot x^{y - 1}");
  CHECK_PRINTS(d(pow(x, y), y), "log(x) * x^y", "\\log \\left(x\\right) \\cdot x^{y}");
  CHECK_PRINTS(d(pow(x, x), x), "log(x) * x^x + x^x", "\\log \\left(x\\right) \\cdot x^{x} + x^{x}");
  CHECK_PRINTS(d(exp(2_c * x), x), "2 * exp(2 * x)", "2 \\cdot \\exp \\left(2 \\cdot x\\right)");
  CHECK_PRINTS(d(1_c / (x * x + 1_c), x), "-2 * x / (x^2 + 1)^2", "-\\frac{2 \\cdot x}{\\left(x^{2} + 1\\right)^{2}}");
  CHECK_PRINTS(d(sin(x) * x, x), "sin(x) + x * cos(x)", "\\sin \\left(x\\right) + x \\cdot \\cos \\left(x\\right)");
  CHECK_PRINTS(d(sqrt(x * x + y * y), x), "x / sqrt(x^2 + y^2)", "\\frac{x}{\\sqrt{x^{2} + y^{2}}}");
  CHECK_PRINTS(d(x / (x + 1_c), x), "1 / (x + 1) - x / (x + 1)^2",
               "\\frac{1}{x + 1} - \\frac{x}{\\left(x + 1\\right)^{2}}");
  CHECK_PRINTS(d(tanh(2_c * x), x), "2 / cosh(2 * x)^2", "\\frac{2}{\\cosh \\left(2 \\cdot x\\right)^{2}}");
  CHECK_PRINTS(d(atan(x / y), x), "1 / (y * (x^2 / y^2 + 1))",
               "\\frac{1}{y \\cdot \\left(\\frac{x^{2}}{y^{2}} + 1\\right)}");
  CHECK_PRINTS(d(log(sin(x)), x), "cos(x) / sin(x)", "\\frac{\\cos \\left(x\\right)}{\\sin \\left(x\\right)}");
  CHECK_PRINTS(d<2>(tanh(x), x), "-2 * sinh(x) / cosh(x)^3",
               "-\\frac{2 \\cdot \\sinh \\left(x\\right)}{\\cosh \\left(x\\right)^{3}}");
  CHECK_PRINTS(d<2>(sigmoid(x), x), "sigmoid(-x)^2 * sigmoid(x) - sigmoid(-x) * sigmoid(x)^2", nullptr);
  CHECK_PRINTS(d(square(sin(x)), x), "2 * cos(x) * sin(x)",
               "2 \\cdot \\cos \\left(x\\right) \\cdot \\sin \\left(x\\right)");
  CHECK_PRINTS(d(abs(x * y), x), "y * sign(x * y)", "y \\cdot \\operatorname{sign}\\left(x \\cdot y\\right)");
  CHECK_PRINTS(d(sin(x), y), "0", "0");
  CHECK_PRINTS(d(x, x), "1", "1");
}

TEST_CASE("variable names in LaTeX: trailing digits become a subscript", "[print][latex]") {
  CHECK_PRINTS(x1, "x1", "x_{1}");
  CHECK_PRINTS(leibniz::var<"x12">, "x12", "x_{12}");
  CHECK_PRINTS(leibniz::var<"alpha">, "alpha", "alpha");
  CHECK_PRINTS(leibniz::var<"ab12cd3">, "ab12cd3", "ab12cd_{3}");
  CHECK_PRINTS(leibniz::var<"w">, "w", "w");
  CHECK_PRINTS(leibniz::var<"alpha"> * leibniz::var<"x12">, "alpha * x12", "alpha \\cdot x_{12}");
}

TEST_CASE("operator<< streams to_string, in a stream with other output", "[print][stream]") {
  constexpr auto f = sin(x) + x * y;
  constexpr auto fx = d(f, x);
  constexpr auto g = 2.5 * pow(x, 1.5) - x / (y + z);
  std::ostringstream out;
  out << "f = " << f << "; f_x = " << fx << '.';
  CHECK(out.str() == "f = sin(x) + x * y; f_x = cos(x) + y.");
  std::ostringstream out2;
  out2 << g;
  CHECK(out2.str() == leibniz::to_string(g));
  CHECK(out2.str() == "2.5 * x^1.5 - x / (y + z)");
  std::ostringstream out3;
  out3 << -x * leibniz::pi << ' ' << (x * y) / z << ' ' << c<1, 2>;
  CHECK(out3.str() == "-pi * x x * y / z 1/2");
}

// ------------------------------------------------------------------------- fixed bugs

TEST_CASE("printing that was once wrong: signs below the bar, LaTeX numerators, subscripts", "[print]") {
  // 1. A single negative factor below the fraction bar keeps its sign (value is -x / 2).
  constexpr auto neg_den = x / (-2.0);
  CHECK_PRINTS_RUNTIME(neg_den, "-x / 2.0", "-\\frac{x}{2.0}");
  constexpr auto neg_recip = x + pow(-2.0, -1_c);  // x + 1 / (-2.0)
  CHECK_PRINTS_RUNTIME(neg_recip, "x - 1 / 2.0", "x - \\frac{1}{2.0}");
  // 2. LaTeX: \frac groups its numerator, no \left( \right) needed.
  CHECK_PRINTS((x + y) / (y - z), "(x + y) / (y - z)", "\\frac{x + y}{y - z}");
  CHECK_PRINTS((x - y) / z, "(x - y) / z", "\\frac{x - y}{z}");
  CHECK_PRINTS((x + 1_c) / (x - 1_c), "(x + 1) / (x - 1)", "\\frac{x + 1}{x - 1}");
  CHECK_PRINTS((x + y) / sqrt(z), "(x + y) / sqrt(z)", "\\frac{x + y}{\\sqrt{z}}");
  // 3. LaTeX: a name with an underscore gets one subscript, not a second underscore (w__{1} is a TeX error).
  CHECK_PRINTS(leibniz::var<"w_1">, "w_1", "w_{1}");
  CHECK_PRINTS(leibniz::var<"x_1">, "x_1", "x_{1}");
}
