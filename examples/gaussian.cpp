// examples/gaussian.cpp — the gradient of a multivariate Gaussian's log-likelihood by its
// mean and its covariance, written with log_det and solve, checked against finite
// differences, and zero where it must be: at the sample mean and covariance.
//
// For n samples x_i (the columns of X) of N(mu, S), the negative log-likelihood, less its
// constant, is
//     L = n/2 log det S + 1/2 sum_i (x_i - mu)^T S^-1 (x_i - mu),
// and the textbook gradients are dL/dmu = -S^-1 sum_i (x_i - mu) and
// dL/dS = n/2 S^-1 - 1/2 S^-1 R R^T S^-1 (R the residuals, S symmetric).
#include <cstdio>
#include <iostream>

#include <Eigen/Core>
#include <Eigen/LU>

#include <leibniz/leibniz.hpp>

// [snippet:gaussian-model]
constexpr auto mu = leibniz::vec<"mu">;  // the mean
constexpr auto S = leibniz::mat<"S">;    // the covariance
constexpr auto X = leibniz::mat<"X">;    // the samples, one per column
constexpr auto n = leibniz::var<"n">;    // how many

constexpr auto R = X - mu;  // mu is subtracted from every column
constexpr auto L = 0.5 * n * log_det(S) + 0.5 * sum(hadamard(R, solve(S, R)));
constexpr auto G = leibniz::gradient(L, mu, S);
// [snippet:gaussian-model-end]

int main() {
  std::cout << "dL/dmu = " << leibniz::d(L, mu) << '\n';
  std::cout << "dL/dS  = " << leibniz::d(L, S) << '\n';

  // Samples of a correlated 3-dimensional Gaussian, made deterministic: x = m + C z.
  const int dims = 3, count = 40;
  Eigen::MatrixXd c(dims, dims);
  c << 1.0, 0.0, 0.0, 0.6, 0.8, 0.0, -0.3, 0.2, 0.5;
  const Eigen::Vector3d m(1.0, -2.0, 0.5);
  Eigen::MatrixXd samples(dims, count);
  for (int j = 0; j < count; ++j) {
    const Eigen::Vector3d z(std::sin(1.7 * j + 0.3), std::cos(2.3 * j + 1.1), std::sin(0.9 * j + 2.0));
    samples.col(j) = m + c * z;
  }
  const Eigen::Vector3d mean0(0.8, -1.5, 0.2);
  Eigen::MatrixXd cov0 = c * c.transpose() + 0.3 * Eigen::MatrixXd::Identity(dims, dims);
  cov0(0, 1) += 0.05;  // not symmetric: the gradient by S is taken over all nine entries

  // [snippet:gaussian-check]
  // Every entry of the gradient by mu and S (and by the samples) against finite differences.
  const auto report = leibniz::check_gradient(L, mu = mean0, S = cov0, X = samples.leftCols(8), n = 8.0);
  std::printf("gradient check: %zu entries, %s\n", report.entries.size(), report.ok() ? "ok" : "FAILED");
  // [snippet:gaussian-check-end]
  if (!report.ok()) {
    std::cout << report;
    return 1;
  }

  // The same gradient as the textbook writes it (S symmetric, so only at a symmetric S).
  const Eigen::MatrixXd sym = 0.5 * (cov0 + cov0.transpose());
  const auto g = G(mu = mean0, S = sym, X = samples, n = double(count));
  const Eigen::MatrixXd inv = sym.inverse(), res = samples.colwise() - mean0;
  const Eigen::VectorXd by_mean = -inv * res.rowwise().sum();
  const Eigen::MatrixXd by_cov = 0.5 * count * inv - 0.5 * inv * res * res.transpose() * inv;
  const double textbook = std::max((g[mu] - by_mean).norm() / by_mean.norm(), (g[S] - by_cov).norm() / by_cov.norm());
  std::printf("against the textbook formulas: %s\n", textbook < 1e-12 ? "equal" : "DIFFERENT");

  // [snippet:gaussian-mle]
  // The maximum-likelihood estimates make the gradient vanish: the sample mean and the
  // (biased) sample covariance.
  const Eigen::VectorXd sample_mean = samples.rowwise().mean();
  const Eigen::MatrixXd centred = samples.colwise() - sample_mean;
  const Eigen::MatrixXd sample_cov = centred * centred.transpose() / count;
  const auto at_mle = G(mu = sample_mean, S = sample_cov, X = samples, n = double(count));
  std::printf("at the sample mean and covariance: |dL/dmu| = %.1e, |dL/dS| = %.1e\n", at_mle[mu].norm(),
              at_mle[S].norm());
  // [snippet:gaussian-mle-end]
  const bool vanishes = at_mle[mu].norm() < 1e-9 && at_mle[S].norm() < 1e-9;
  std::printf("the gradient vanishes there: %s\n", vanishes ? "yes" : "NO");
  return textbook < 1e-12 && vanishes ? 0 : 1;
}
