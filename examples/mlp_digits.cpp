// examples/mlp_digits.cpp — a two-layer network trained on handwritten digits.
//
// The UCI optical-digits set as Debian's python3-sklearn ships it: 1,797 images of 8 x 8
// pixels (0..16 each), digits 0 to 9. The network is relu(W1 X + b1), then W2 H + b2 and
// a softmax cross-entropy, written once with matrix variables; leibniz derives its
// gradient by W1, b1, W2 and b2 at compile time, and every step evaluates it with Eigen's
// GEMM on a mini-batch of 32 images (one per column). Training is plain mini-batch SGD.
// The batch matrices and the gradients are sized once, before the first step; every
// step after the first makes no heap allocation (tie() writes the gradient into them).
//
// Usage: mlp_digits [DATA_DIR]. Without the data (python3-sklearn not installed) it says
// where it looked and exits with 77, which Meson reports as skipped.
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <random>
#include <vector>

#include <Eigen/Core>

#include <leibniz/leibniz.hpp>

#include "datasets.hpp"

// [snippet:mlp-model]
constexpr auto W1 = leibniz::mat<"W1">;  // hidden x 64
constexpr auto b1 = leibniz::vec<"b1">;
constexpr auto W2 = leibniz::mat<"W2">;  // 10 x hidden
constexpr auto b2 = leibniz::vec<"b2">;
constexpr auto X = leibniz::mat<"X">;  // 64 pixels x a batch: one image per column
constexpr auto Y = leibniz::mat<"Y">;  // one-hot labels, 10 x the batch

constexpr auto H = relu(W1 * X + b1);                                   // b1 is added to every column
constexpr auto Z = W2 * H + b2;                                         // one score per class and image
constexpr auto L = mean(log_sum_exp(Z) - colwise_sum(hadamard(Y, Z)));  // softmax cross-entropy
constexpr auto G = leibniz::gradient(L, W1, b1, W2, b2);
// [snippet:mlp-model-end]

namespace {

constexpr int pixels = 64, classes = 10;

/// Images as columns scaled to [0, 1], their one-hot labels, and the labels as numbers.
struct part {
  Eigen::MatrixXd x, y;
  std::vector<int> labels;
};

/// Reads digits.csv.gz (64 pixels, then the digit, a line), shuffles the images with a
/// fixed seed and splits them 80/20 into a training and a test part.
std::pair<part, part> load(const std::filesystem::path& file, std::mt19937& rng) {
  const datasets::csv data = datasets::read_csv(file);
  if (data.rows.cols() != pixels + 1)
    throw std::runtime_error(file.string() + ": " + std::to_string(data.rows.cols()) + " columns, expected " +
                             std::to_string(pixels + 1) + " (64 pixels and the digit)");
  const int examples = int(data.rows.rows()), train = examples * 4 / 5;
  const std::vector<int> order = datasets::shuffled_indices(examples, rng);
  std::pair<part, part> split;
  for (auto [p, n] : {std::pair{&split.first, train}, std::pair{&split.second, examples - train}}) {
    p->x.resize(pixels, n);
    p->y = Eigen::MatrixXd::Zero(classes, n);
    p->labels.resize(std::size_t(n));
  }
  for (int j = 0; j < examples; ++j) {
    part& p = j < train ? split.first : split.second;
    const int k = j < train ? j : j - train;
    const auto row = data.rows.row(order[std::size_t(j)]);
    const int digit = int(row(pixels));
    if (digit < 0 || digit >= classes || double(digit) != row(pixels))
      throw std::runtime_error(file.string() + ": line " + std::to_string(order[std::size_t(j)] + 1) + ": the label " +
                               std::to_string(row(pixels)) + " is not a digit");
    p.x.col(k) = row.head(pixels).transpose() / 16.0;  // pixels are 0..16
    p.y(digit, k) = 1.0;
    p.labels[std::size_t(k)] = digit;
  }
  return split;
}

/// A matrix of uniform numbers in [-limit, limit] from raw mt19937 draws (the same on
/// every machine, unlike std::uniform_real_distribution).
Eigen::MatrixXd uniform(Eigen::Index rows, Eigen::Index cols, double limit, std::mt19937& rng) {
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) m(i, j) = (double(rng()) / 4294967295.0 * 2.0 - 1.0) * limit;
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path file =
      (argc > 1 ? std::filesystem::path(argv[1]) : datasets::directory()) / "digits.csv.gz";
  std::mt19937 rng(20240611);  // one seed for the split, the initial weights and the batches
  std::pair<part, part> data;
  try {
    data = load(file, rng);
  } catch (const datasets::missing_file& e) {
    std::cout << "skipped: " << e.what() << '\n';
    return datasets::exit_skipped;
  } catch (const std::exception& e) {
    std::cout << "error: " << e.what() << '\n';
    return 1;
  }
  const part& train = data.first;
  const part& test = data.second;
  const int examples = int(train.x.cols());
  std::printf("digits: %d pixels, %d training and %d test images\n", pixels, examples, int(test.x.cols()));

  // He initialisation (uniform, variance 2 / fan-in) for the ReLU layer, Glorot's for the
  // output layer; biases at zero.
  const int hidden = 64;
  Eigen::MatrixXd w1 = uniform(hidden, pixels, std::sqrt(6.0 / pixels), rng);
  Eigen::MatrixXd w2 = uniform(classes, hidden, std::sqrt(6.0 / (hidden + classes)), rng);
  Eigen::VectorXd c1 = Eigen::VectorXd::Zero(hidden), c2 = Eigen::VectorXd::Zero(classes);

  // The fraction of the part's images whose highest score is their digit.
  const auto accuracy = [&](const part& p) {
    const Eigen::MatrixXd scores = Z(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = p.x);
    int right = 0;
    for (Eigen::Index j = 0; j < scores.cols(); ++j) {
      Eigen::Index best = 0;
      scores.col(j).maxCoeff(&best);
      right += int(best) == p.labels[std::size_t(j)];
    }
    return double(right) / double(scores.cols());
  };

  // [snippet:mlp-train]
  const int batch = 32, epochs = 40;
  const double rate = 0.2;
  // The matrices a step writes are sized here, once: each batch is copied into xb and yb
  // (one image per column), and tie() writes the gradient into gW1, gb1, gW2 and gb2.
  // leibniz keeps its intermediate matrices from one step to the next, so every step
  // after the first makes no heap allocation at all.
  Eigen::MatrixXd xb(pixels, batch), yb(classes, batch);
  Eigen::MatrixXd gW1(hidden, pixels), gW2(classes, hidden);
  Eigen::VectorXd gb1(hidden), gb2(classes);
  std::vector<int> order(static_cast<std::size_t>(examples));
  for (int i = 0; i < examples; ++i) order[std::size_t(i)] = i;

  const auto print_losses = [&](int epoch) {
    std::printf("epoch %2d: training loss %.4f, test loss %.4f\n", epoch,
                L(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = train.x, Y = train.y),
                L(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = test.x, Y = test.y));
  };
  print_losses(0);
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    datasets::shuffle(order, rng);                                    // a new order of the images every epoch
    for (int start = 0; start + batch <= examples; start += batch) {  // a partial last batch waits for another order
      for (int j = 0; j < batch; ++j) {
        xb.col(j) = train.x.col(order[std::size_t(start + j)]);
        yb.col(j) = train.y.col(order[std::size_t(start + j)]);
      }
      leibniz::tie(gW1, gb1, gW2, gb2) = G(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb);
      w1 -= rate * gW1;
      c1 -= rate * gb1;
      w2 -= rate * gW2;
      c2 -= rate * gb2;
    }
    if (epoch == 1 || epoch % 5 == 0)
      print_losses(epoch);
  }
  // [snippet:mlp-train-end]

  const double train_accuracy = accuracy(train), test_accuracy = accuracy(test);
  std::printf("train accuracy: %.3f\n", train_accuracy);
  std::printf("test accuracy: %.3f (%d of %d)\n", test_accuracy, int(std::lround(test_accuracy * test.x.cols())),
              int(test.x.cols()));
  // Measured: 0.992 with this seed, 0.961 to 0.992 with seeds 1 to 8 (other splits, other
  // initial weights). Below 0.95 something is wrong with the gradient, the data or the
  // training, not with luck.
  const double threshold = 0.95;
  std::printf("test accuracy >= %.2f: %s\n", threshold, test_accuracy >= threshold ? "yes" : "NO");
  return test_accuracy >= threshold ? 0 : 1;
}
