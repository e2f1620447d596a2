// tests/unit/test_function.cpp — leibniz::function<Op>, the extension point, as a user
// sees it: functions defined in the user's own namespace, outside leibniz, then used
// everywhere a built-in function is (d, gradient in both modes, printing, to_dot, the
// checker, Eigen arrays). Also what an op struct may add (an apply that only takes
// numbers, two arguments, fold, rewrite), the rewrites owned by log, results read by
// position (g[0]) and `c` after `using namespace leibniz::literals`.
//
// Expressions are built in constant expressions and symbolic facts are checked as
// CHECK_SYMBOLIC(a == b), as in test_derivative.cpp: decided at compile time, reported
// at run time.
#include <catch2/catch.hpp>

#include <cmath>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <leibniz/leibniz.hpp>

#include "numeric.hpp"

/// A symbolic fact, decided at compile time, reported at run time.
#define CHECK_SYMBOLIC(...) CHECK(std::bool_constant<(__VA_ARGS__)>::value)

// ------------------------------------------------------------------------- the user's functions

namespace user {
using namespace leibniz::literals;

// softsign, exactly as in DESIGN.md §2.
struct softsign_op {                                    // a user's own function
  static constexpr std::string_view name = "softsign";  // printed name (latex optional)
  static auto apply(const auto& v) {
    using std::abs;
    return v / (1 + abs(v));
  }                                                                                // numbers, SIMD batches
  static constexpr auto derivative(auto a) { return 1_c / square(1_c + abs(a)); }  // an expression
};
inline constexpr leibniz::function<softsign_op> softsign{};

// The same function with a wrong derivative (the one of a / (1 + a)): the checker must
// catch it.
struct bad_softsign_op {
  static constexpr std::string_view name = "bad_softsign";
  static auto apply(const auto& v) {
    using std::abs;
    return v / (1 + abs(v));
  }
  static constexpr auto derivative(auto a) { return 1_c / (1_c + abs(a)); }
};
inline constexpr leibniz::function<bad_softsign_op> bad_softsign{};

// An apply that only takes double (std::cbrt has no SIMD or Eigen kernel): run one
// element at a time on arrays. Its rewrite: cube_root(a^3) = a.
template <class T>
inline constexpr bool is_cube = false;
template <class B>
inline constexpr bool is_cube<leibniz::power<B, leibniz::constant<3>>> = true;

struct cube_root_op {
  static constexpr std::string_view name = "cube_root";
  static constexpr std::string_view latex = "\\sqrt[3]";
  static double apply(double v) { return std::cbrt(v); }
  static constexpr auto derivative(auto a) { return leibniz::c<1, 3> * pow(a, leibniz::c<-2, 3>); }
  template <class A>
  static constexpr auto rewrite(const A& a) {
    if constexpr (is_cube<A>)
      return a.base();
    else
      return leibniz::no_rewrite{};
  }
};
inline constexpr leibniz::function<cube_root_op> cube_root{};

// A Gaussian bump exp(-a^2), exact at 0 (fold), whose derivative is written with itself.
struct bump_op {
  static constexpr std::string_view name = "bump";
  template <class T>
  static T apply(const T& v) {
    using std::exp;
    return T(exp(-(v * v)));
  }
  static constexpr leibniz::detail::folded fold(leibniz::detail::rational r) { return {r.is_zero(), {1, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};
inline constexpr leibniz::function<bump_op> bump{};
template <class A>
constexpr auto bump_op::derivative(const A& a) {
  return -2_c * a * bump(a);
}

// A function of two arguments: hypot(a, b) = sqrt(a^2 + b^2).
struct hypot_op {
  static constexpr std::string_view name = "hypot";
  static auto apply(const auto& a, const auto& b) {
    using std::sqrt;
    return sqrt(a * a + b * b);
  }
  template <class A, class B>
  static constexpr auto derivative_lhs(const A& a, const B& b);
  template <class A, class B>
  static constexpr auto derivative_rhs(const A& a, const B& b);
};
inline constexpr leibniz::function<hypot_op> hypotenuse{};
template <class A, class B>
constexpr auto hypot_op::derivative_lhs(const A& a, const B& b) {
  return a / hypotenuse(a, b);
}
template <class A, class B>
constexpr auto hypot_op::derivative_rhs(const A& a, const B& b) {
  return b / hypotenuse(a, b);
}
}  // namespace user

// `c` comes with the literals: one using-directive is enough.
namespace literals_only {
using namespace leibniz::literals;
static_assert(c<6, 4> == c<3, 2>);
static_assert(c<6, 4> == 3_c / 2_c);
static_assert(!(c<6, 4> == c<4, 6>));
}  // namespace literals_only

using namespace leibniz::literals;
using user::bad_softsign;
using user::bump;
using user::cube_root;
using user::hypotenuse;
using user::softsign;

namespace {
constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;

using points = std::initializer_list<double>;

double plain_softsign(double v) {
  return v / (1 + std::abs(v));
}

/// CHECK that `got` is within `rel` of `want` (relative; absolute below 1).
void expect_close(std::string_view what, double at, double got, double want, double rel) {
  INFO(what << " at " << at << ": got " << got << ", want " << want);
  CHECK(numeric::close(got, want, rel));
}

/// A scalar function f(v) over arrays of every size from 1 to 37 (every SIMD tail, in
/// float and double): each element equals the scalar evaluation of the same expression.
template <class E>
void check_arrays(std::string_view what, const E& f) {
  for (Eigen::Index n = 1; n <= 37; ++n) {
    INFO(what << ", n = " << n);
    const Eigen::ArrayXd X = Eigen::ArrayXd::LinSpaced(n, -3.1, 2.9);
    const Eigen::ArrayXd out = f(x = X);
    REQUIRE(out.size() == n);
    const Eigen::ArrayXf Xf = X.cast<float>();
    const auto outf = f(x = Xf);
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(outf)>, Eigen::ArrayXf>);
    REQUIRE(outf.size() == n);
    for (Eigen::Index i = 0; i < n; ++i) {
      INFO("element " << i << ", x = " << X[i]);
      CHECK(numeric::close(out[i], f(x = X[i]), 1e-15));
      CHECK(numeric::close(outf[i], f(x = Xf[i]), 1e-6));
    }
  }
}
}  // namespace

// ------------------------------------------------------------------------- softsign, the DESIGN.md example

TEST_CASE("a user function: its derivative is the expression its op states", "[function][symbolic]") {
  CHECK_SYMBOLIC(leibniz::d(softsign(x), x) == 1_c / square(1_c + abs(x)));
  CHECK_SYMBOLIC(leibniz::d<2>(softsign(x), x) == -2_c * sign(x) / pow(1_c + abs(x), 3_c));
  CHECK_SYMBOLIC(leibniz::d(softsign(sin(x)), x) == cos(x) / square(1_c + abs(sin(x))));  // chain rule
  CHECK_SYMBOLIC(leibniz::d(softsign(x * y), x) == y / square(1_c + abs(x * y)));
  CHECK_SYMBOLIC(leibniz::d(softsign(x), y) == 0_c);
  // one node, shared like any other: softsign(x) twice is one node
  CHECK(leibniz::node_count(softsign(x) * softsign(x) + softsign(x)) == leibniz::node_count(x * x + x) + 1);
}

TEST_CASE("a user function: values, derivatives vs finite differences", "[function][values]") {
  constexpr auto f = softsign(x);
  constexpr auto df = leibniz::d(f, x);
  constexpr auto d2f = leibniz::d<2>(f, x);
  CHECK(f(x = 3.0) == 0.75);
  CHECK(f(x = -1.0) == -0.5);
  CHECK(f(x = 0.0) == 0.0);
  CHECK(df(x = 0.0) == 1.0);
  CHECK(df(x = 1.0) == 0.25);
  CHECK(softsign(2.0)() == plain_softsign(2.0));  // a number argument: a runtime constant
  const auto df_at = [&](double v) { return double(df(x = v)); };
  for (double p : points{-2.5, -0.7, 0.4, 3.0}) {  // off the kink at 0
    expect_close("value", p, f(x = p), plain_softsign(p), 1e-15);
    expect_close("d vs differences", p, df(x = p), numeric::derivative(plain_softsign, p), numeric::first_tolerance);
    expect_close("d<2> vs second differences", p, d2f(x = p), numeric::second_derivative(plain_softsign, p),
                 numeric::second_tolerance);
    expect_close("d<2> vs differences of d", p, d2f(x = p), numeric::derivative(df_at, p), numeric::first_tolerance);
  }
  // float and long double
  CHECK(f(x = 3.0f) == 0.75f);
  static_assert(std::is_same_v<decltype(f(x = 3.0f)), float>);
  CHECK(f(x = 3.0L) == 0.75L);
}

TEST_CASE("a user function: gradient, reverse and forward", "[function][gradient]") {
  constexpr auto f = softsign(x * y) + y * softsign(x);
  const auto ref = [](double a, double b) { return plain_softsign(a * b) + b * plain_softsign(a); };
  constexpr auto reverse = leibniz::gradient(f, x, y);
  constexpr auto forward = leibniz::gradient<leibniz::forward>(f, x, y);
  CHECK_SYMBOLIC(forward[x] == leibniz::d(f, x));
  for (auto [px, py] : {std::pair{0.6, -1.3}, std::pair{-2.0, 0.5}, std::pair{1.5, 2.5}}) {
    const auto r = reverse(x = px, y = py);
    const auto fw = forward(x = px, y = py);
    const double want_x = numeric::derivative([&](double v) { return ref(v, py); }, px);
    const double want_y = numeric::derivative([&](double v) { return ref(px, v); }, py);
    expect_close("reverse df/dx", px, r[x], want_x, numeric::first_tolerance);
    expect_close("reverse df/dy", py, r[y], want_y, numeric::first_tolerance);
    expect_close("forward df/dx", px, fw[x], r[x], 1e-14);
    expect_close("forward df/dy", py, fw[y], r[y], 1e-14);
    // the exact values: df/dx = y / (1 + |xy|)^2 + y / (1 + |x|)^2
    expect_close(
        "df/dx exact", px, r[x],
        py / ((1 + std::abs(px * py)) * (1 + std::abs(px * py))) + py / ((1 + std::abs(px)) * (1 + std::abs(px))),
        1e-14);
  }
}

TEST_CASE("a user function: printing, LaTeX by default \\operatorname{name}, to_dot", "[function][print]") {
  CHECK(leibniz::to_string(softsign(x)) == "softsign(x)");
  CHECK(leibniz::to_string(softsign(x * y) + 1_c) == "softsign(x * y) + 1");
  CHECK(leibniz::to_string(leibniz::d(softsign(x), x)) == "1 / (abs(x) + 1)^2");
  std::ostringstream out;
  out << softsign(softsign(x));
  CHECK(out.str() == "softsign(softsign(x))");
  CHECK(leibniz::to_latex(softsign(x)) == "\\operatorname{softsign}\\left(x\\right)");
  CHECK(leibniz::to_latex(cube_root(x)) == "\\sqrt[3] \\left(x\\right)");  // an op's own latex
  CHECK(leibniz::to_string(hypotenuse(x, y)) == "hypot(x, y)");

  const std::string plain = leibniz::to_dot(softsign(x * y));
  CHECK(plain.find("label=\"softsign\"") != std::string::npos);
  const std::string annotated = leibniz::to_dot(softsign(x * y), x = 1.0, y = 2.0);
  CHECK(annotated.find("<B>softsign</B>") != std::string::npos);
  CHECK(annotated.find("0.666667") != std::string::npos);  // its value, softsign(2) = 2/3
  CHECK(annotated.find("0.222222") != std::string::npos);  // the adjoint of x: y / 9
}

TEST_CASE("a user function: check_gradient passes, and fails a wrong derivative", "[function][check]") {
  const auto good = leibniz::check_gradient(softsign(x * y) + softsign(x), x = 1.0, y = -2.0);
  INFO(good);
  CHECK(good.ok());
  CHECK(good.entries.size() == 2);
  const Eigen::ArrayXd X = Eigen::ArrayXd::LinSpaced(5, -2.0, 2.5);  // 0 is not among them
  const auto on_array = leibniz::check_gradient(softsign(x) * y, x = X, y = 0.5);
  INFO(on_array);
  CHECK(on_array.ok());
  CHECK(on_array.entries.size() == 10);  // df/dx[i] and df/dy[i] for 5 elements
  const auto bad = leibniz::check_gradient(bad_softsign(x), x = 1.0);
  INFO(bad);
  CHECK_FALSE(bad.ok());
}

TEST_CASE("a user function over Eigen arrays equals it element by element", "[function][eigen]") {
  check_arrays("softsign(x)", softsign(x));
  check_arrays("d(softsign(x), x)", leibniz::d(softsign(x), x));
  check_arrays("d<2>(softsign(x), x)", leibniz::d<2>(softsign(x), x));
  check_arrays("softsign(sin(x)) x", softsign(sin(x)) * x);
  // and the reference itself, so that a wrong scalar path cannot hide a wrong array path
  const Eigen::ArrayXd X = Eigen::ArrayXd::LinSpaced(37, -3.1, 2.9);
  const Eigen::ArrayXd out = softsign(x)(x = X);
  for (Eigen::Index i = 0; i < X.size(); ++i) CHECK(numeric::close(out[i], plain_softsign(X[i]), 1e-15));

  // a gradient over arrays, a number broadcast
  const auto G = leibniz::gradient(softsign(x * y), x, y);
  const auto g = G(x = X, y = 1.5);
  for (Eigen::Index i = 0; i < X.size(); ++i) {
    const auto s = G(x = X[i], y = 1.5);
    CHECK(numeric::close(g[x][i], s[x], 1e-15));
    CHECK(numeric::close(g[y][i], s[y], 1e-15));
  }
}

// ------------------------------------------------------------------------- what else an op may give

TEST_CASE("an apply that only takes double runs one element at a time on arrays", "[function][eigen][scalar]") {
  constexpr auto f = cube_root(x);
  CHECK(numeric::close(f(x = 27.0), 3.0, 1e-15));  // glibc's cbrt(27) is 3 + 1 ulp
  CHECK(numeric::close(f(x = -8.0), -2.0, 1e-15));
  CHECK(numeric::close(f(x = 8.0f), 2.0, 1e-7));
  CHECK_SYMBOLIC(leibniz::d(f, x) == leibniz::c<1, 3> * pow(x, leibniz::c<-2, 3>));
  for (double p : points{-5.0, 0.3, 2.0})
    expect_close("d(cube_root) vs differences", p, leibniz::d(f, x)(x = p),
                 numeric::derivative([](double v) { return std::cbrt(v); }, p), numeric::first_tolerance);
  check_arrays("cube_root(x)", f);
  check_arrays("cube_root(x) sin(x)", f * sin(x));
  const Eigen::ArrayXd X = Eigen::ArrayXd::LinSpaced(17, -8.0, 8.0);
  const Eigen::ArrayXd out = f(x = X);
  for (Eigen::Index i = 0; i < X.size(); ++i) CHECK(out[i] == std::cbrt(X[i]));
}

TEST_CASE("a user function of two arguments: derivative_lhs, derivative_rhs", "[function][binary]") {
  constexpr auto f = hypotenuse(x, y);
  CHECK_SYMBOLIC(leibniz::d(f, x) == x / hypotenuse(x, y));
  CHECK_SYMBOLIC(leibniz::d(f, y) == y / hypotenuse(x, y));
  CHECK_SYMBOLIC(leibniz::d(hypotenuse(sin(x), y), x) == cos(x) * sin(x) / hypotenuse(sin(x), y));
  CHECK(f(x = 3.0, y = 4.0) == 5.0);
  CHECK(hypotenuse(x, 4.0)(x = 3.0) == 5.0);  // a number argument
  CHECK(hypotenuse(3.0, y)(y = 4.0) == 5.0);
  // Without a fold, two exact constants stay a node (evaluated, not folded).
  constexpr auto exact = hypotenuse(3_c, 4_c);
  CHECK_SYMBOLIC(!std::is_same_v<std::remove_cvref_t<decltype(exact)>, leibniz::constant<5>>);
  CHECK(exact() == 5.0);
  const auto g = leibniz::gradient(f, x, y)(x = 3.0, y = 4.0);
  CHECK(numeric::close(g[x], 0.6, 1e-15));
  CHECK(numeric::close(g[y], 0.8, 1e-15));
  const auto r = leibniz::check_hessian(f, x = 1.2, y = -0.7);
  INFO(r);
  CHECK(r.ok());
  const Eigen::ArrayXd X = Eigen::ArrayXd::LinSpaced(19, -3.0, 3.0);
  const Eigen::ArrayXd out = f(x = X, y = 1.5);
  const Eigen::ArrayXd dout = leibniz::d(f, y)(x = X, y = 1.5);
  for (Eigen::Index i = 0; i < X.size(); ++i) {
    CHECK(numeric::close(out[i], std::hypot(X[i], 1.5), 1e-15));
    CHECK(numeric::close(dout[i], 1.5 / std::hypot(X[i], 1.5), 1e-15));
  }
}

// max(a, a) = a is max's own rewrite rule, not a rule for every function of two arguments.
TEST_CASE("a user binary op on two equal operands is not simplified to one", "[function][binary]") {
  CHECK(numeric::close(hypotenuse(x, x)(x = 3.0), std::sqrt(18.0), 1e-15));
}

TEST_CASE("fold: an op's exact value at a rational point", "[function][fold]") {
  CHECK_SYMBOLIC(bump(0_c) == 1_c);
  CHECK_SYMBOLIC(!(bump(1_c) == 1_c));  // not exact there: stays a node
  CHECK(leibniz::to_string(bump(1_c)) == "bump(1)");
  CHECK(numeric::close(bump(1_c)(), std::exp(-1.0), 1e-15));
  CHECK_SYMBOLIC(leibniz::d(bump(x), x) == -2_c * x * bump(x));
  CHECK_SYMBOLIC(leibniz::d(bump(x * 0_c + 1_c), x) == 0_c);
  CHECK_SYMBOLIC(bump(x - x) * y == y);  // folded after x - x = 0
  const auto ref = [](double v) { return std::exp(-v * v); };
  for (double p : points{-1.5, 0.0, 0.8}) {
    expect_close("bump", p, bump(x)(x = p), ref(p), 1e-15);
    expect_close("d(bump) vs differences", p, leibniz::d(bump(x), x)(x = p), numeric::derivative(ref, p),
                 numeric::first_tolerance);
    expect_close("d<2>(bump) vs second differences", p, leibniz::d<2>(bump(x), x)(x = p),
                 numeric::second_derivative(ref, p), numeric::second_tolerance);
  }
  check_arrays("bump(x)", bump(x));
}

TEST_CASE("rewrite: an op's own simplification, applied as the node is built", "[function][rewrite]") {
  CHECK_SYMBOLIC(cube_root(pow(x, 3_c)) == x);
  CHECK_SYMBOLIC(cube_root(pow(sin(x), 3_c)) == sin(x));
  CHECK_SYMBOLIC(leibniz::d(cube_root(pow(x, 3_c)), x) == 1_c);
  CHECK_SYMBOLIC(!(cube_root(square(x)) == square(x)));  // no rewrite: the node stays
  CHECK(leibniz::to_string(cube_root(square(x))) == "cube_root(x^2)");
  CHECK(leibniz::to_string(cube_root(x)) == "cube_root(x)");
  CHECK(cube_root(square(x))(x = 2.0) == std::cbrt(4.0));
}

// ------------------------------------------------------------------------- the rewrites owned by log

TEST_CASE("log's rewrites: log(exp a) = a, log(1 + exp a) = softplus a, log(sigmoid a) = -softplus(-a)",
          "[function][rewrite][log]") {
  CHECK_SYMBOLIC(log(exp(x)) == x);
  CHECK_SYMBOLIC(log(exp(x * y)) == x * y);
  CHECK_SYMBOLIC(log(1_c + exp(x)) == softplus(x));
  CHECK_SYMBOLIC(log(exp(x) + 1_c) == softplus(x));  // the same sum, in canonical order
  CHECK_SYMBOLIC(log(1_c + exp(2_c * x)) == softplus(2_c * x));
  CHECK_SYMBOLIC(log(sigmoid(x)) == -softplus(-x));
  CHECK_SYMBOLIC(leibniz::d(log(1_c + exp(x)), x) == sigmoid(x));
  CHECK_SYMBOLIC(!(log(2_c + exp(x)) == softplus(x)));  // only 1 + exp(a)
  CHECK(leibniz::to_string(log(1_c + exp(x))) == "softplus(x)");
  CHECK(leibniz::to_string(log(2_c + exp(x))) == "log(exp(x) + 2)");

  // where the written forms overflow, the rewritten ones do not
  constexpr auto lse = log(1_c + exp(x));
  const double at800 = lse(x = 800.0);
  CHECK(std::isfinite(at800));
  CHECK(at800 == 800.0);
  CHECK(std::isinf(std::log(1 + std::exp(800.0))));  // what the unrewritten form gives
  CHECK(lse(x = -800.0) == 0.0);
  CHECK(numeric::close(lse(x = 0.3), std::log1p(std::exp(0.3)), 1e-15));
  constexpr auto ls = log(sigmoid(x));
  CHECK(ls(x = -800.0) == -800.0);
  CHECK(numeric::close(ls(x = 0.7), std::log(1 / (1 + std::exp(-0.7))), 1e-15));
  Eigen::ArrayXd X(5);
  X << -800.0, -1.0, 0.0, 1.0, 800.0;
  const Eigen::ArrayXd out = lse(x = X);
  CHECK(out.allFinite());
  CHECK(out[4] == 800.0);
  CHECK(numeric::close(out[1], std::log1p(std::exp(-1.0)), 1e-15));
}

// ------------------------------------------------------------------------- results by position

TEST_CASE("results are indexed by position too: g[0], g[1]", "[function][results]") {
  constexpr auto f = softsign(x) * y + x * x;
  const auto g = leibniz::gradient(f, x, y)(x = 0.5, y = 3.0);
  CHECK(g[0] == g[x]);
  CHECK(g[1] == g[y]);
  CHECK(g[0] != g[1]);
  CHECK(numeric::close(g[1], 1.0 / 3.0, 1e-15));         // softsign(0.5)
  CHECK(numeric::close(g[0], 3.0 / 2.25 + 1.0, 1e-15));  // y / (1.5)^2 + 2x
  const auto swapped = leibniz::gradient(f, y, x)(x = 0.5, y = 3.0);
  CHECK(swapped[0] == g[y]);
  CHECK(swapped[1] == g[x]);
  const auto fw = leibniz::gradient<leibniz::forward>(f, x, y)(x = 0.5, y = 3.0);
  CHECK(fw[0] == fw[x]);
  CHECK(fw[1] == fw[y]);
  const Eigen::ArrayXd X = Eigen::ArrayXd::LinSpaced(9, -1.0, 1.0);
  const auto ga = leibniz::gradient(f, x, y)(x = X, y = 3.0);
  CHECK((ga[0] == ga[x]).all());
  CHECK((ga[1] == ga[y]).all());
  CHECK(numeric::close(ga[1][8], 0.5, 1e-15));  // softsign(1)
}

TEST_CASE("pow with an integer exponent stays an integer power", "[function][pow]") {
  // pow(x, 2) with a plain int: printed x^2, differentiated to 2 * x (not 2.0 * x^1.0),
  // evaluated by multiplication (so exactly x * x), on numbers and on arrays.
  const auto f = pow(x, 2);
  CHECK(leibniz::to_string(f) == "x^2");
  CHECK(leibniz::to_string(leibniz::d(f, x)) == "2 * x");
  CHECK(leibniz::to_string(leibniz::d(pow(x, 3) * y, x)) == "3 * y * x^2");
  for (double v : {-2.5, -1.0, 0.0, 0.3, 1.7}) {
    CHECK(f(x = v) == v * v);
    CHECK(leibniz::d(f, x)(x = v) == 2 * v);
    CHECK(pow(x, -2)(x = v == 0.0 ? 1.0 : v) == 1 / ((v == 0.0 ? 1.0 : v) * (v == 0.0 ? 1.0 : v)));
    CHECK(numeric::close(leibniz::d(pow(x, 5), x)(x = v), 5 * std::pow(v, 4), 1e-15));
  }
  // d(x^n / 2): an integer exponent meets a fraction without integer division.
  CHECK(leibniz::d(pow(x, 3) / 2_c, x)(x = 2.0) == 6.0);
  const Eigen::ArrayXd X = Eigen::ArrayXd::LinSpaced(37, -2.0, 2.0);
  const Eigen::ArrayXd cube = pow(x, 3)(x = X);
  const Eigen::ArrayXd slope = leibniz::gradient(pow(x, 3) * y, x, y)(x = X, y = 2.0)[x];
  for (Eigen::Index i = 0; i < X.size(); ++i) {
    CHECK(cube[i] == X[i] * X[i] * X[i]);
    CHECK(numeric::close(slope[i], 6 * X[i] * X[i], 1e-15));
  }
}
