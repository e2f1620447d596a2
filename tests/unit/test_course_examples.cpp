// tests/unit/test_course_examples.cpp — the worked examples of backpropagation
// course material (two inputs, a gate circuit, a sigmoid unit, a two-layer network), with their numbers.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <type_traits>

#include <leibniz/leibniz.hpp>

#include "numeric.hpp"

using namespace leibniz::literals;
using leibniz::d;

/// A symbolic fact, decided at compile time, reported at run time.
#define CHECK_SYMBOLIC(...) CHECK(std::bool_constant<(__VA_ARGS__)>::value)

namespace {
double plain_sigmoid(double v) {
  return 1 / (1 + std::exp(-v));
}
}  // namespace

// ------------------------------------------------------------------------- 1

TEST_CASE("course example 1: f(x1, x2) = sin(x1) + x1 x2", "[course][example1]") {
  constexpr auto x1 = leibniz::var<"x1">;
  constexpr auto x2 = leibniz::var<"x2">;
  constexpr auto f = sin(x1) + x1 * x2;
  constexpr auto f1 = d(f, x1);
  constexpr auto f2 = d(f, x2);
  CHECK_SYMBOLIC(f1 == cos(x1) + x2);
  CHECK_SYMBOLIC(f2 == x1);
  CHECK(leibniz::to_string(f1) == "cos(x1) + x2");
  CHECK(leibniz::to_string(f2) == "x1");
  for (auto [a, b] : {std::array{1.0, 2.0}, std::array{-0.5, 3.0}, std::array{2.5, -1.25}, std::array{0.0, 0.0}}) {
    INFO("at x1 = " << a << ", x2 = " << b);
    CHECK(f(x1 = a, x2 = b) == Approx(std::sin(a) + a * b).epsilon(1e-15).margin(1e-300));
    CHECK(f1(x1 = a, x2 = b) == Approx(std::cos(a) + b).epsilon(1e-15).margin(1e-300));
    CHECK(f2(x1 = a, x2 = b) == a);
    // forward mode by hand: the tangents w1' = cos(x1) x1', w2' = x1' x2 + x1 x2', w3' = w1' + w2'
    const double seed_x1 = std::cos(a) * 1.0 + (1.0 * b + a * 0.0);
    const double seed_x2 = std::cos(a) * 0.0 + (0.0 * b + a * 1.0);
    CHECK(f1(x1 = a, x2 = b) == Approx(seed_x1).epsilon(1e-15).margin(1e-300));
    CHECK(f2(x1 = a, x2 = b) == Approx(seed_x2).epsilon(1e-15).margin(1e-300));
  }
}

// ------------------------------------------------------------------------- 2

TEST_CASE("course example 2: backprop through (x + y) z at (-2, 5, -4)", "[course][example2]") {
  constexpr auto x = leibniz::var<"x">;
  constexpr auto y = leibniz::var<"y">;
  constexpr auto z = leibniz::var<"z">;
  constexpr auto q = x + y;
  constexpr auto f = q * z;
  CHECK(q(x = -2.0, y = 5.0) == 3.0);
  CHECK(f(x = -2.0, y = 5.0, z = -4.0) == -12.0);
  constexpr auto fx = d(f, x);
  constexpr auto fy = d(f, y);
  constexpr auto fz = d(f, z);
  CHECK_SYMBOLIC(fz == x + y);
  CHECK_SYMBOLIC(fx == z);
  CHECK_SYMBOLIC(fy == z);
  CHECK(fz(x = -2.0, y = 5.0, z = -4.0) == 3.0);   // df/dz = q
  CHECK(fx(x = -2.0, y = 5.0, z = -4.0) == -4.0);  // df/dx = df/dq dq/dx = z * 1
  CHECK(fy(x = -2.0, y = 5.0, z = -4.0) == -4.0);

  // q as a variable of its own: df/dq = z = -4, and the chain rule composes the two
  constexpr auto qv = leibniz::var<"q">;
  constexpr auto f_of_q = qv * z;
  constexpr auto fq = d(f_of_q, qv);
  CHECK_SYMBOLIC(fq == z);
  CHECK(fq(qv = 3.0, z = -4.0) == -4.0);
  constexpr auto qx = d(q, x);
  constexpr auto qy = d(q, y);
  CHECK(fq(qv = 3.0, z = -4.0) * qx(x = -2.0, y = 5.0) == fx(x = -2.0, y = 5.0, z = -4.0));
  CHECK(fq(qv = 3.0, z = -4.0) * qy(x = -2.0, y = 5.0) == fy(x = -2.0, y = 5.0, z = -4.0));
}

// ------------------------------------------------------------------------- 6

TEST_CASE("course example 6: the sigmoid unit", "[course][example6]") {
  constexpr auto x = leibniz::var<"x">;
  constexpr auto s = sigmoid(x);
  constexpr auto ds = d(s, x);
  CHECK_SYMBOLIC(ds == sigmoid(x) * sigmoid(-x));
  for (double v : {-6.0, -1.0, 0.0, 0.5, 3.0, 10.0}) {
    INFO("at x = " << v);
    const double sv = plain_sigmoid(v);
    CHECK(s(x = v) == Approx(sv).epsilon(1e-15));
    // sigma' = sigma (1 - sigma); the reference loses digits to 1 - sigma for large x
    // (at 10: about 5e-12 relative), leibniz does not (it computes sigma(x) sigma(-x))
    CHECK(ds(x = v) == Approx(sv * (1 - sv)).epsilon(1e-10));
    CHECK(ds(x = v) == Approx(sv * plain_sigmoid(-v)).epsilon(1e-14));
    CHECK(numeric::close(ds(x = v), numeric::derivative(plain_sigmoid, v), numeric::first_tolerance));
  }
}

TEST_CASE("course example 6: the loss of a sigmoid unit over three samples", "[course][example6]") {
  constexpr auto w1 = leibniz::var<"w1">;
  constexpr auto w2 = leibniz::var<"w2">;
  // samples (x_i1, x_i2) -> y_i
  constexpr std::array<std::array<double, 3>, 3> samples{{{1.0, 2.0, 1.0}, {-0.5, 1.5, 0.0}, {2.0, -1.0, 1.0}}};
  // L = sum_i (y_i - sigma(w1 x_i1 + w2 x_i2))^2, the data held as runtime constants
  constexpr auto L = square(1.0 - sigmoid(1.0 * w1 + 2.0 * w2)) + square(0.0 - sigmoid(-0.5 * w1 + 1.5 * w2)) +
                     square(1.0 - sigmoid(2.0 * w1 - 1.0 * w2));
  constexpr auto L1 = d(L, w1);
  constexpr auto L2 = d(L, w2);

  for (auto [a, b] : {std::array{0.3, -0.7}, std::array{-1.2, 0.4}, std::array{2.0, 1.5}}) {
    INFO("at w1 = " << a << ", w2 = " << b);
    // the course formula: dL/dw_j = sum_i -2 delta_i sigma_i (1 - sigma_i) x_ij, delta_i = y_i - sigma_i
    double loss = 0, g1 = 0, g2 = 0;
    for (const auto& [xi1, xi2, yi] : samples) {
      const double si = plain_sigmoid(a * xi1 + b * xi2);
      const double delta = yi - si;
      loss += delta * delta;
      g1 += -2 * delta * si * (1 - si) * xi1;
      g2 += -2 * delta * si * (1 - si) * xi2;
    }
    CHECK(L(w1 = a, w2 = b) == Approx(loss).epsilon(1e-14));
    CHECK(L1(w1 = a, w2 = b) == Approx(g1).epsilon(1e-12));
    CHECK(L2(w1 = a, w2 = b) == Approx(g2).epsilon(1e-12));
    // and the finite differences agree
    CHECK(numeric::close(L1(w1 = a, w2 = b), numeric::derivative([&](double v) { return L(w1 = v, w2 = b); }, a),
                         numeric::first_tolerance));
    CHECK(numeric::close(L2(w1 = a, w2 = b), numeric::derivative([&](double v) { return L(w1 = a, w2 = v); }, b),
                         numeric::first_tolerance));
  }

  // a few steps of gradient descent, w_j <- w_j - eta dL/dw_j, lower the loss each time
  double a = 0.3, b = -0.7;
  const double eta = 0.5;
  double previous = L(w1 = a, w2 = b);
  for (int step = 0; step < 5; ++step) {
    const double g1 = L1(w1 = a, w2 = b), g2 = L2(w1 = a, w2 = b);
    a -= eta * g1;
    b -= eta * g2;
    const double current = L(w1 = a, w2 = b);
    INFO("step " << step);
    CHECK(current < previous);
    previous = current;
  }
}

// ------------------------------------------------------------------------- 7

TEST_CASE("course example 7: a two-layer scalar network, one example", "[course][example7]") {
  constexpr auto x = leibniz::var<"x">;
  constexpr auto y = leibniz::var<"y">;
  constexpr auto w1 = leibniz::var<"w1">;
  constexpr auto b1 = leibniz::var<"b1">;
  constexpr auto w2 = leibniz::var<"w2">;
  constexpr auto b2 = leibniz::var<"b2">;
  constexpr auto z1 = w1 * x + b1;
  constexpr auto z2 = w2 * relu(z1) + b2;
  constexpr auto L = square(z2 - y);

  constexpr auto dL_db2 = d(L, b2);
  constexpr auto dL_dw2 = d(L, w2);
  constexpr auto dL_db1 = d(L, b1);
  constexpr auto dL_dw1 = d(L, w1);
  constexpr auto dL_dx = d(L, x);
  // the chain of the course: dL/dw1 = 2 (z2 - y) w2 relu'(z1) x
  CHECK_SYMBOLIC(dL_db2 == 2_c * (z2 - y));
  CHECK_SYMBOLIC(dL_dw1 == 2_c * (z2 - y) * w2 * step(z1) * x);
  CHECK_SYMBOLIC(dL_dw2 == 2_c * (z2 - y) * relu(z1));

  // x = 2, w1 = 1.5, b1 = 1: z1 = 4; w2 = 2, b2 = 2: z2 = 10; y = 7
  const auto at = [&](const auto& e) { return e(x = 2.0, y = 7.0, w1 = 1.5, b1 = 1.0, w2 = 2.0, b2 = 2.0); };
  CHECK(at(z1) == 4.0);
  CHECK(at(z2) == 10.0);
  CHECK(at(L) == 9.0);
  CHECK(at(dL_db2) == 6.0);   // 2 (z2 - y)
  CHECK(at(dL_dw2) == 24.0);  // 2 (z2 - y) relu(z1)
  CHECK(at(dL_dw1) == 24.0);  // 2 (z2 - y) w2 relu'(z1) x = 6 * 2 * 1 * 2
  CHECK(at(dL_db1) == 12.0);  // 2 (z2 - y) w2 relu'(z1)
  CHECK(at(dL_dx) == 18.0);   // 2 (z2 - y) w2 relu'(z1) w1
  CHECK(at(d(L, y)) == -6.0);

  // with b1 = -10, z1 = -7 < 0: relu'(z1) = 0 stops the gradient to the first layer
  const auto dead = [&](const auto& e) { return e(x = 2.0, y = 7.0, w1 = 1.5, b1 = -10.0, w2 = 2.0, b2 = 2.0); };
  CHECK(dead(z1) == -7.0);
  CHECK(dead(z2) == 2.0);
  CHECK(dead(L) == 25.0);
  CHECK(dead(dL_db2) == -10.0);
  CHECK(dead(dL_dw2) == 0.0);
  CHECK(dead(dL_dw1) == 0.0);
  CHECK(dead(dL_db1) == 0.0);
  CHECK(dead(dL_dx) == 0.0);
  CHECK(step(x)(x = -7.0) == 0.0);  // relu'(z) = 0 for z < 0
  CHECK(step(x)(x = 4.0) == 1.0);   // and 1 for z > 0

  // every entry agrees with finite differences (away from relu's kink)
  const auto loss = [&](double w1v, double b1v, double w2v, double b2v) {
    return L(x = 2.0, y = 7.0, w1 = w1v, b1 = b1v, w2 = w2v, b2 = b2v);
  };
  const auto in_w1 = [&](double v) { return loss(v, 1.0, 2.0, 2.0); };
  const auto in_b1 = [&](double v) { return loss(1.5, v, 2.0, 2.0); };
  const auto in_w2 = [&](double v) { return loss(1.5, 1.0, v, 2.0); };
  const auto in_b2 = [&](double v) { return loss(1.5, 1.0, 2.0, v); };
  CHECK(numeric::close(at(dL_dw1), numeric::derivative(in_w1, 1.5), numeric::first_tolerance));
  CHECK(numeric::close(at(dL_db1), numeric::derivative(in_b1, 1.0), numeric::first_tolerance));
  CHECK(numeric::close(at(dL_dw2), numeric::derivative(in_w2, 2.0), numeric::first_tolerance));
  CHECK(numeric::close(at(dL_db2), numeric::derivative(in_b2, 2.0), numeric::first_tolerance));
}
