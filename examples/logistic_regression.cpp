// A sigmoid unit trained by gradient descent on synthetic data, gradients over arrays.
//
// L = sum_i (y_i - sigmoid(w1 a1_i + w2 a2_i + b))^2, a sigmoid unit with a
// squared error. The loss of one example is a leibniz expression; bound to Eigen arrays
// (one element per example) it is evaluated for all examples in one pass, and so is its
// gradient by (w1, w2, b). Summing over the examples with .sum() gives dL/dw. The
// gradient is checked once before training, against finite differences of the total
// loss and against the formula derived by hand.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include <Eigen/Core>
#include <leibniz/leibniz.hpp>

// [snippet:logistic-model]
constexpr auto a1 = leibniz::var<"a1">;  // the two features of an example
constexpr auto a2 = leibniz::var<"a2">;
constexpr auto y = leibniz::var<"y">;    // its label, 0 or 1
constexpr auto w1 = leibniz::var<"w1">;  // the weights
constexpr auto w2 = leibniz::var<"w2">;
constexpr auto b = leibniz::var<"b">;

constexpr auto prediction = sigmoid(w1 * a1 + w2 * a2 + b);
constexpr auto loss = square(y - prediction);           // of one example
constexpr auto G = leibniz::gradient(loss, w1, w2, b);  // d loss / d(w1, w2, b), one example
// [snippet:logistic-model-end]

// Synthetic data, the same on every machine: a small linear congruential generator
// instead of <random>, whose distributions differ between standard libraries.
struct data {
  Eigen::ArrayXd a1, a2, y;
};
data make_data(Eigen::Index n) {
  std::uint64_t state = 20240611;
  const auto uniform = [&] {  // in [-1, 1)
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return double(state >> 11) / double(1ull << 53) * 2.0 - 1.0;
  };
  data d{Eigen::ArrayXd(n), Eigen::ArrayXd(n), Eigen::ArrayXd(n)};
  for (Eigen::Index i = 0; i < n; ++i) {
    d.a1[i] = 2 * uniform();
    d.a2[i] = 2 * uniform();
    // The truth: class 1 above the line 1.5 a1 - 2 a2 + 0.5 = 0, with some noise.
    d.y[i] = 1.5 * d.a1[i] - 2.0 * d.a2[i] + 0.5 + 0.5 * uniform() > 0 ? 1.0 : 0.0;
  }
  return d;
}

int main() {
  const data d = make_data(400);
  double W1 = 0.0, W2 = 0.0, B = 0.0;  // start from zero

  // [snippet:logistic-gradient]
  // The total loss and its gradient: every example at once, then summed.
  const auto total_loss = [&](double v1, double v2, double v0) {
    return loss(a1 = d.a1, a2 = d.a2, y = d.y, w1 = v1, w2 = v2, b = v0).sum();
  };
  const auto total_gradient = [&](double v1, double v2, double v0) {
    const auto g = G(a1 = d.a1, a2 = d.a2, y = d.y, w1 = v1, w2 = v2, b = v0);  // arrays
    return Eigen::Vector3d(g[w1].sum(), g[w2].sum(), g[b].sum());
  };
  // [snippet:logistic-gradient-end]

  // [snippet:logistic-check]
  // Check the gradient once, at a point that is not special, before trusting it.
  const Eigen::Vector3d w0(0.3, -0.2, 0.1);
  const auto report = leibniz::check_gradient(
      [&](const Eigen::VectorXd& w) { return total_loss(w[0], w[1], w[2]); },
      [&](const Eigen::VectorXd& w) { return Eigen::VectorXd(total_gradient(w[0], w[1], w[2])); }, Eigen::VectorXd(w0));
  if (!report.ok()) {
    std::cout << report;  // the table: entry, analytic, numeric, errors, step, verdict
    return EXIT_FAILURE;
  }
  std::printf("gradient check: %zu entries, all passed (worst relative error %s 1e-9)\n", report.entries.size(),
              report.worst().rel_error < 1e-9 ? "below" : "above");
  // [snippet:logistic-check-end]

  // The derivation by hand: dL/dw_j = sum_i -2 delta_i s_i (1 - s_i) a_ij.
  {
    const Eigen::ArrayXd s = prediction(a1 = d.a1, a2 = d.a2, w1 = w0[0], w2 = w0[1], b = w0[2]);
    const Eigen::ArrayXd common = -2.0 * (d.y - s) * s * (1.0 - s);
    const Eigen::Vector3d by_hand((common * d.a1).sum(), (common * d.a2).sum(), common.sum());
    const double difference = (by_hand - total_gradient(w0[0], w0[1], w0[2])).cwiseAbs().maxCoeff();
    std::printf("by hand: dL/dw1 = %.6f, dL/dw2 = %.6f, dL/db = %.6f (leibniz's: %s to 1e-10)\n", by_hand[0],
                by_hand[1], by_hand[2], difference <= 1e-10 ? "the same" : "DIFFERENT");
    if (difference > 1e-10)
      return EXIT_FAILURE;
  }

  // [snippet:logistic-train]
  // Gradient descent. leibniz::tie writes the three gradient arrays into buffers that
  // live across the steps, so no step allocates.
  const Eigen::Index n = d.y.size();
  Eigen::ArrayXd g1(n), g2(n), g0(n);
  const double rate = 0.01;
  double previous = total_loss(W1, W2, B);
  for (int step = 0; step <= 200; ++step) {
    const double L = total_loss(W1, W2, B);
    if (step % 40 == 0)
      std::printf("step %3d  L = %8.4f  w1 = %7.4f  w2 = %7.4f  b = %7.4f\n", step, L, W1, W2, B);
    if (L > previous)
      return EXIT_FAILURE;  // gradient descent with a small step never climbs
    previous = L;
    leibniz::tie(g1, g2, g0) = G(a1 = d.a1, a2 = d.a2, y = d.y, w1 = W1, w2 = W2, b = B);
    W1 -= rate * g1.sum();
    W2 -= rate * g2.sum();
    B -= rate * g0.sum();
  }
  // [snippet:logistic-train-end]

  const Eigen::ArrayXd s = prediction(a1 = d.a1, a2 = d.a2, w1 = W1, w2 = W2, b = B);
  const double accuracy = ((s > 0.5).cast<double>() == d.y).cast<double>().mean();
  std::printf("training accuracy %.1f%%; boundary slope w2 / w1 = %.2f (the truth's: -2 / 1.5 = -1.33)\n",
              100 * accuracy, W2 / W1);
  return accuracy > 0.9 ? EXIT_SUCCESS : EXIT_FAILURE;
}
