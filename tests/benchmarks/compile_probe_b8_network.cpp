// Compile-time probe: B8's gradient, a two-layer softmax cross-entropy network
// (relu(W1 X + b1), then W2 H + b2) by its four weights, written into existing matrices
// with tie: the whole matrix back end (GEMM with folded transposes, fused entrywise
// passes, broadcasts summed back) instantiated for one realistic loss. Issue 10's target:
// at most 2 s above the include baseline (compile_time.py).
#include <cstdio>

#include <leibniz/leibniz.hpp>

constexpr auto W1 = leibniz::mat<"W1">;
constexpr auto b1 = leibniz::vec<"b1">;
constexpr auto W2 = leibniz::mat<"W2">;
constexpr auto b2 = leibniz::vec<"b2">;
constexpr auto X = leibniz::mat<"X">;
constexpr auto Y = leibniz::mat<"Y">;
constexpr auto H = relu(W1 * X + b1);
constexpr auto Z = W2 * H + b2;
constexpr auto L = mean(log_sum_exp(Z) - colwise_sum(hadamard(Y, Z)));
constexpr auto G = leibniz::gradient(L, W1, b1, W2, b2);

int main() {
  const Eigen::MatrixXd w1 = Eigen::MatrixXd::Constant(4, 3, 0.1), w2 = Eigen::MatrixXd::Constant(2, 4, 0.2);
  const Eigen::VectorXd c1 = Eigen::VectorXd::Zero(4), c2 = Eigen::VectorXd::Zero(2);
  const Eigen::MatrixXd xb = Eigen::MatrixXd::Ones(3, 5), yb = Eigen::MatrixXd::Constant(2, 5, 0.5);
  Eigen::MatrixXd gW1, gW2;
  Eigen::VectorXd gb1, gb2;
  leibniz::tie(gW1, gb1, gW2, gb2) = G(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb);
  // Both classes score alike, so the gradient by W2 is zero: printed to use the result.
  std::printf("|dL/dW2| = %g\n", gW2.norm());
  return 0;
}
