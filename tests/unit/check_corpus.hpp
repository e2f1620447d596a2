// tests/unit/check_corpus.hpp — the checker's self-test at scale: a compile-time,
// seeded generator of random expressions, and the test each part runs on them
// (test_check_corpus_<k>.cpp: 20 parts of 11 expressions, 220 in all; one expression
// costs about 3.5 s of compile time (GCC 12, -O0 -g), mostly its 9 second derivatives,
// so the parts spread over the cores).
//
// random_expression<Seed, Depth>() draws node kinds and operations from a 64-bit LCG
// seeded with Seed, recursively, so each seed is one fixed expression type. Every
// operation is smooth and defined everywhere on the sampled points (logs and square
// roots of 1 + a^2, divisions by 1 + a^2, exponentials of bounded arguments), so a
// correct derivative must pass the checker and any failure is a real disagreement.
#pragma once

#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>

#include <Eigen/Core>
#include <leibniz/leibniz.hpp>

namespace corpus {

using namespace leibniz::literals;

inline constexpr auto x = leibniz::var<"x">;
inline constexpr auto y = leibniz::var<"y">;
inline constexpr auto z = leibniz::var<"z">;

constexpr std::uint64_t next(std::uint64_t s) {
  return s * 6364136223846793005ULL + 1442695040888963407ULL;
}
constexpr unsigned pick(std::uint64_t s, unsigned n) {
  return static_cast<unsigned>((s >> 33) % n);
}

template <std::uint64_t Seed, int Depth>
auto random_expression() {
  constexpr std::uint64_t s = next(Seed);
  constexpr std::uint64_t left = next(s ^ 0x9e3779b97f4a7c15ULL), right = next(s ^ 0xc2b2ae3d27d4eb4fULL);
  constexpr unsigned kind = Depth == 0 ? 0 : pick(s, 10);
  if constexpr (kind <= 1) {  // a leaf: a variable, an exact or a runtime constant
    constexpr unsigned leaf = pick(next(s), 8);
    if constexpr (leaf <= 1)
      return x;
    else if constexpr (leaf <= 3)
      return y;
    else if constexpr (leaf <= 5)
      return z;
    else if constexpr (leaf == 6)
      return leibniz::c<static_cast<int>(pick(s, 5)) + 1, 2>;
    else
      return x * (0.25 + 0.5 * pick(s, 4));
  } else if constexpr (kind <= 5) {  // a binary operation
    const auto a = random_expression<left, Depth - 1>();
    const auto b = random_expression<right, Depth - 1>();
    constexpr unsigned op = pick(next(s), 5);
    if constexpr (op == 0)
      return a + b;
    else if constexpr (op == 1)
      return a - b;
    else if constexpr (op == 2)
      return a * b;
    else if constexpr (op == 3)
      return a / (1_c + square(b));
    else
      return pow(a, 2_c) + b;
  } else {  // a function
    const auto a = random_expression<left, Depth - 1>();
    constexpr unsigned op = pick(next(s), 11);
    if constexpr (op == 0)
      return sin(a);
    else if constexpr (op == 1)
      return cos(a);
    else if constexpr (op == 2)
      return tanh(a);
    else if constexpr (op == 3)
      return atan(a);
    else if constexpr (op == 4)
      return sigmoid(a);
    else if constexpr (op == 5)
      return softplus(a);
    else if constexpr (op == 6)
      return exp(tanh(a));
    else if constexpr (op == 7)
      return log(1_c + square(a));
    else if constexpr (op == 8)
      return sqrt(1_c + square(a));
    else if constexpr (op == 9)
      return pow(a, 3_c);
    else
      return log1p(exp(a) * (1_c / 4_c));
  }
}

/// The point an expression is checked at, from its seed: each coordinate in [-2, 2].
constexpr double coordinate(std::uint64_t seed, unsigned which) {
  return -2.0 + 4.0 * static_cast<double>(pick(next(seed + 17 * which), 1u << 20)) / double(1u << 20);
}

inline constexpr std::size_t per_part = 11;

/// Checks the expression of one seed: the checker confirms leibniz's gradient and
/// Hessian, and rejects the same gradient with its largest entry off by 1.001 (given
/// to the callable API as a hand-written gradient would be).
template <std::uint64_t Seed>
void check_one() {
  const auto f = random_expression<Seed, 3>();
  const double px = coordinate(Seed, 0), py = coordinate(Seed, 1), pz = coordinate(Seed, 2);
  const auto gradient = leibniz::check_gradient(f, x = px, y = py, z = pz);
  const auto hessian = leibniz::check_hessian(f, x = px, y = py, z = pz);
  INFO("seed " << Seed << ": f = " << f << '\n' << gradient << hessian);
  CHECK(gradient.ok());
  CHECK(hessian.ok());
  Eigen::VectorXd p0(3);
  p0 << px, py, pz;
  auto value = [&](const Eigen::VectorXd& p) { return static_cast<double>(f(x = p[0], y = p[1], z = p[2])); };
  auto grad = [&](const Eigen::VectorXd& p) {
    const auto at = [&](const auto& v) { return static_cast<double>(leibniz::d(f, v)(x = p[0], y = p[1], z = p[2])); };
    Eigen::VectorXd g(3);
    g << at(x), at(y), at(z);
    return g;
  };
  const Eigen::VectorXd g0 = grad(p0);
  Eigen::Index largest = 0;
  g0.cwiseAbs().maxCoeff(&largest);
  if (std::abs(g0[largest]) > 1e-6) {
    const auto wrong = leibniz::check_gradient(
        value,
        [&](const Eigen::VectorXd& p) {
          Eigen::VectorXd g = grad(p);
          g[largest] *= 1.001;
          return g;
        },
        p0);
    INFO("seed " << Seed << ", entry " << largest << " times 1.001\n" << wrong);
    CHECK_FALSE(wrong.ok());
  }
}

template <std::uint64_t First, std::size_t... I>
std::size_t check_part(std::index_sequence<I...>) {
  (check_one<First + I>(), ...);
  return sizeof...(I);
}

}  // namespace corpus

/// The test case of part K: expressions of seeds 11 K + 1 ... 11 K + 11.
#define LEIBNIZ_CHECK_CORPUS_PART(K)                                                                       \
  TEST_CASE("random expressions, part " #K ": the checker confirms gradients and Hessians, rejects 1.001", \
            "[check][corpus]") {                                                                           \
    CHECK(corpus::check_part<(K)*corpus::per_part + 1>(std::make_index_sequence<corpus::per_part>{}) ==    \
          corpus::per_part);                                                                               \
  }
