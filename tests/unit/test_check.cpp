// The gradient checker (check.hpp): correct gradients pass at every scale and
// curvature, every injected bug is caught, non-finite values fail, and the report
// says what it found.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

#include <Eigen/Core>
#include <leibniz/leibniz.hpp>

using namespace leibniz::literals;

namespace {

constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
constexpr auto z = leibniz::var<"z">;

std::string text(const leibniz::check_report& r) {
  std::ostringstream s;
  s << r;
  return s.str();
}

using vec = Eigen::VectorXd;

vec vec2(double a, double b) {
  vec v(2);
  v << a, b;
  return v;
}

// f(v) = sum_i sin(v_i) v_{i+1} + v_0^2 (an ordinary function, no leibniz), and its
// gradient with an optional injected bug.
enum class bug { none, sign_flip, factor_1001, missing_term, swapped, nearby_function };

double chain(const vec& v) {
  double s = v[0] * v[0];
  for (Eigen::Index i = 0; i + 1 < v.size(); ++i) s += std::sin(v[i]) * v[i + 1];
  return s;
}

vec chain_gradient(const vec& v, bug b, Eigen::Index where) {
  const Eigen::Index n = v.size();
  vec g = vec::Zero(n);
  g[0] = 2 * v[0];
  for (Eigen::Index i = 0; i + 1 < n; ++i) {
    g[i] += std::cos(v[i]) * v[i + 1];
    g[i + 1] += std::sin(v[i]);
  }
  switch (b) {
    case bug::none:
      break;
    case bug::sign_flip:
      g[where] = -g[where];
      break;
    case bug::factor_1001:
      g[where] *= 1.001;
      break;
    case bug::missing_term:
      g[where] -= std::sin(v[where - 1]);
      break;  // the term from the left neighbour
    case bug::swapped:
      std::swap(g[where], g[where + 1]);
      break;
    case bug::nearby_function:  // the gradient of sum sin(v_i) v_{i+1} + 1.001 v_0^2
      g[0] += 0.002 * v[0];
      break;
  }
  return g;
}

}  // namespace

TEST_CASE("correct gradients of expressions pass for inputs from 1e-6 to 1e6", "[check]") {
  const double magnitudes[] = {1e-6, 1e-3, 0.5, 1.0, 3.0, 1e3, 1e6};
  for (double mx : magnitudes)
    for (double my : magnitudes) {
      INFO("x = " << mx << ", y = " << my);
      for (double sx : {1.0, -1.0}) {
        const double vx = sx * mx;
        auto r1 = leibniz::check_gradient(x * y + x / y, x = vx, y = my);
        auto r2 = leibniz::check_gradient(pow(x, 3_c) * y - y / x, x = vx, y = my);
        auto r3 = leibniz::check_gradient(sin(x) * y + atan(x / y), x = vx, y = my);
        auto r4 = leibniz::check_gradient(tanh(x * y) + sqrt(x * x + y * y), x = vx, y = my);
        INFO(r1 << r2 << r3 << r4);
        CHECK(r1.ok());
        CHECK(r2.ok());
        CHECK(r3.ok());
        CHECK(r4.ok());
      }
      auto r5 = leibniz::check_gradient(log(x) * y + sqrt(x) / y, x = mx, y = my);
      INFO(r5);
      CHECK(r5.ok());
      CHECK(r5.entries.size() == 2);
    }
}

TEST_CASE("correct gradients pass for functions of large curvature", "[check]") {
  for (double v : {-3.0, -1.0, 0.0, 0.5, 1.0, 3.0}) {
    auto r = leibniz::check_gradient(exp(10_c * x), x = v);
    INFO(r);
    CHECK(r.ok());
  }
  for (double v : {1e-3, 2e-3, -1e-3, 1e-5}) {
    auto r1 = leibniz::check_gradient(1_c / x, x = v);
    auto r2 = leibniz::check_gradient(1_c / (x * x) + log(x * x), x = v);
    INFO(r1 << r2);
    CHECK(r1.ok());
    CHECK(r2.ok());
  }
  for (double v : {0.1, 1.0, 1e6}) {
    auto r = leibniz::check_gradient(sin(100_c * x) + cos(x), x = v);
    INFO(r);
    CHECK(r.ok());
  }
  auto r = leibniz::check_gradient(exp(x * x) * y, x = 3.0, y = 1e-6);  // f ~ 8e-3, f' ~ 5e-2
  INFO(r);
  CHECK(r.ok());
  auto h = leibniz::check_hessian(exp(10_c * x) * y + 1_c / x, x = 2e-3, y = 0.5);
  INFO(h);
  CHECK(h.ok());
}

TEST_CASE("every stencil and a fixed step pass a correct gradient", "[check]") {
  for (auto m :
       {leibniz::check_method::central, leibniz::check_method::fourth_order, leibniz::check_method::sixth_order}) {
    leibniz::check_options o;
    o.method = m;
    for (double v : {1e-6, 0.3, 1e6}) {
      auto r = leibniz::check_gradient(sin(x) * y + x / y, x = v, y = 2.0, o);
      INFO(r);
      CHECK(r.ok());
    }
  }
  leibniz::check_options fixed;
  fixed.step = 1e-4;
  fixed.method = leibniz::check_method::central;
  auto r = leibniz::check_gradient(sin(x) * y, x = 1.0, y = 2.0, fixed);
  CHECK(r.ok());
  CHECK(r.entries[0].step == 1e-4);
}

TEST_CASE("every injected bug in a hand-written gradient is caught", "[check]") {
  vec v(6);
  v << 0.7, -1.3, 2.1, 1e-3, 5.0, -0.4;
  CHECK(leibniz::check_gradient(
            chain, [](const vec& p) { return chain_gradient(p, bug::none, 0); }, v)
            .ok());
  for (bug b : {bug::sign_flip, bug::factor_1001, bug::missing_term, bug::swapped, bug::nearby_function}) {
    const Eigen::Index where = b == bug::nearby_function ? 0 : 2;
    const auto r = leibniz::check_gradient(
        chain, [&](const vec& p) { return chain_gradient(p, b, where); }, v);
    INFO(r);
    CHECK_FALSE(r.ok());
    CHECK(r.worst().label == "g[" + std::to_string(where) + "]");
    CHECK_FALSE(r.worst().passed);
  }
}

TEST_CASE("bugs are caught in arrays, and the worst element is named", "[check]") {
  // A gradient of 200 coordinates (an array's worth), one element wrong by 1.001.
  vec v = vec::LinSpaced(200, -3.0, 3.0);
  const auto right = [](const vec& p) { return chain_gradient(p, bug::none, 0); };
  CHECK(leibniz::check_gradient(chain, right, v).ok());
  const auto wrong = [](const vec& p) { return chain_gradient(p, bug::factor_1001, 137); };
  const auto r = leibniz::check_gradient(chain, wrong, v);
  CHECK(r.failures() == 1);
  CHECK(r.worst().label == "g[137]");
  CHECK(r.worst().reason == "mismatch");
  CHECK(r.worst().rel_error == Approx(1e-3 / 1.001).epsilon(1e-3));
  // The table is cut to the failures and the worst; the summary counts all.
  const std::string t = text(r);
  CHECK(t.find("g[137]") != std::string::npos);
  CHECK(t.find("199 passing entries not shown") != std::string::npos);
  CHECK(t.find("200 entries checked, 1 FAILED; worst: g[137]") != std::string::npos);
}

TEST_CASE("array bindings check every element", "[check]") {
  Eigen::ArrayXd X = Eigen::ArrayXd::LinSpaced(40, -2.0, 2.0);
  Eigen::ArrayXd Y = Eigen::ArrayXd::LinSpaced(40, 1e-3, 1e3);
  const auto r = leibniz::check_gradient(sin(x) * y + x / y, x = X, y = Y);
  INFO(r);
  CHECK(r.ok());
  CHECK(r.entries.size() == 80);
  CHECK(r.entries[2].label == "df/dx[1]");  // element by element: dx[0], dy[0], dx[1], ...
  CHECK(r.entries[2].analytic == Approx(std::cos(X[1]) * Y[1] + 1 / Y[1]));
  // Scalars broadcast; float arrays are checked in float.
  Eigen::ArrayXf F = Eigen::ArrayXf::LinSpaced(10, 0.5f, 4.0f);
  const auto rf = leibniz::check_gradient(log(x) * y, x = F, y = 2.0f);
  INFO(rf);
  CHECK(rf.ok());
  CHECK(rf.rtol == 1e-4);
  const auto h = leibniz::check_hessian(exp(x * y), x = X, y = 0.5);
  INFO(h);
  CHECK(h.ok());
  CHECK(h.entries.size() == 160);
  Eigen::ArrayXd short_one(3);
  short_one << 1, 2, 3;
  CHECK_THROWS_AS(leibniz::check_gradient(x * y, x = X, y = short_one), std::invalid_argument);
  CHECK_THROWS_WITH(leibniz::check_gradient(x * y, x = X, y = short_one),
                    Catch::Contains("x has 40 elements, y has 3"));
}

TEST_CASE("Hessians of expressions are confirmed", "[check]") {
  const auto r = leibniz::check_hessian(sin(x) * y + x * x * z + exp(y * z), x = 0.3, y = -1.2, z = 0.8);
  INFO(r);
  CHECK(r.ok());
  CHECK(r.entries.size() == 9);
  CHECK(r.entries[1].label == "d2f/dx dy");
  CHECK(r.entries[1].analytic == Approx(std::cos(0.3)));
  // Variables bound but not used are ignored.
  const auto g = leibniz::check_gradient(sin(x), x = 0.3, z = 4.0);
  CHECK(g.entries.size() == 1);
}

TEST_CASE("bugs in a hand-written Hessian and Jacobian are caught", "[check]") {
  vec v(3);
  v << 0.5, -0.25, 2.0;
  // F(v) = (v0 v1, sin(v2) + v0^2); J = [[v1, v0, 0], [2 v0, 0, cos v2]].
  const auto F = [](const vec& p) {
    vec out(2);
    out << p[0] * p[1], std::sin(p[2]) + p[0] * p[0];
    return out;
  };
  const auto J = [](const vec& p, bug b) {
    Eigen::MatrixXd j(2, 3);
    j << p[1], p[0], 0, 2 * p[0], 0, std::cos(p[2]);
    if (b == bug::swapped)
      std::swap(j(0, 0), j(0, 1));
    if (b == bug::sign_flip)
      j(1, 2) = -j(1, 2);
    if (b == bug::factor_1001)
      j(1, 0) *= 1.001;
    return j;
  };
  CHECK(leibniz::check_jacobian(
            F, [&](const vec& p) { return J(p, bug::none); }, v)
            .ok());
  for (bug b : {bug::swapped, bug::sign_flip, bug::factor_1001}) {
    const auto r = leibniz::check_jacobian(
        F, [&](const vec& p) { return J(p, b); }, v);
    INFO(r);
    CHECK_FALSE(r.ok());
  }
  const auto r = leibniz::check_jacobian(
      F, [&](const vec& p) { return J(p, bug::factor_1001); }, v);
  CHECK(r.worst().label == "J[1][0]");
  // A Hessian is the Jacobian of the gradient.
  const auto grad = [](const vec& p) { return chain_gradient(p, bug::none, 0); };
  const auto hess = [](const vec& p, bool wrong) {
    Eigen::MatrixXd h = Eigen::MatrixXd::Zero(p.size(), p.size());
    h(0, 0) = 2;
    for (Eigen::Index i = 0; i + 1 < p.size(); ++i) {
      h(i, i) += -std::sin(p[i]) * p[i + 1];
      h(i, i + 1) += std::cos(p[i]);
      h(i + 1, i) += wrong ? -std::cos(p[i]) : std::cos(p[i]);
    }
    return h;
  };
  CHECK(leibniz::check_jacobian(
            grad, [&](const vec& p) { return hess(p, false); }, v)
            .ok());
  CHECK_FALSE(leibniz::check_jacobian(
                  grad, [&](const vec& p) { return hess(p, true); }, v)
                  .ok());
  CHECK_THROWS_AS(leibniz::check_jacobian(
                      F, [](const vec&) { return Eigen::MatrixXd(3, 2); }, v),
                  std::invalid_argument);
}

TEST_CASE("random directions check grad . v cheaply and catch the same bugs", "[check]") {
  vec v = vec::LinSpaced(500, -2.0, 2.0);
  leibniz::check_options o;
  o.directions = 3;
  const auto right = leibniz::check_gradient(
      chain, [](const vec& p) { return chain_gradient(p, bug::none, 0); }, v, o);
  INFO(right);
  CHECK(right.ok());
  CHECK(right.entries.size() == 3);
  CHECK(right.entries[0].label == "g.v[0]");
  for (bug b : {bug::sign_flip, bug::missing_term, bug::swapped}) {
    const auto r = leibniz::check_gradient(
        chain, [&](const vec& p) { return chain_gradient(p, b, 250); }, v, o);
    INFO(r);
    CHECK_FALSE(r.ok());
  }
  // The same seed gives the same directions, another seed others.
  const auto again = leibniz::check_gradient(
      chain, [](const vec& p) { return chain_gradient(p, bug::none, 0); }, v, o);
  CHECK(again.entries[1].analytic == right.entries[1].analytic);
  o.seed = 7;
  const auto other = leibniz::check_gradient(
      chain, [](const vec& p) { return chain_gradient(p, bug::none, 0); }, v, o);
  CHECK(other.entries[1].analytic != right.entries[1].analytic);
}

TEST_CASE("float callables are checked in float", "[check]") {
  using vecf = Eigen::VectorXf;
  vecf v(3);
  v << 0.5f, 2.0f, -1.5f;
  const auto f = [](const vecf& p) { return std::exp(p[0]) * p[1] + p[2] * p[2] * p[2]; };
  const auto g = [](const vecf& p, float factor) {
    vecf out(3);
    out << std::exp(p[0]) * p[1], std::exp(p[0]), 3 * p[2] * p[2] * factor;
    return out;
  };
  const auto right = leibniz::check_gradient(
      f, [&](const vecf& p) { return g(p, 1.0f); }, v);
  INFO(right);
  CHECK(right.ok());
  CHECK(right.rtol == 1e-4);
  CHECK_FALSE(leibniz::check_gradient(
                  f, [&](const vecf& p) { return g(p, 1.001f); }, v)
                  .ok());
}

TEST_CASE("NaN or inf on either side is a failure, never a pass", "[check]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  vec v(2);
  v << 1.0, 2.0;
  const auto f = [](const vec& p) { return p[0] * p[1]; };
  for (double bad : {nan, inf, -inf}) {
    const auto r = leibniz::check_gradient(
        f, [&](const vec& p) { return vec2(p[1], bad); }, v);
    CHECK_FALSE(r.ok());
    CHECK(r.worst().label == "g[1]");
    CHECK(r.worst().reason == "not finite");
  }
  // The numeric side: f is NaN or infinite near the point.
  const auto r1 =
      leibniz::check_gradient([&](const vec&) { return nan; }, [](const vec&) { return vec::Zero(2).eval(); }, v);
  CHECK_FALSE(r1.ok());
  CHECK(r1.failures() == 2);
  const auto r2 = leibniz::check_gradient(log(x), x = -1.0);
  CHECK_FALSE(r2.ok());
  CHECK(r2.worst().reason == "not finite");
  const auto r3 = leibniz::check_gradient(sqrt(x), x = 0.0);  // analytic 1 / (2 sqrt(0)) = inf
  CHECK_FALSE(r3.ok());
  CHECK(text(r3).find("FAIL (not finite)") != std::string::npos);
}

TEST_CASE("a kink inside the stencil is flagged, not passed", "[check]") {
  const auto relu_at_0 = leibniz::check_gradient(relu(x), x = 0.0);  // relu'(0) = 0, the difference says 1/2
  CHECK_FALSE(relu_at_0.ok());
  const auto abs_near_0 = leibniz::check_gradient(abs(x) * y, x = 1e-300, y = 1.0);
  INFO(abs_near_0);
  CHECK(abs_near_0.ok());  // the search shrinks the step until the stencil no longer straddles 0
}

TEST_CASE("the report prints a readable table with the verdicts", "[check]") {
  vec v(2);
  v << 1.0, 2.0;
  const auto r = leibniz::check_gradient([](const vec& p) { return p[0] * p[0] * p[1]; },
                                         [](const vec& p) { return vec2(2 * p[0] * p[1], -p[0] * p[0]); }, v);
  const std::string t = text(r);
  INFO(t);
  CHECK(t.find("leibniz::check_gradient: gradient of a callable at x0 (n = 2)") != std::string::npos);
  CHECK(t.find("method: central difference (6th order, 7 points)") != std::string::npos);
  CHECK(t.find("pass:   |analytic - numeric| <= atol + rtol * max(|analytic|, |numeric|) + fd error") !=
        std::string::npos);
  CHECK(t.find("entry") != std::string::npos);
  CHECK(t.find("abs error") != std::string::npos);
  CHECK(t.find("g[0]") != std::string::npos);
  CHECK(t.find("ok") != std::string::npos);
  CHECK(t.find("g[1]") != std::string::npos);
  CHECK(t.find("FAIL (mismatch)") != std::string::npos);
  CHECK(t.find("2 entries checked, 1 FAILED; worst: g[1] (rel error 2.0e+00") != std::string::npos);
  CHECK(r.worst().analytic == -1.0);
  CHECK(r.worst().numeric == Approx(1.0));
  CHECK(r.worst().abs_error == Approx(2.0));
  // Every row of the table has its columns in the same place.
  const auto expression = leibniz::check_gradient(sin(x) + x * y, x = 1.0, y = 2.0);
  const std::string e = text(expression);
  INFO(e);
  CHECK(e.find("gradient of f = sin(x) + x * y at x = 1, y = 2") != std::string::npos);
  const auto row_x = e.find("  df/dx ");
  const auto row_y = e.find("  df/dy ");
  REQUIRE(row_x != std::string::npos);
  REQUIRE(row_y != std::string::npos);
  CHECK(e.find(" ok", row_x) - row_x == e.find(" ok", row_y) - row_y);
  CHECK(e.find("2 entries checked, all passed") != std::string::npos);
}

TEST_CASE("course example 4: a forward difference with h = 1e-4", "[check][course]") {
  // loss 1.25347 at W, 1.25322 at W + h e1: (1.25322 - 1.25347) / 1e-4 = -2.5.
  CHECK((1.25322 - 1.25347) / 1e-4 == Approx(-2.5));
  // The checker's fixed-step central difference on the same kind of question: its
  // error is O(h^2), a forward difference's O(h).
  const auto f = exp(x) * sin(y);
  const double fx = std::exp(1.0) * std::sin(2.0);
  const double forward = (std::exp(1.0 + 1e-4) * std::sin(2.0) - std::exp(1.0) * std::sin(2.0)) / 1e-4;
  leibniz::check_options central;
  central.method = leibniz::check_method::central;
  central.step = 1e-4;
  const auto r = leibniz::check_gradient(f, x = 1.0, y = 2.0, central);
  const double central_error = std::abs(r.entries[0].numeric - fx);
  const double forward_error = std::abs(forward - fx);
  CHECK(forward_error == Approx(fx * 1e-4 / 2).epsilon(1e-3));  // h f''/2
  CHECK(central_error < forward_error * 1e-3);
}
