// Softmax and cross-entropy over three logits, written so that no logit can overflow.
//
// softmax(z)_i = exp(z_i) / sum_j exp(z_j) overflows as soon as a logit passes ~709
// (exp(710) is inf in double, and inf / inf is NaN). Subtracting the largest logit m
// first changes nothing mathematically, since the factor exp(-m) cancels, and keeps
// every exponent <= 0. The cross-entropy against a label y (one-hot, or any
// distribution) is then L = log(sum_j exp(z_j - m)) - sum_i y_i (z_i - m), and its
// gradient by the logits is p - y: leibniz derives it, through the max, and the
// program checks it.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <leibniz/leibniz.hpp>

// [snippet:softmax-model]
constexpr auto z1 = leibniz::var<"z1">;  // logits
constexpr auto z2 = leibniz::var<"z2">;
constexpr auto z3 = leibniz::var<"z3">;
constexpr auto t1 = leibniz::var<"t1">;  // the label y, one-hot (t: <cmath> has a y1)
constexpr auto t2 = leibniz::var<"t2">;
constexpr auto t3 = leibniz::var<"t3">;

constexpr auto m = max(z1, max(z2, z3));                                      // the largest logit
constexpr auto S = exp(z1 - m) + exp(z2 - m) + exp(z3 - m);                   // every exponent <= 0
constexpr auto p1 = exp(z1 - m) / S;                                          // softmax, stable
constexpr auto L = log(S) - (t1 * (z1 - m) + t2 * (z2 - m) + t3 * (z3 - m));  // cross-entropy

constexpr auto G = leibniz::gradient(L, z1, z2, z3);  // dL/dz, to be p - y
// [snippet:softmax-model-end]

// With two logits: the same construction, small enough to check by hand.
constexpr auto a = leibniz::var<"a">;
constexpr auto b = leibniz::var<"b">;
constexpr auto pa = exp(a - max(a, b)) / (exp(a - max(a, b)) + exp(b - max(a, b)));
constexpr auto pb = exp(b - max(a, b)) / (exp(a - max(a, b)) + exp(b - max(a, b)));
constexpr auto naive_pa = exp(a) / (exp(a) + exp(b));  // what overflows

int main() {
  int failures = 0;
  const auto expect = [&](bool ok, const char* what) {
    if (!ok)
      std::printf("FAILED: %s\n", what), ++failures;
  };

  // [snippet:softmax-numbers]
  std::printf("softmax([1, 2])       = [%.2f, %.2f]\n", pa(a = 1.0, b = 2.0), pb(a = 1.0, b = 2.0));
  std::printf("softmax([10, 20])     = [%.5f, %.5f]\n", pa(a = 10.0, b = 20.0), pb(a = 10.0, b = 20.0));
  std::printf("softmax([101, 102])   = [%.2f, %.2f]   (a constant added: nothing changes)\n", pa(a = 101.0, b = 102.0),
              pb(a = 101.0, b = 102.0));
  const double naive = naive_pa(a = 1001.0, b = 1002.0);  // exp(1001) is inf: inf / inf
  std::printf("softmax([1001, 1002]) = [%.2f, %.2f]   naive exp(a) / (exp(a) + exp(b)) = %s\n",
              pa(a = 1001.0, b = 1002.0), pb(a = 1001.0, b = 1002.0), std::isnan(naive) ? "NaN" : "a number?");
  // [snippet:softmax-numbers-end]
  expect(std::abs(pa(a = 101.0, b = 102.0) - pa(a = 1.0, b = 2.0)) < 1e-15, "invariance to a constant");
  expect(std::isnan(naive), "the naive softmax overflows");

  // [snippet:softmax-gradient]
  // Logits (2, 1, 0.1), label: class 1. The gradient of the loss is p - y.
  const auto g = G(z1 = 2.0, z2 = 1.0, z3 = 0.1, t1 = 1.0, t2 = 0.0, t3 = 0.0);
  const double e1 = std::exp(2.0), e2 = std::exp(1.0), e3 = std::exp(0.1), sum = e1 + e2 + e3;
  const double p[3] = {e1 / sum, e2 / sum, e3 / sum}, y[3] = {1, 0, 0};
  const double dz[3] = {g[z1], g[z2], g[z3]};
  std::printf("p        = [%.6f, %.6f, %.6f]\n", p[0], p[1], p[2]);
  std::printf("dL/dz    = [%.6f, %.6f, %.6f]\n", dz[0], dz[1], dz[2]);
  std::printf("p - y    = [%.6f, %.6f, %.6f]\n", p[0] - y[0], p[1] - y[1], p[2] - y[2]);
  // [snippet:softmax-gradient-end]
  double worst = 0;
  for (int i = 0; i < 3; ++i) worst = std::fmax(worst, std::abs(dz[i] - (p[i] - y[i])));
  std::printf("largest |dL/dz - (p - y)| = %.1e\n", worst);
  expect(worst < 1e-12, "dL/dz = p - y");
  std::printf("p1 at these logits = %.6f, the loss L = -log(p1) = %.6f\n", p1(z1 = 2.0, z2 = 1.0, z3 = 0.1),
              L(z1 = 2.0, z2 = 1.0, z3 = 0.1, t1 = 1.0, t2 = 0.0, t3 = 0.0));

  // Large logits: the loss and its gradient stay finite (the true values, to the last digit).
  const auto big = G(z1 = 1000.0, z2 = 1001.0, z3 = 990.0, t1 = 0.0, t2 = 1.0, t3 = 0.0);
  std::printf("at logits (1000, 1001, 990), label 2: dL/dz = [%.6f, %.6f, %.6f]\n", big[z1], big[z2], big[z3]);
  expect(std::isfinite(big[z1]) && std::isfinite(big[z2]) && std::isfinite(big[z3]), "finite for large logits");
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
