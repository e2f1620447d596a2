// examples/layer_jacobians.cpp — the Jacobians of a fully connected and a ReLU layer, and
// why backpropagation never forms them.
//
// jacobian(W * x, x) is W and jacobian(relu(x), x) is diag(step(x)): structure, not
// numbers. On a mini-batch the Jacobian of a layer maps every input entry to every output
// entry: for a 4,096-wide ReLU layer on 100 examples that is 409,600 x 409,600 numbers.
// Backpropagation needs only its product with the adjoint coming back (the
// vector-Jacobian product), which leibniz builds as a matrix expression of the layer's
// own size. The program times both ways at a size where the dense Jacobian still fits.
#include <chrono>
#include <cstdio>
#include <iostream>

#include <Eigen/Core>

#include <leibniz/leibniz.hpp>

namespace {

/// Milliseconds of the fastest of `repeats` calls of run.
template <class Run>
double best_ms(Run&& run, int repeats) {
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    run();
    best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

}  // namespace

int main() {
  using namespace leibniz::literals;
  // [snippet:layer-structure]
  constexpr auto W = leibniz::mat<"W">;
  constexpr auto x = leibniz::vec<"x">;
  static_assert(leibniz::jacobian(W * x, x) == W);                // a fully connected layer
  static_assert(leibniz::jacobian(relu(x), x) == diag(step(x)));  // a ReLU layer: diagonal
  std::cout << "jacobian(W * x, x) = " << leibniz::jacobian(W * x, x) << '\n';
  std::cout << "jacobian(relu(x), x) = " << leibniz::jacobian(relu(x), x) << '\n';
  std::cout << "jacobian(relu(W * x), x) = " << leibniz::jacobian(relu(W * x), x) << '\n';
  // [snippet:layer-structure-end]

  // [snippet:layer-vjp]
  // A mini-batch: Z holds one example per column. The adjoint G = dL/d relu(Z) comes back
  // from the layers above; the layer hands dL/dZ down: the vector-Jacobian product.
  constexpr auto Z = leibniz::mat<"Z">;
  constexpr auto G = leibniz::mat<"G">;
  constexpr auto X = leibniz::mat<"X">;
  constexpr auto relu_vjp = leibniz::d(sum(hadamard(G, relu(Z))), Z);  // hadamard(step(Z), G)
  constexpr auto linear_vjp = leibniz::d(sum(hadamard(G, W * X)), X);  // W^T * G
  std::cout << "ReLU layer: dL/dZ = " << relu_vjp << '\n';
  std::cout << "FC layer:   dL/dX = " << linear_vjp << '\n';
  // [snippet:layer-vjp-end]

  // [snippet:layer-sizes]
  const double width = 4096, batch = 100, entries = width * batch;
  std::printf("a %.0f-wide ReLU layer on a batch of %.0f: %.0f inputs and outputs\n", width, batch, entries);
  std::printf("its Jacobian: %.0f x %.0f = %.3g numbers, %.2f TB in double; all but %.0f are zero\n", entries, entries,
              entries * entries, entries * entries * 8 / 1e12, entries);
  std::printf("the vector-Jacobian product needs Z and G: %.1f MB each\n", entries * 8 / 1e6);
  // [snippet:layer-sizes-end]
  {
    const Eigen::MatrixXd z = Eigen::MatrixXd::Random(4096, 100), g = Eigen::MatrixXd::Random(4096, 100);
    const Eigen::MatrixXd dz = relu_vjp(Z = z, G = g);
    const double error = (dz - Eigen::MatrixXd(g.array() * (z.array() > 0).cast<double>())).norm();
    std::printf("computed at full size (4096 x 100): dL/dZ is %ld x %ld, %s G where Z > 0\n", long(dz.rows()),
                long(dz.cols()), error == 0 ? "equal to" : "DIFFERENT FROM");
    if (error != 0)
      return 1;
  }

  // Both ways at a size where the dense Jacobian fits: 256 wide, a batch of 8, so the
  // Jacobians are 2048 x 2048 (32 MB). Dense: form J, then J^T vec(G).
  const int n = 256, m = 8, total = n * m;
  const Eigen::MatrixXd z = Eigen::MatrixXd::Random(n, m), g = Eigen::MatrixXd::Random(n, m),
                        w = Eigen::MatrixXd::Random(n, n), xb = Eigen::MatrixXd::Random(n, m);
  Eigen::MatrixXd dense_relu, dense_linear, vjp_relu_value, vjp_linear_value;
  Eigen::VectorXd dense_relu_value, dense_linear_value;
  const double relu_dense_ms = best_ms(
      [&] {
        dense_relu = Eigen::MatrixXd::Zero(total, total);  // d vec(relu(Z)) / d vec(Z)
        for (int k = 0; k < total; ++k) dense_relu(k, k) = z.data()[k] > 0 ? 1.0 : 0.0;
        dense_relu_value.noalias() = dense_relu.transpose() * g.reshaped();
      },
      5);
  const double linear_dense_ms = best_ms(
      [&] {
        dense_linear = Eigen::MatrixXd::Zero(total, total);  // d vec(W X) / d vec(X) = I (x) W
        for (int j = 0; j < m; ++j) dense_linear.block(j * n, j * n, n, n) = w;
        dense_linear_value.noalias() = dense_linear.transpose() * g.reshaped();
      },
      5);
  const double relu_vjp_ms = best_ms([&] { vjp_relu_value = relu_vjp(Z = z, G = g); }, 5);
  const double linear_vjp_ms = best_ms([&] { vjp_linear_value = linear_vjp(W = w, X = xb, G = g); }, 5);
  const bool agree = (dense_relu_value - vjp_relu_value.reshaped()).norm() < 1e-12 &&
                     (dense_linear_value - vjp_linear_value.reshaped()).norm() < 1e-9;
  std::printf("\nat 256 wide, batch 8 (Jacobians of 2048 x 2048), the dense way and leibniz's vjp %s\n",
              agree ? "agree" : "DISAGREE");
  std::printf("  ReLU layer: dense Jacobian %8.3f ms, vjp %8.3f ms (%.0fx)\n", relu_dense_ms, relu_vjp_ms,
              relu_dense_ms / relu_vjp_ms);
  std::printf("  FC layer:   dense Jacobian %8.3f ms, vjp %8.3f ms (%.0fx)\n", linear_dense_ms, linear_vjp_ms,
              linear_dense_ms / linear_vjp_ms);
  return agree ? 0 : 1;
}
