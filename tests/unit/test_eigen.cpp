// tests/unit/test_eigen.cpp — evaluation over Eigen arrays: every kind of array a user
// has (ArrayXd, ArrayXf, Map, strided Map, segment, expression), numbers broadcast,
// results as plain arrays, leibniz::tie into existing memory, sizes checked, empty
// arrays; results read without copies, arrays bound by name referred to and temporaries
// held. Every element is compared with the scalar evaluation of the same expression.
// Built twice: with xsimd's kernels and with -DLEIBNIZ_NO_SIMD (Eigen's blocks).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <leibniz/leibniz.hpp>

using namespace leibniz::literals;

namespace {
constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;

// Every function of the library, in one expression, on [0.1, 0.9] x [0.5, 1.5].
constexpr auto f_elementary = sin(x) * cos(y) + tan(x) - asin(x) * acos(x) + atan(y) + sinh(x) * cosh(y) + tanh(x * y) +
                              exp(x) / log(y + 1_c) + sqrt(y) + log1p(x) - expm1(y) + sigmoid(x - y) + softplus(y - x) +
                              relu(x - y) + abs(x - y) + max(x, y) * min(x, y) + square(x) + pow(x, y) +
                              pow(y, 1_c / 3_c);
constexpr auto f = f_elementary + erf(x - y) + normal_cdf(y - x) + gelu(x * y - 1_c);

Eigen::ArrayXd points(Eigen::Index n, double from, double to) {
  return Eigen::ArrayXd::LinSpaced(n, from, to);
}

template <class A, class F>
void check_elementwise(const A& got, F&& want, double tolerance) {
  for (Eigen::Index i = 0; i < got.size(); ++i) {
    INFO("element " << i);
    CHECK(double(got[i]) == Approx(want(i)).epsilon(tolerance).margin(tolerance));
  }
}
}  // namespace

TEST_CASE("f over arrays equals f element by element, all functions", "[eigen]") {
  for (Eigen::Index n : {1, 2, 3, 7, 8, 9, 16, 17, 127, 128, 129, 1000}) {  // every tail length
    INFO("n = " << n);
    const Eigen::ArrayXd X = points(n, 0.1, 0.9), Y = points(n, 1.5, 0.5);
    const Eigen::ArrayXd out = f(x = X, y = Y);
    REQUIRE(out.size() == n);
    check_elementwise(
        out, [&](Eigen::Index i) { return f(x = X[i], y = Y[i]); }, 1e-14);
  }
}

TEST_CASE("erf, normal_cdf and gelu over arrays: values and derivatives, tails included", "[eigen][erf]") {
  // xsimd's erf and erfc, or (with -DLEIBNIZ_NO_SIMD) std::erf and std::erfc one element
  // at a time; on [-7, 7], so normal_cdf reaches its lower tail (Phi(-7) ~ 1e-12).
  // xsimd's erfc is within 4e-12 relative of std::erfc (worst near Phi(-3.1)), its erf
  // within 1e-14: the tolerances below.
  constexpr auto with_erf = std::tuple{erf(x), leibniz::d(erf(x), x), leibniz::d<2>(erf(x), x)};
  constexpr auto with_erfc = std::tuple{normal_cdf(x), gelu(x), leibniz::d(normal_cdf(x), x), leibniz::d(gelu(x), x),
                                        leibniz::d<2>(gelu(x), x)};
  for (Eigen::Index n : {1, 2, 3, 5, 8, 9, 16, 17, 37, 301}) {
    INFO("n = " << n);
    const Eigen::ArrayXd X = points(n, -7.0, 7.0);
    const Eigen::ArrayXf Xf = X.cast<float>();
    const auto check_all = [&](const auto& fs, double tolerance) {
      std::apply(
          [&](const auto&... g) {
            (check_elementwise(
                 Eigen::ArrayXd(g(x = X)), [&](Eigen::Index i) { return double(g(x = X[i])); }, tolerance),
             ...);
            (check_elementwise(
                 Eigen::ArrayXf(g(x = Xf)), [&](Eigen::Index i) { return double(g(x = Xf[i])); }, 1e-5),
             ...);
          },
          fs);
    };
    check_all(with_erf, 1e-14);
    check_all(with_erfc, 1e-11);
  }
  // and against the standard library, so that both paths are checked, not only their agreement
  const Eigen::ArrayXd X = points(29, -7.0, 7.0);
  const Eigen::ArrayXd e = erf(x)(x = X), p = normal_cdf(x)(x = X), g = gelu(x)(x = X);
  check_elementwise(
      e, [&](Eigen::Index i) { return std::erf(X[i]); }, 1e-14);
  check_elementwise(
      p, [&](Eigen::Index i) { return 0.5 * std::erfc(-X[i] / std::sqrt(2.0)); }, 1e-11);
  check_elementwise(
      g, [&](Eigen::Index i) { return X[i] * 0.5 * std::erfc(-X[i] / std::sqrt(2.0)); }, 1e-11);
  CHECK(p[0] > 0.0);
  CHECK(p[0] == Approx(1.279812543885835e-12).epsilon(1e-11));  // Phi(-7), relative in the tail
}

TEST_CASE("numbers are broadcast and constants come back as arrays", "[eigen]") {
  const Eigen::ArrayXd X = points(11, -2.0, 2.0);
  const Eigen::ArrayXd out = (sin(x) * y)(x = X, y = 3.0);
  check_elementwise(
      out, [&](Eigen::Index i) { return std::sin(X[i]) * 3.0; }, 1e-15);
  const auto g = leibniz::gradient(x + 2_c * y, x, y)(x = X, y = 1.0);
  REQUIRE(g[x].size() == 11);
  CHECK((g[x] == 1.0).all());
  CHECK((g[y] == 2.0).all());
}

TEST_CASE("maps, strided maps, segments and expressions can be bound", "[eigen]") {
  std::vector<double> memory(40);
  for (std::size_t i = 0; i < memory.size(); ++i) memory[i] = 0.05 * double(i) - 0.7;
  const Eigen::Map<const Eigen::ArrayXd> contiguous(memory.data(), 20);
  const Eigen::Map<const Eigen::ArrayXd, 0, Eigen::InnerStride<2>> strided(memory.data(), 20);
  const Eigen::ArrayXd X = points(30, -1.0, 1.0);
  constexpr auto h = exp(x) * y - tanh(y);
  const Eigen::ArrayXd a = h(x = contiguous, y = strided);
  check_elementwise(
      a, [&](Eigen::Index i) { return h(x = memory[i], y = memory[2 * i]); }, 1e-15);
  const Eigen::ArrayXd b = h(x = X.segment(5, 20), y = X.tail(20) * 2.0);
  check_elementwise(
      b, [&](Eigen::Index i) { return h(x = X[5 + i], y = X[10 + i] * 2.0); }, 1e-15);
}

TEST_CASE("float arrays give float results; long double works element by element", "[eigen]") {
  const Eigen::ArrayXf X = points(19, 0.1, 2.0).cast<float>();
  const auto out = (exp(x) * sin(x))(x = X);
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(out)>, Eigen::ArrayXf>);
  check_elementwise(
      out, [&](Eigen::Index i) { return double(std::exp(X[i]) * std::sin(X[i])); }, 1e-6);
  const Eigen::Array<long double, Eigen::Dynamic, 1> L = points(5, 0.1, 2.0).cast<long double>();
  const auto ol = (exp(x) * sin(x))(x = L);
  static_assert(std::is_same_v<typename std::remove_cvref_t<decltype(ol)>::Scalar, long double>);
  check_elementwise(
      ol, [&](Eigen::Index i) { return double(std::exp(L[i]) * std::sin(L[i])); }, 1e-15);
}

TEST_CASE("gradients over arrays: indexed, structured bindings, tie", "[eigen][gradient]") {
  const Eigen::Index n = 37;
  const Eigen::ArrayXd X = points(n, 0.1, 0.9), Y = points(n, 1.5, 0.5);
  const auto G = leibniz::gradient(f, x, y);
  const auto g = G(x = X, y = Y);
  const auto gx_at = [&](Eigen::Index i) { return G(x = X[i], y = Y[i])[x]; };
  const auto gy_at = [&](Eigen::Index i) { return G(x = X[i], y = Y[i])[y]; };
  check_elementwise(g[x], gx_at, 1e-13);
  check_elementwise(g[y], gy_at, 1e-13);

  const auto [gx, gy] = G(x = X, y = Y);
  check_elementwise(gx, gx_at, 1e-13);
  check_elementwise(gy, gy_at, 1e-13);

  Eigen::ArrayXd tx(n), ty;  // ty is resized
  leibniz::tie(tx, ty) = G(x = X, y = Y);
  REQUIRE(ty.size() == n);
  check_elementwise(tx, gx_at, 1e-13);
  check_elementwise(ty, gy_at, 1e-13);

  std::vector<double> memory(n), interleaved(2 * n);  // into the user's own memory
  Eigen::Map<Eigen::ArrayXd> mx(memory.data(), n);
  Eigen::Map<Eigen::ArrayXd, 0, Eigen::InnerStride<2>> my(interleaved.data() + 1, n);
  leibniz::tie(my, mx) = leibniz::gradient(f, y, x)(x = X, y = Y);
  check_elementwise(mx, gx_at, 1e-13);
  check_elementwise(my, gy_at, 1e-13);

  Eigen::ArrayXf fx, fy;  // another precision: converted
  leibniz::tie(fx, fy) = G(x = X, y = Y);
  check_elementwise(fx, gx_at, 1e-6);

  // In place: the arguments may be the destinations.
  Eigen::ArrayXd a = X, b = Y;
  leibniz::tie(a, b) = leibniz::gradient(x * y, x, y)(x = a, y = b);
  check_elementwise(
      a, [&](Eigen::Index i) { return Y[i]; }, 0);
  check_elementwise(
      b, [&](Eigen::Index i) { return X[i]; }, 0);
}

TEST_CASE("hessians and jacobians over arrays", "[eigen][gradient]") {
  const Eigen::ArrayXd X = points(21, 0.1, 0.9), Y = points(21, 1.5, 0.5);
  const auto H = leibniz::hessian(f, x, y)(x = X, y = Y);
  check_elementwise(
      H[x][y], [&](Eigen::Index i) { return leibniz::d(f, x, y)(x = X[i], y = Y[i]); }, 1e-12);
  check_elementwise(
      H[y][y], [&](Eigen::Index i) { return leibniz::d(f, y, y)(x = X[i], y = Y[i]); }, 1e-12);
  const auto J = leibniz::jacobian(std::tuple{x * y, sin(x) + y}, x, y)(x = X, y = 2.0);
  check_elementwise(
      J[1][x], [&](Eigen::Index i) { return std::cos(X[i]); }, 1e-15);
  check_elementwise(
      J[0][y], [&](Eigen::Index i) { return X[i]; }, 0);
}

TEST_CASE("arrays of different sizes: std::invalid_argument naming both sizes", "[eigen][errors]") {
  const Eigen::ArrayXd X = points(5, 0, 1), Y = points(3, 0, 1);
  CHECK_THROWS_AS(f(x = X, y = Y), std::invalid_argument);
  try {
    (void)f(x = X, y = Y);
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    CHECK(what.find("x has 5") != std::string::npos);
    CHECK(what.find("y has 3") != std::string::npos);
  }
  CHECK_THROWS_AS(leibniz::gradient(f, x, y)(x = X, y = Y)[x], std::invalid_argument);
  Eigen::ArrayXd ok(5);
  std::vector<double> memory(4);
  Eigen::Map<Eigen::ArrayXd> too_small(memory.data(), 4);
  CHECK_THROWS_WITH((leibniz::tie(ok, too_small) = leibniz::gradient(x * y, x, y)(x = X, y = 1.0)),
                    Catch::Contains("has 4 elements, the result has 5"));
}

TEST_CASE("empty arrays give empty results", "[eigen]") {
  const Eigen::ArrayXd empty;
  CHECK(Eigen::ArrayXd(f(x = empty, y = 1.0)).size() == 0);
  Eigen::ArrayXd gx(3), gy;
  leibniz::tie(gx, gy) = leibniz::gradient(f, x, y)(x = empty, y = empty);
  CHECK(gx.size() == 0);
  CHECK(gy.size() == 0);
}

TEST_CASE("IEEE semantics over arrays: NaN and infinity, no exceptions", "[eigen]") {
  Eigen::ArrayXd X(4);
  X << -1.0, 0.0, 1.0, 2.0;
  const Eigen::ArrayXd l = log(x)(x = X);
  CHECK(std::isnan(l[0]));
  CHECK(std::isinf(l[1]));
  CHECK(l[2] == 0.0);
  const Eigen::ArrayXd r = (1_c / x)(x = X);
  CHECK(std::isinf(r[1]));
}

TEST_CASE("outputs over arrays, written by tie without temporaries", "[eigen][outputs]") {
  const Eigen::ArrayXd X = points(300, 0.1, 0.9);
  Eigen::ArrayXd value(300), slope(300);
  leibniz::tie(value, slope) = leibniz::outputs(f, leibniz::d(f, x))(x = X, y = 0.75);
  check_elementwise(
      value, [&](Eigen::Index i) { return f(x = X[i], y = 0.75); }, 1e-14);
  check_elementwise(
      slope, [&](Eigen::Index i) { return leibniz::d(f, x)(x = X[i], y = 0.75); }, 1e-13);
}

TEST_CASE("outputs larger than the cache are streamed, and equal the stored ones", "[eigen][outputs]") {
  // Over more than 16 MiB the outputs are written with non-temporal stores (where the
  // SIMD backend has them): here six arrays of 8 MiB, with relu and step. Every element
  // must equal the same gradient computed in pieces too small to stream, the aligned
  // outputs (Eigen's own arrays) and misaligned ones (a map one element in) alike, the
  // last partial chunk included (n is odd).
  constexpr auto w = leibniz::var<"w">;
  constexpr auto b = leibniz::var<"b">;
  const auto L = pow(y * relu(w * x + b) - 1_c, 2_c);
  const auto G = leibniz::gradient(L, w, b, y);
  const Eigen::Index n = (Eigen::Index(1) << 20) + 3;  // 6 arrays of 8 MiB
  const Eigen::ArrayXd X = points(n, -1.0, 1.0), W = points(n, 0.5, 1.5);
  const Eigen::ArrayXd B = points(n, 0.2, -0.2), Y = points(n, 1.5, 0.5);
  Eigen::ArrayXd gw(n), gb(n), gy(n);
  leibniz::tie(gw, gb, gy) = G(x = X, w = W, b = B, y = Y);
  Eigen::ArrayXd shifted(n + 1);
  Eigen::Map<Eigen::ArrayXd> gw_misaligned(shifted.data() + 1, n);
  Eigen::ArrayXd gb2(n), gy2(n);
  leibniz::tie(gw_misaligned, gb2, gy2) = G(x = X, w = W, b = B, y = Y);
  const Eigen::Index piece = 1000;  // 48 KB per call: never streamed
  for (Eigen::Index start = 0; start < n; start += piece) {
    const Eigen::Index m = std::min(piece, n - start);
    Eigen::ArrayXd pw(m), pb(m), py(m);
    leibniz::tie(pw, pb, py) = G(x = X.segment(start, m), w = W.segment(start, m), b = B.segment(start, m),
                                 y = Y.segment(start, m));
    for (Eigen::Index i = 0; i < m; ++i) {
      const Eigen::Index k = start + i;
      if (gw[k] != pw[i] || gb[k] != pb[i] || gy[k] != py[i] || gw_misaligned[k] != pw[i] || gb2[k] != pb[i] ||
          gy2[k] != py[i]) {
        INFO("element " << k << ": " << gw[k] << " " << gb[k] << " " << gy[k] << " against " << pw[i] << " " << pb[i]
                        << " " << py[i]);
        REQUIRE(false);
      }
    }
  }
  // Rosenbrock's gradient, whose products an optimiser may contract into FMAs: alike
  // streamed and stored, to the last bit (built at -O3 in unit_eigen_native).
  const auto R = leibniz::gradient(pow(1_c - x, 2_c) + 100_c * pow(y - pow(x, 2_c), 2_c), x, y);
  Eigen::ArrayXd rx(n), ry(n);
  leibniz::tie(rx, ry) = R(x = X, y = Y);
  for (Eigen::Index start = 0; start < n; start += piece) {
    const Eigen::Index m = std::min(piece, n - start);
    Eigen::ArrayXd px(m), py(m);
    leibniz::tie(px, py) = R(x = X.segment(start, m), y = Y.segment(start, m));
    for (Eigen::Index i = 0; i < m; ++i)
      if (rx[start + i] != px[i] || ry[start + i] != py[i]) {
        INFO("Rosenbrock, element " << start + i << ": " << rx[start + i] << " " << ry[start + i] << " against "
                                    << px[i] << " " << py[i]);
        REQUIRE(false);
      }
  }
  for (Eigen::Index k = 0; k < n; k += 997) {  // and against the scalar derivative, sampled
    INFO("element " << k);
    CHECK(gb[k] == Approx(leibniz::d(L, b)(x = X[k], w = W[k], b = B[k], y = Y[k])).epsilon(1e-14).margin(1e-14));
  }
}

TEST_CASE("a result is computed once and read without copies", "[eigen][gradient][results]") {
  const Eigen::ArrayXd X = points(41, 0.1, 0.9), Y = points(41, 1.5, 0.5);
  const auto G = leibniz::gradient(sin(x) * y, x, y);
  auto g = G(x = X, y = Y);
  static_assert(std::is_same_v<decltype(g[x]), Eigen::ArrayXd&>);
  static_assert(std::is_same_v<decltype(std::as_const(g)[x]), const Eigen::ArrayXd&>);
  // Every read is the same array: by the variable, by position, through get<I>.
  const double* const gx_data = g[x].data();
  CHECK(g[0].data() == gx_data);
  CHECK(g.get<0>().data() == gx_data);
  CHECK(std::as_const(g)[x].data() == gx_data);
  check_elementwise(
      g[x], [&](Eigen::Index i) { return std::cos(X[i]) * Y[i]; }, 1e-15);
  // Moving an entry out takes its buffer.
  const Eigen::ArrayXd gx = std::move(g[x]);
  CHECK(gx.data() == gx_data);

  // A temporary result gives its entries by value, moved out: no copy, and no reference
  // into a result that is gone at the end of the statement.
  static_assert(std::is_same_v<decltype(G(x = X, y = Y)[x]), Eigen::ArrayXd>);
  static_assert(std::is_same_v<decltype(G(x = X, y = Y).get<1>()), Eigen::ArrayXd>);
  const auto& gy = G(x = X, y = Y)[y];  // the lifetime of the moved-out array is extended
  check_elementwise(
      gy, [&](Eigen::Index i) { return std::sin(X[i]); }, 1e-15);

  // A Hessian's mirrored entries are two arrays with the same values.
  const auto H = leibniz::hessian(sin(x) * y * y, x, y)(x = X, y = Y);
  CHECK(H[x][y].data() != H[y][x].data());
  CHECK((H[x][y] == H[y][x]).all());
  check_elementwise(
      H[y][x], [&](Eigen::Index i) { return 2.0 * std::cos(X[i]) * Y[i]; }, 1e-14);
  // A Hessian tied into destinations of another precision (through temporaries).
  Eigen::ArrayXf hxx, hxy, hyy;
  leibniz::tie(hxx, hxy, hyy) = leibniz::hessian(sin(x) * y * y, x, y)(x = X, y = Y);
  check_elementwise(
      hxy, [&](Eigen::Index i) { return 2.0 * std::cos(X[i]) * Y[i]; }, 1e-6);
}

namespace {
Eigen::ArrayXd make_points() {
  return points(50, 0.1, 0.9);
}
}  // namespace

TEST_CASE("a temporary array bound to a variable is held by the binding", "[eigen][bindings]") {
  const Eigen::ArrayXd X = make_points();
  const auto G = leibniz::gradient(sin(x) * y, x, y);
  auto g = G(x = make_points(), y = 3.0);  // the temporary array is destroyed here...
  // ...and its memory handed out again: if the binding had kept a reference, the result
  // would be computed from these values (and ASan would report the read).
  const Eigen::ArrayXd scribble = Eigen::ArrayXd::Constant(50, -1e300);
  check_elementwise(
      g[x], [&](Eigen::Index i) { return std::cos(X[i]) * 3.0; }, 1e-15);
  check_elementwise(
      g[y], [&](Eigen::Index i) { return std::sin(X[i]); }, 1e-15);
  CHECK(scribble[0] == -1e300);

  // Moved in, not copied: the binding holds the temporary's own buffer, and so do its copies.
  Eigen::ArrayXd T = make_points();
  const double* const t_data = T.data();
  const auto bt = (x = std::move(T));
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(bt)>, leibniz::binding<"x", Eigen::ArrayXd>>);
  CHECK(bt.value.data() == t_data);
  const auto copy = bt;
  CHECK(copy.value.data() == t_data);
  check_elementwise(
      leibniz::eval(sin(x), bt), [&](Eigen::Index i) { return std::sin(X[i]); }, 1e-15);
}

TEST_CASE("an array bound by name is referred to, never copied", "[eigen][bindings]") {
  Eigen::ArrayXd X = make_points();
  const auto bx = (x = X);
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(bx)>, leibniz::binding<"x", Eigen::ArrayXd>>);
  CHECK(&bx.value == &X);

  // A result reads the arrays bound by name when it is first read, not when it is made:
  // it holds them by reference. Changing X in between shows in the result.
  const auto G = leibniz::gradient(x * y, x, y);
  auto g = G(x = X, y = 2.0);
  X *= 10.0;
  const Eigen::ArrayXd original = make_points();
  check_elementwise(
      g[y], [&](Eigen::Index i) { return 10.0 * original[i]; }, 1e-15);
}
