// tests/benchmarks/bench_matrix.cpp — B8, B9 and B10: gradients by vectors and matrices
// (matrix/*.hpp) against backpropagation written by hand with Eigen, in one run.
//
// B8: a two-layer softmax cross-entropy network, relu(W1 X + b1) then W2 H + b2,
//     784-128-10, a batch of 256, double; its gradient by W1, b1, W2, b2. References:
//     hand-written Eigen backpropagation (the same GEMMs), and the GEMM bound (its five
//     GEMMs alone, the floor of any implementation).
// B9: the logistic-regression gradient by w and b, 100 features, 100,000 examples;
//     hand-written: two GEMVs and one entrywise pass.
// B10: the gradient and a Hessian-vector product of squared_norm(A w - y), A 2000 x 500;
//     hand-written: 2 A^T (A w - y) and 2 A^T (A v), two GEMVs each.
//
// Each variant is timed as the median of repeated calls (after a warm-up), and checked
// against the hand-written gradient before it is timed. Prints one table of
// milliseconds per gradient and ratios. `meson test -C build --benchmark bench_matrix`.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <malloc.h>
#include <functional>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include <leibniz/leibniz.hpp>

#include "network_by_hand.hpp"

namespace {

/// Median milliseconds of `run` over `repeats` calls, after one warm-up call.
double median_ms(const std::function<void()>& run, int repeats) {
  run();
  std::vector<double> times;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    run();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::nth_element(times.begin(), times.begin() + repeats / 2, times.end());
  return times[std::size_t(repeats / 2)];
}

double relative_difference(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return (a - b).norm() / std::max(1.0, b.norm());
}

// ---------------------------------------------------------------------------- B8
constexpr auto W1 = leibniz::mat<"W1">;
constexpr auto b1 = leibniz::vec<"b1">;
constexpr auto W2 = leibniz::mat<"W2">;
constexpr auto b2 = leibniz::vec<"b2">;
constexpr auto X = leibniz::mat<"X">;
constexpr auto Y = leibniz::mat<"Y">;
constexpr auto H = relu(W1 * X + b1);
constexpr auto Z = W2 * H + b2;
constexpr auto network_loss = mean(log_sum_exp(Z) - colwise_sum(hadamard(Y, Z)));
constexpr auto network_gradient = leibniz::gradient(network_loss, W1, b1, W2, b2);

/// The five GEMMs of backpropagation alone, on buffers allocated once.
struct gemm_bound {
  Eigen::MatrixXd a1, z, dh, gW1, gW2, dz;
  explicit gemm_bound(const network_data& d)
      : a1(d.w1.rows(), d.x.cols()),
        z(d.w2.rows(), d.x.cols()),
        dh(d.w1.rows(), d.x.cols()),
        gW1(d.w1.rows(), d.w1.cols()),
        gW2(d.w2.rows(), d.w2.cols()),
        dz(Eigen::MatrixXd::Constant(d.w2.rows(), d.x.cols(), 1e-3)) {}
  void run(const network_data& d) {
    a1.noalias() = d.w1 * d.x;
    z.noalias() = d.w2 * a1;
    dh.noalias() = d.w2.transpose() * dz;
    gW2.noalias() = dz * a1.transpose();
    gW1.noalias() = dh * d.x.transpose();
  }
};

// ---------------------------------------------------------------------------- B9
constexpr auto w = leibniz::vec<"w">;
constexpr auto b = leibniz::var<"b">;
constexpr auto D = leibniz::mat<"D">;  // features x examples
constexpr auto t = leibniz::vec<"t">;  // labels +-1
constexpr auto logistic_loss = mean(softplus(-hadamard(t, transpose(D) * w + b)));
constexpr auto logistic_gradient = leibniz::gradient(logistic_loss, w, b);

void logistic_by_hand(const Eigen::MatrixXd& data, const Eigen::VectorXd& labels, const Eigen::VectorXd& weights,
                      double bias, Eigen::VectorXd& gw, double& gb) {
  Eigen::VectorXd margin(data.cols());
  margin.noalias() = data.transpose() * weights;
  // d/dm of softplus(-t m) is -t sigmoid(-t m), over the mean
  const Eigen::VectorXd s =
      (-labels.array() / (1.0 + (labels.array() * (margin.array() + bias)).exp())) / double(data.cols());
  gw.noalias() = data * s;
  gb = s.sum();
}

// ---------------------------------------------------------------------------- B10
constexpr auto A = leibniz::mat<"A">;
constexpr auto y = leibniz::vec<"y">;
constexpr auto least_squares = squared_norm(A * w - y);
constexpr auto least_squares_gradient = leibniz::gradient(least_squares, w);

void least_squares_by_hand(const Eigen::MatrixXd& a, const Eigen::VectorXd& x, const Eigen::VectorXd& target,
                           Eigen::VectorXd& residual, Eigen::VectorXd& g) {
  residual.noalias() = a * x;
  residual -= target;
  g.noalias() = 2.0 * a.transpose() * residual;
}

void hvp_by_hand(const Eigen::MatrixXd& a, const Eigen::VectorXd& direction, Eigen::VectorXd& image,
                 Eigen::VectorXd& h) {
  image.noalias() = a * direction;
  h.noalias() = 2.0 * a.transpose() * image;
}

/// One SGD step on the network's weights from a gradient.
void sgd_step(network_data& d, const network_gradients& g, double rate) {
  d.w1 -= rate * g.gW1;
  d.c1 -= rate * g.gb1;
  d.w2 -= rate * g.gW2;
  d.c2 -= rate * g.gb2;
}

network_data make_network_data() {
  network_data d;
  const int inputs = 784, hidden = 128, classes = 10, batch = 256;
  d.w1 = Eigen::MatrixXd::Random(hidden, inputs) * 0.05;
  d.w2 = Eigen::MatrixXd::Random(classes, hidden) * 0.1;
  d.c1 = Eigen::VectorXd::Random(hidden) * 0.1;
  d.c2 = Eigen::VectorXd::Random(classes) * 0.1;
  d.x = Eigen::MatrixXd::Random(inputs, batch);
  d.y = Eigen::MatrixXd::Zero(classes, batch);
  for (int j = 0; j < batch; ++j) d.y(j % classes, j) = 1;
  return d;
}

/// `--training-step`: milliseconds per B8 training step (gradient and SGD update),
/// machine-readable, for tests/benchmarks/training_side_by_side.py, which adds PyTorch.
int training_step_times(int repeats) {
  network_data d = make_network_data();
  network_gradients g;
  gemm_bound bound(d);
  const double rate = 1e-3;
  const double t_bound = median_ms([&] { bound.run(d); }, repeats);
  const double t_hand = median_ms(
      [&] {
        network_by_hand(d, g);
        sgd_step(d, g, rate);
      },
      repeats);
  const double t_ours = median_ms(
      [&] {
        leibniz::tie(g.gW1, g.gb1, g.gW2, g.gb2) =
            network_gradient(W1 = d.w1, b1 = d.c1, W2 = d.w2, b2 = d.c2, X = d.x, Y = d.y);
        sgd_step(d, g, rate);
      },
      repeats);
  std::printf("gemm_bound_ms %.4f\nhand_eigen_ms %.4f\nleibniz_ms %.4f\n", t_bound, t_hand, t_ours);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Every variant in its steady state: without this, glibc's sliding mmap threshold gives
  // large temporaries (the hand-written code's 256 kB ones) fresh pages from the kernel on
  // some calls and not on others, depending on what the other variants freed before.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  if (argc > 1 && std::string_view(argv[1]) == "--training-step")
    return training_step_times(51);
  std::printf("B8/B9/B10: gradients by matrices, milliseconds per gradient (median), one thread\n\n");
  std::printf("%-4s %-28s %10s %10s %12s\n", "row", "variant", "ms", "x hand", "x GEMM bound");

  // B8
  const network_data d = make_network_data();

  network_gradients hand, ours;
  network_by_hand(d, hand);
  leibniz::tie(ours.gW1, ours.gb1, ours.gW2, ours.gb2) =
      network_gradient(W1 = d.w1, b1 = d.c1, W2 = d.w2, b2 = d.c2, X = d.x, Y = d.y);
  const double error = std::max({relative_difference(ours.gW1, hand.gW1), relative_difference(ours.gb1, hand.gb1),
                                 relative_difference(ours.gW2, hand.gW2), relative_difference(ours.gb2, hand.gb2)});
  if (error > 1e-10) {
    std::printf("B8: leibniz's gradient differs from the hand-written one (relative %g)\n", error);
    return 1;
  }
  const int repeats = 31;
  gemm_bound bound(d);
  const double t_bound = median_ms([&] { bound.run(d); }, repeats);
  const double t_hand = median_ms([&] { network_by_hand(d, hand); }, repeats);
  const double t_ours = median_ms(
      [&] {
        leibniz::tie(ours.gW1, ours.gb1, ours.gW2, ours.gb2) =
            network_gradient(W1 = d.w1, b1 = d.c1, W2 = d.w2, b2 = d.c2, X = d.x, Y = d.y);
      },
      repeats);
  std::printf("%-4s %-28s %10.3f %10.2f %12.2f\n", "B8", "GEMM bound (5 GEMMs)", t_bound, t_bound / t_hand, 1.0);
  std::printf("%-4s %-28s %10.3f %10.2f %12.2f\n", "B8", "hand-written Eigen backprop", t_hand, 1.0, t_hand / t_bound);
  std::printf("%-4s %-28s %10.3f %10.2f %12.2f\n", "B8", "leibniz gradient", t_ours, t_ours / t_hand, t_ours / t_bound);

  // B9
  const int features = 100, examples = 100000;
  const Eigen::MatrixXd data = Eigen::MatrixXd::Random(features, examples);
  Eigen::VectorXd labels(examples);
  for (int j = 0; j < examples; ++j) labels(j) = j % 3 == 0 ? 1.0 : -1.0;
  const Eigen::VectorXd weights = Eigen::VectorXd::Random(features) * 0.1;
  const double bias = 0.2;
  Eigen::VectorXd gw_hand, gw_ours;
  double gb_hand = 0, gb_ours = 0;
  logistic_by_hand(data, labels, weights, bias, gw_hand, gb_hand);
  leibniz::tie(gw_ours, gb_ours) = logistic_gradient(w = weights, b = bias, D = data, t = labels);
  if (relative_difference(gw_ours, gw_hand) > 1e-10 || std::abs(gb_ours - gb_hand) > 1e-10) {
    std::printf("B9: leibniz's gradient differs from the hand-written one\n");
    return 1;
  }
  const double t9_hand = median_ms([&] { logistic_by_hand(data, labels, weights, bias, gw_hand, gb_hand); }, repeats);
  const double t9_ours = median_ms(
      [&] { leibniz::tie(gw_ours, gb_ours) = logistic_gradient(w = weights, b = bias, D = data, t = labels); },
      repeats);
  std::printf("%-4s %-28s %10.3f %10.2f %12s\n", "B9", "hand-written Eigen (2 GEMVs)", t9_hand, 1.0, "-");
  std::printf("%-4s %-28s %10.3f %10.2f %12s\n", "B9", "leibniz gradient", t9_ours, t9_ours / t9_hand, "-");

  // B10
  const Eigen::MatrixXd a = Eigen::MatrixXd::Random(2000, 500);
  const Eigen::VectorXd x0 = Eigen::VectorXd::Random(500), target = Eigen::VectorXd::Random(2000),
                        direction = Eigen::VectorXd::Random(500);
  Eigen::VectorXd residual, image, g_hand, g_ours, h_hand, h_ours;
  least_squares_by_hand(a, x0, target, residual, g_hand);
  hvp_by_hand(a, direction, image, h_hand);
  const auto least_squares_hvp = leibniz::hvp(least_squares, w = direction);
  leibniz::tie(g_ours) = least_squares_gradient(A = a, w = x0, y = target);
  leibniz::tie(h_ours) = least_squares_hvp(A = a, w = x0, y = target);
  if (relative_difference(g_ours, g_hand) > 1e-10 || relative_difference(h_ours, h_hand) > 1e-10) {
    std::printf("B10: leibniz's gradient or Hessian-vector product differs from the hand-written one\n");
    return 1;
  }
  const double t10_grad_hand = median_ms([&] { least_squares_by_hand(a, x0, target, residual, g_hand); }, repeats);
  const double t10_grad_ours =
      median_ms([&] { leibniz::tie(g_ours) = least_squares_gradient(A = a, w = x0, y = target); }, repeats);
  const double t10_hvp_hand = median_ms([&] { hvp_by_hand(a, direction, image, h_hand); }, repeats);
  const double t10_hvp_ours =
      median_ms([&] { leibniz::tie(h_ours) = least_squares_hvp(A = a, w = x0, y = target); }, repeats);
  std::printf("%-4s %-28s %10.3f %10.2f %12s\n", "B10", "hand-written gradient", t10_grad_hand, 1.0, "-");
  std::printf("%-4s %-28s %10.3f %10.2f %12s\n", "B10", "leibniz gradient", t10_grad_ours,
              t10_grad_ours / t10_grad_hand, "-");
  std::printf("%-4s %-28s %10.3f %10.2f %12s\n", "B10", "hand-written hvp", t10_hvp_hand, 1.0, "-");
  std::printf("%-4s %-28s %10.3f %10.2f %12s\n", "B10", "leibniz hvp", t10_hvp_ours, t10_hvp_ours / t10_hvp_hand, "-");
  std::printf("\ntargets: B8 <= 1.1 x hand and <= 1.3 x GEMM bound; B9, B10 <= 1.1 x hand\n");
  return 0;
}
