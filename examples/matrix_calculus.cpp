// examples/matrix_calculus.cpp — vectors and matrices as single nodes.
//
// Least squares, a Gaussian's log-likelihood and a two-layer network with softmax
// cross-entropy, written with vector and matrix variables: the derivatives are matrix
// expressions built at compile time, printed as a person would write them, evaluated
// with Eigen's GEMM and LU, and the network's checked here against backpropagation
// written by hand.
#include <cmath>
#include <iostream>

#include <Eigen/Core>

#include <leibniz/leibniz.hpp>

using namespace leibniz::literals;

int main() {
  // [snippet:matrix-least-squares]
  constexpr auto A = leibniz::mat<"A">;  // sizes come from the binding
  constexpr auto w = leibniz::vec<"w">;  // a column vector
  constexpr auto y = leibniz::vec<"y">;

  constexpr auto loss = squared_norm(A * w - y);
  static_assert(leibniz::d(loss, w) == 2_c * transpose(A) * (A * w - y));
  std::cout << "d/dw = " << leibniz::d(loss, w) << '\n';  // 2 * A^T * (A * w - y)
  std::cout << "d/dA = " << leibniz::d(loss, A) << '\n';  // 2 * (A * w - y) * w^T
  std::cout << "LaTeX: " << leibniz::to_latex(leibniz::d(loss, w)) << '\n';

  Eigen::MatrixXd a(3, 2);
  a << 1, 2, 3, 4, 5, 6;
  const Eigen::VectorXd v = Eigen::Vector2d(0.5, -1.0), t = Eigen::Vector3d(1.0, 0.0, 2.0);
  const Eigen::VectorXd gw = leibniz::d(loss, w)(A = a, w = v, y = t);
  std::cout << "loss = " << loss(A = a, w = v, y = t) << ", d/dw = " << gw.transpose() << '\n';
  // [snippet:matrix-least-squares-end]

  // [snippet:matrix-jacobian]
  constexpr auto W = leibniz::mat<"W">;
  constexpr auto x = leibniz::vec<"x">;
  constexpr auto b = leibniz::vec<"b">;
  static_assert(leibniz::jacobian(W * x, x) == W);
  std::cout << "jacobian(relu(W * x + b), x) = " << leibniz::jacobian(relu(W * x + b), x) << '\n';
  // [snippet:matrix-jacobian-end]

  // [snippet:matrix-gaussian]
  constexpr auto S = leibniz::mat<"S">;  // a covariance
  constexpr auto r = leibniz::vec<"r">;  // a residual, x - mu
  constexpr auto nll = 0.5 * log_det(S) + 0.5 * dot(r, solve(S, r));  // -log N(x; mu, S), less a constant
  std::cout << "d/dr = " << leibniz::d(nll, r) << '\n';
  std::cout << "d/dS = " << leibniz::d(nll, S) << '\n';

  Eigen::MatrixXd s2(2, 2);
  s2 << 2.0, 0.5, 0.5, 1.0;
  const Eigen::VectorXd r2 = Eigen::Vector2d(1.0, -1.0);
  const auto gn = leibniz::gradient(nll, S, r)(S = s2, r = r2);
  std::cout << "nll = " << nll(S = s2, r = r2) << ", d/dr = " << gn[r].transpose() << '\n';
  // [snippet:matrix-gaussian-end]

  // [snippet:matrix-network]
  constexpr auto W1 = leibniz::mat<"W1">;
  constexpr auto b1 = leibniz::vec<"b1">;
  constexpr auto W2 = leibniz::mat<"W2">;
  constexpr auto b2 = leibniz::vec<"b2">;
  constexpr auto X = leibniz::mat<"X">;  // a mini-batch: one example per column
  constexpr auto Y = leibniz::mat<"Y">;  // one-hot labels, same layout

  constexpr auto H = relu(W1 * X + b1);  // b1 is added to every column
  constexpr auto Z = W2 * H + b2;
  constexpr auto L = mean(log_sum_exp(Z) - colwise_sum(hadamard(Y, Z)));  // softmax cross-entropy
  constexpr auto G = leibniz::gradient(L, W1, b1, W2, b2);                // compile-time reverse mode

  const int inputs = 4, hidden = 5, classes = 3, batch = 8;
  const Eigen::MatrixXd w1 = Eigen::MatrixXd::Random(hidden, inputs), w2 = Eigen::MatrixXd::Random(classes, hidden);
  const Eigen::VectorXd c1 = Eigen::VectorXd::Random(hidden), c2 = Eigen::VectorXd::Random(classes);
  const Eigen::MatrixXd xb = Eigen::MatrixXd::Random(inputs, batch);
  Eigen::MatrixXd yb = Eigen::MatrixXd::Zero(classes, batch);
  for (int j = 0; j < batch; ++j) yb(j % classes, j) = 1;

  Eigen::MatrixXd gW1, gW2;
  Eigen::VectorXd gb1, gb2;
  leibniz::tie(gW1, gb1, gW2, gb2) = G(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb);
  // [snippet:matrix-network-end]

  // The same gradient by hand: backpropagation.
  const Eigen::MatrixXd h = ((w1 * xb).colwise() + c1).cwiseMax(0.0);
  Eigen::MatrixXd p = ((w2 * h).colwise() + c2).array().exp();
  p.array().rowwise() /= p.colwise().sum().array();
  const Eigen::MatrixXd dz = (p - yb) / batch;
  const Eigen::MatrixXd dh = (w2.transpose() * dz).array() * (h.array() > 0).cast<double>();
  const double error = std::max({(gW1 - dh * xb.transpose()).norm(), (gb1 - dh.rowwise().sum()).norm(),
                                 (gW2 - dz * h.transpose()).norm(), (gb2 - dz.rowwise().sum()).norm()});
  std::cout << "network: gradient by W1 (" << gW1.rows() << " x " << gW1.cols() << "), b1, W2, b2 "
            << (error < 1e-12 ? "matches" : "DIFFERS FROM") << " backpropagation by hand\n";

  // [snippet:matrix-second-order]
  // Second order: the Hessian by a vector keeps structure; hvp never forms a Hessian.
  static_assert(leibniz::hessian(transpose(x) * A * x, x) == A + transpose(A));
  std::cout << "hessian(squared_norm(A * w - y), w) = " << leibniz::hessian(loss, w) << '\n';  // 2 * A^T * A
  Eigen::MatrixXd dW1 = Eigen::MatrixXd::Ones(hidden, inputs);                                 // a direction
  const auto Hv = leibniz::hvp(L, W1 = dW1)(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb);
  std::cout << "hvp(L, W1 = ones)[W1] is " << Hv[W1].rows() << " x " << Hv[W1].cols() << '\n';
  const Eigen::VectorXd Jv = leibniz::jvp(relu(W1 * x), x = xb.col(0))(W1 = w1, x = xb.col(1));
  std::cout << "jvp(relu(W1 * x), x = v) has " << Jv.size() << " entries\n";
  // [snippet:matrix-second-order-end]

  // [snippet:matrix-check]
  // Every entry of every bound vector and matrix that L uses, against finite differences
  // of L with that one entry moved; a failure is named by its entry, `df/dW1[3,2]`.
  const auto report = leibniz::check_gradient(L, W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb);
  std::cout << "checker: " << report.entries.size() << " entries, " << (report.ok() ? "all passed" : "FAILED")
            << '\n';
  // [snippet:matrix-check-end]

  // [snippet:matrix-dot]
  // B8's network with its sizes in the types: to_dot labels each node with its shape
  // (docs/images/matrix_network.png; sizes taken from a binding print as ?).
  constexpr auto V1 = leibniz::mat<"W1", 128, 784>;
  constexpr auto c1s = leibniz::vec<"b1", 128>;
  constexpr auto V2 = leibniz::mat<"W2", 10, 128>;
  constexpr auto c2s = leibniz::vec<"b2", 10>;
  constexpr auto Xs = leibniz::mat<"X", 784, 256>;
  constexpr auto Ys = leibniz::mat<"Y", 10, 256>;
  constexpr auto Zs = V2 * relu(V1 * Xs + c1s) + c2s;
  std::cout << leibniz::to_dot(mean(log_sum_exp(Zs) - colwise_sum(hadamard(Ys, Zs))));
  // [snippet:matrix-dot-end]
  return error < 1e-12 && report.ok() ? 0 : 1;
}
