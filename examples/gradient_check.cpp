// The gradient check: derive the analytic gradient, check it with the numerical one.
// A sigmoid unit's squared loss, two hand-written gradients (one right, one with a
// classic slip), and why central differences beat the textbook forward difference.
#include <cmath>
#include <cstdio>
#include <iostream>

#include <Eigen/Core>
#include <leibniz/leibniz.hpp>

namespace {

// [snippet:loss]
// L(w) = sum_i (y_i - sigmoid(w . x_i))^2 over four examples with three features.
const Eigen::Matrix<double, 4, 3> X = (Eigen::Matrix<double, 4, 3>() << 0.5, -1.2, 1.0,  //
                                       1.5, 0.3, 1.0,                                    //
                                       -0.7, 0.8, 1.0,                                   //
                                       0.2, -0.4, 1.0)
                                          .finished();
const Eigen::Vector4d Y(1.0, 0.0, 1.0, 0.0);

double sigmoid(double t) {
  return 1 / (1 + std::exp(-t));
}

double loss(const Eigen::VectorXd& w) {
  double sum = 0;
  for (int i = 0; i < 4; ++i) sum += std::pow(Y[i] - sigmoid(X.row(i).dot(w)), 2);
  return sum;
}

// dL/dw_j = sum_i -2 delta_i sigma_i (1 - sigma_i) x_ij, delta_i = y_i - sigma_i.
Eigen::VectorXd right_gradient(const Eigen::VectorXd& w) {
  Eigen::VectorXd g = Eigen::VectorXd::Zero(3);
  for (int i = 0; i < 4; ++i) {
    const double s = sigmoid(X.row(i).dot(w)), delta = Y[i] - s;
    g += -2 * delta * s * (1 - s) * X.row(i).transpose();
  }
  return g;
}

// The slip: the sigmoid's derivative sigma (1 - sigma) forgotten.
Eigen::VectorXd wrong_gradient(const Eigen::VectorXd& w) {
  Eigen::VectorXd g = Eigen::VectorXd::Zero(3);
  for (int i = 0; i < 4; ++i) g += -2 * (Y[i] - sigmoid(X.row(i).dot(w))) * X.row(i).transpose();
  return g;
}
// [snippet:loss-end]

}  // namespace

int main() {
  const Eigen::Vector3d w(0.3, -0.8, 0.1);

  // [snippet:forward-difference]
  // The textbook forward difference: loss 1.25347 at W, 1.25322 at W + h e1, h = 1e-4.
  const double h = 1e-4;
  std::printf("forward difference: (1.25322 - 1.25347) / %g = %.4g\n", h, (1.25322 - 1.25347) / h);
  // [snippet:forward-difference-end]

  // [snippet:check]
  const auto right = leibniz::check_gradient(loss, right_gradient, Eigen::VectorXd(w));
  const auto wrong = leibniz::check_gradient(loss, wrong_gradient, Eigen::VectorXd(w));
  std::cout << "right gradient:\n" << right << "\nwrong gradient:\n" << wrong;
  // [snippet:check-end]

  // [snippet:forward-vs-central]
  // dL/dw1 at w by the forward difference above and by a central difference, both
  // with h = 1e-4, against the exact value: the forward difference's error is
  // h L''/2 (first order), the central one's h^2 L'''/6 (second order).
  const double exact = right_gradient(w)[0];
  Eigen::VectorXd up = w, down = w;
  up[0] += h;
  down[0] -= h;
  const double forward = (loss(up) - loss(w)) / h;
  const double central = (loss(up) - loss(down)) / (2 * h);
  std::printf("\ndL/dw1 exact        %.12f\n", exact);
  std::printf("forward, h = 1e-4   %.12f   error %.1e\n", forward, std::abs(forward - exact));
  std::printf("central, h = 1e-4   %.12f   error %.1e\n", central, std::abs(central - exact));
  std::printf("checker (6th order) %.12f   error %.1e\n", right.entries[0].numeric,
              std::abs(right.entries[0].numeric - exact));
  // [snippet:forward-vs-central-end]

  // [snippet:expression]
  // The same loss as a leibniz expression: its derivatives are leibniz's, checked alike.
  constexpr auto w1 = leibniz::var<"w1">;
  constexpr auto w2 = leibniz::var<"w2">;
  constexpr auto w3 = leibniz::var<"w3">;
  const auto term = [&](int i) { return square(Y[i] - sigmoid(X(i, 0) * w1 + X(i, 1) * w2 + X(i, 2) * w3)); };
  const auto L = term(0) + term(1) + term(2) + term(3);
  std::cout << '\n' << leibniz::check_gradient(L, w1 = w[0], w2 = w[1], w3 = w[2]);
  // [snippet:expression-end]
  return right.ok() && !wrong.ok() ? 0 : 1;
}
