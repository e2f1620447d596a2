// examples/logistic_regression_vec.cpp — logistic regression on real data, with a weight vector.
//
// The Wisconsin breast-cancer data set (569 tumours, 30 measurements each, malignant or
// benign) as Debian's python3-sklearn ships it. The model is one weight vector `w` and a
// bias `b`; the examples are the columns of a matrix `D`, so the scores of all of them are
// one matrix-vector product, `transpose(D) * w + b`. The loss is the mean logistic loss
// with a small L2 penalty; leibniz differentiates it by `w` and `b` at compile time. The
// gradient is checked against finite differences on a slice of the data, then the model
// is trained by full-batch gradient descent and judged on examples it never saw.
//
// Usage: logistic_regression_vec [DATA_DIR]. Without the data (python3-sklearn not
// installed) it says where it looked and exits with 77, which Meson reports as skipped.
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <leibniz/leibniz.hpp>

#include "datasets.hpp"

// [snippet:logistic-vec-model]
constexpr auto w = leibniz::vec<"w">;  // one weight per feature
constexpr auto b = leibniz::var<"b">;  // the bias: a number
constexpr auto D = leibniz::mat<"D">;  // features x examples: one example per column
constexpr auto t = leibniz::vec<"t">;  // the labels, +1 (benign) or -1 (malignant)

constexpr auto margin = transpose(D) * w + b;  // every example's score: one GEMV
constexpr auto L = mean(softplus(-hadamard(t, margin))) + leibniz::c<1, 1000> * squared_norm(w);
constexpr auto G = leibniz::gradient(L, w, b);  // dL/dw is a vector expression: two GEMVs
// [snippet:logistic-vec-model-end]

namespace {

/// The data set split in two, one example per column, features standardised.
struct split {
  Eigen::MatrixXd d_train, d_test;
  Eigen::VectorXd t_train, t_test;
};

/// Reads breast_cancer.csv (a header line "569,30,malignant,benign", then 30 features and
/// the class, 0 malignant or 1 benign, a line), shuffles the examples with a fixed seed and
/// splits them 80/20. Each feature is standardised with the mean and standard deviation of
/// the training part only, so nothing about the test part leaks into training.
split load(const std::filesystem::path& file) {
  const datasets::csv data = datasets::read_csv(file, 1);
  const int examples = std::stoi(data.header.at(0));
  const int features = std::stoi(data.header.at(0).substr(data.header.at(0).find(',') + 1));
  if (data.rows.rows() != examples || data.rows.cols() != features + 1)
    throw std::runtime_error(file.string() + ": the header announces " + std::to_string(examples) + " x " +
                             std::to_string(features) + " features, the file holds " +
                             std::to_string(data.rows.rows()) + " x " + std::to_string(data.rows.cols() - 1));

  std::mt19937 rng(20240611);  // mt19937's draws are the same everywhere; so is datasets::shuffle
  const std::vector<int> order = datasets::shuffled_indices(examples, rng);
  const int train = examples * 4 / 5;

  split s{Eigen::MatrixXd(features, train), Eigen::MatrixXd(features, examples - train), Eigen::VectorXd(train),
          Eigen::VectorXd(examples - train)};
  for (int j = 0; j < examples; ++j) {
    const auto row = data.rows.row(order[static_cast<std::size_t>(j)]);
    const double label = row(features) == 1.0 ? 1.0 : -1.0;
    if (j < train) {
      s.d_train.col(j) = row.head(features).transpose();
      s.t_train(j) = label;
    } else {
      s.d_test.col(j - train) = row.head(features).transpose();
      s.t_test(j - train) = label;
    }
  }
  const Eigen::VectorXd mean = s.d_train.rowwise().mean();
  const Eigen::VectorXd deviation =
      ((s.d_train.colwise() - mean).array().square().rowwise().mean().sqrt()).max(1e-12).matrix();
  for (Eigen::MatrixXd* d : {&s.d_train, &s.d_test})
    d->array() = (d->array().colwise() - mean.array()).colwise() / deviation.array();
  return s;
}

/// The fraction of examples whose score has the sign of their label.
double accuracy(const Eigen::VectorXd& weights, double bias, const Eigen::MatrixXd& d, const Eigen::VectorXd& labels) {
  const Eigen::VectorXd scores = margin(w = weights, b = bias, D = d);
  return ((scores.array() > 0) == (labels.array() > 0)).cast<double>().mean();
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path file =
      (argc > 1 ? std::filesystem::path(argv[1]) : datasets::directory()) / "breast_cancer.csv";
  split s;
  try {
    s = load(file);
  } catch (const datasets::missing_file& e) {
    std::cout << "skipped: " << e.what() << '\n';
    return datasets::exit_skipped;
  } catch (const std::exception& e) {
    std::cout << "error: " << e.what() << '\n';
    return 1;
  }
  std::printf("breast cancer: %d features, %d training and %d test examples\n", int(s.d_train.rows()),
              int(s.d_train.cols()), int(s.d_test.cols()));

  // [snippet:logistic-vec-check]
  // Before training on it, check the gradient against finite differences of L: every entry
  // of every bound vector and matrix (w, D and t) and b, so 20 examples are plenty.
  const Eigen::VectorXd w0 = Eigen::VectorXd::LinSpaced(s.d_train.rows(), -0.2, 0.2);  // not a special point
  const auto report = leibniz::check_gradient(L, w = w0, b = 0.1, D = s.d_train.leftCols(20), t = s.t_train.head(20));
  std::printf("gradient check: %zu entries, %s\n", report.entries.size(), report.ok() ? "ok" : "FAILED");
  if (!report.ok()) {
    std::cout << report;  // the table: the failing entries, named df/dD[3,17], and the worst
    return 1;
  }
  // [snippet:logistic-vec-check-end]

  // [snippet:logistic-vec-train]
  // Full-batch gradient descent from zero. It converges for a step below 2 / K, K the
  // gradient's Lipschitz constant: at most a quarter of the largest eigenvalue of the
  // standardised features' correlation matrix (13.3 here), plus 2 / 1000 for the penalty,
  // so K < 3.4 and the step 0.5 is below 2 / K = 0.59.
  Eigen::VectorXd weights = Eigen::VectorXd::Zero(s.d_train.rows()), gw(s.d_train.rows());
  double bias = 0.0, gb = 0.0;
  const double rate = 0.5;
  const int steps = 1000;
  for (int step = 0; step <= steps; ++step) {
    if (step % 100 == 0)
      std::printf("step %4d: training loss %.4f\n", step, L(w = weights, b = bias, D = s.d_train, t = s.t_train));
    if (step == steps)
      break;
    leibniz::tie(gw, gb) = G(w = weights, b = bias, D = s.d_train, t = s.t_train);
    weights -= rate * gw;
    bias -= rate * gb;
  }
  // [snippet:logistic-vec-train-end]

  const double train_accuracy = accuracy(weights, bias, s.d_train, s.t_train);
  const double test_accuracy = accuracy(weights, bias, s.d_test, s.t_test);
  std::printf("train accuracy: %.3f\n", train_accuracy);
  std::printf("test accuracy: %.3f (%d of %d)\n", test_accuracy, int(std::lround(test_accuracy * s.t_test.size())),
              int(s.t_test.size()));
  // Measured: 0.974 with this seed (111 of 114), 0.947 to 0.991 with seeds 1 to 8: one
  // test example is 0.009, and the split decides a few. The loss is strictly convex, so
  // with a fixed split the result does not depend on rounding; below 0.95 something is
  // wrong with the gradient, the data or the training.
  const double threshold = 0.95;
  std::printf("test accuracy >= %.2f: %s\n", threshold, test_accuracy >= threshold ? "yes" : "NO");
  return test_accuracy >= threshold ? 0 : 1;
}
