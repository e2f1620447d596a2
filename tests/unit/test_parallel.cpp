// tests/unit/test_parallel.cpp — leibniz::parallel (parallel.hpp): eval, a derivative
// set's call and tie on several threads give bitwise the results of one thread, for every
// size (tails that are not a multiple of the SIMD chunk, sizes below the threshold) and
// 1, 2 and 3 threads; the thread count is obeyed; below the threshold no thread starts.
// Built with OpenMP (-fopenmp), optimised, three times: as is, with -DLEIBNIZ_NO_SIMD
// (Eigen's blocks) and with -march=native (AVX-512, FMA, non-temporal stores).
#include <catch2/catch.hpp>

#include <atomic>
#include <cfenv>
#include <cmath>
#include <cstring>
#include <vector>

#include <omp.h>

#include <leibniz/leibniz.hpp>
#include <leibniz/parallel.hpp>

using namespace leibniz::literals;

namespace {
constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
constexpr auto w = leibniz::var<"w">;

// Transcendentals, whose last bit depends on the code path; B6's chain among them.
constexpr auto f = tanh(exp(cos(sin(x * y)))) + x + sigmoid(w * x + y) * log1p(y) + pow(x, y) / (1_c + square(w));

// Every element equal, bit for bit (NaN included: memcmp, not ==).
bool bitwise_equal(const Eigen::ArrayXd& a, const Eigen::ArrayXd& b) {
  return a.size() == b.size() &&
         (a.size() == 0 || std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(a.size())) == 0);
}

Eigen::ArrayXd points(Eigen::Index n, double from, double to) {
  return Eigen::ArrayXd::LinSpaced(n, from, to);
}

constexpr std::size_t threshold = leibniz::parallel_policy::threshold;

// Below, at and above the threshold, with every tail length modulo 8 and 32 (the SIMD
// chunk: 8 doubles with AVX-512, 4 batches of them for a chain of functions).
const std::vector<Eigen::Index> sizes = {0,
                                         1,
                                         7,
                                         33,
                                         1000,
                                         Eigen::Index(threshold) - 1,
                                         Eigen::Index(threshold),
                                         Eigen::Index(threshold) + 1,
                                         Eigen::Index(threshold) + 9,
                                         3 * Eigen::Index(threshold) + 37};  // a piece of 8192 and a tail

// The most threads an op's kernel ran among (the size of the OpenMP team; 1 outside a
// parallel region). Which threads take pieces depends on timing; the team does not.
std::atomic<int> team{0};
struct spy_op {
  static constexpr std::string_view name = "spy";
  static auto apply(const auto& v) {
    const int size = omp_get_num_threads();
    for (int seen = team.load(); seen < size && !team.compare_exchange_weak(seen, size);) {
    }
    return v;
  }
  static constexpr auto derivative(auto) { return 1_c; }
};
constexpr leibniz::function<spy_op> spy{};
}  // namespace

TEST_CASE("eval(parallel, f, ...) is bitwise eval(f, ...), any size, 1 to 3 threads", "[parallel]") {
  for (Eigen::Index n : sizes) {
    INFO("n = " << n);
    const Eigen::ArrayXd X = points(n, 0.1, 1.9), Y = points(n, 1.5, -0.5);
    const Eigen::ArrayXd serial = leibniz::eval(f, x = X, y = Y, w = 0.75);
    for (int threads : {1, 2, 3}) {
      INFO("threads = " << threads);
      const Eigen::ArrayXd par = leibniz::eval(leibniz::parallel(threads), f, x = X, y = Y, w = 0.75);
      CHECK(bitwise_equal(par, serial));
    }
    CHECK(bitwise_equal(leibniz::eval(leibniz::parallel, f, x = X, y = Y, w = 0.75), serial));
  }
}

TEST_CASE("G(parallel, ...) and tie(parallel, ...) are bitwise the serial gradient", "[parallel]") {
  const auto G = leibniz::gradient(f, x, y, w);
  for (Eigen::Index n : sizes) {
    INFO("n = " << n);
    const Eigen::ArrayXd X = points(n, 0.1, 1.9), Y = points(n, 1.5, -0.5), W = points(n, -2.0, 2.0);
    auto serial = G(x = X, y = Y, w = W);
    for (int threads : {1, 2, 3}) {
      INFO("threads = " << threads);
      const auto policy = leibniz::parallel(threads);

      auto read = G(policy, x = X, y = Y, w = W);  // computed on the first read
      CHECK(bitwise_equal(read[x], serial[x]));
      CHECK(bitwise_equal(read[y], serial[y]));
      CHECK(bitwise_equal(read[w], serial[w]));

      Eigen::ArrayXd gx, gy, gw;
      leibniz::tie(policy, gx, gy, gw) = G(x = X, y = Y, w = 0.5);
      auto serial_number = G(x = X, y = Y, w = 0.5);  // a number broadcast: still arrays
      CHECK(bitwise_equal(gx, serial_number[x]));
      CHECK(bitwise_equal(gy, serial_number[y]));
      CHECK(bitwise_equal(gw, serial_number[w]));

      Eigen::ArrayXd hx(n), hy(n), hw(n);  // the result's policy when tie has none
      leibniz::tie(hx, hy, hw) = G(policy, x = X, y = Y, w = W);
      CHECK(bitwise_equal(hx, serial[x]));
      CHECK(bitwise_equal(hy, serial[y]));
      CHECK(bitwise_equal(hw, serial[w]));
    }
  }
}

TEST_CASE("parallel with maps, float, strided destinations, outputs(f, g)", "[parallel]") {
  const Eigen::Index n = 3 * Eigen::Index(threshold) + 5;
  std::vector<double> memory(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < memory.size(); ++i) memory[i] = 0.5 + 1e-5 * double(i);
  const Eigen::Map<const Eigen::ArrayXd> X(memory.data(), n);
  const Eigen::ArrayXf Xf = X.cast<float>();

  CHECK(bitwise_equal(leibniz::eval(leibniz::parallel(2), f, x = X, y = 0.25, w = X),
                      leibniz::eval(f, x = X, y = 0.25, w = X)));

  const Eigen::ArrayXf vf = leibniz::eval(leibniz::parallel(2), f, x = Xf, y = 0.25f, w = Xf);
  const Eigen::ArrayXf sf = leibniz::eval(f, x = Xf, y = 0.25f, w = Xf);
  CHECK(std::memcmp(vf.data(), sf.data(), sizeof(float) * std::size_t(n)) == 0);

  Eigen::ArrayXXd strided(2, n);  // rows of a column-major array: stride 2
  auto a = strided.row(0).transpose();
  auto b = strided.row(1).transpose();
  leibniz::tie(leibniz::parallel(3), a, b) = leibniz::outputs(f, d(f, x))(x = X, y = 0.25, w = 1.0);
  auto [fs, dfs] = leibniz::outputs(f, d(f, x))(x = X, y = 0.25, w = 1.0);
  CHECK(bitwise_equal(Eigen::ArrayXd(a), fs));
  CHECK(bitwise_equal(Eigen::ArrayXd(b), dfs));
}

TEST_CASE("parallel over more than 16 MiB: non-temporal stores, pieces aligned", "[parallel]") {
  // Pure arithmetic over this much memory is written with non-temporal stores (eigen.hpp)
  // where the machine has them (-march=native on AVX-512); a piece must start on a cache line.
  const Eigen::Index n = 1'000'003;
  const Eigen::ArrayXd X = points(n, 0.1, 1.9), Y = points(n, 1.5, 0.5);
  constexpr auto g = x * y * w + x / y + relu(x - w);
  const auto G = leibniz::gradient(g, x, y, w);
  auto serial = G(x = X, y = Y, w = X);
  for (int threads : {2, 3}) {
    INFO("threads = " << threads);
    Eigen::ArrayXd gx, gy, gw;
    leibniz::tie(leibniz::parallel(threads), gx, gy, gw) = G(x = X, y = Y, w = X);
    CHECK(bitwise_equal(gx, serial[x]));
    CHECK(bitwise_equal(gy, serial[y]));
    CHECK(bitwise_equal(gw, serial[w]));
  }
}

TEST_CASE("parallel computes in the caller's rounding mode on every thread", "[parallel]") {
  const Eigen::Index n = 4 * Eigen::Index(threshold) + 3;
  const Eigen::ArrayXd X = points(n, 0.1, 1.9), Y = points(n, 1.5, 0.5);
  REQUIRE(std::fesetround(FE_UPWARD) == 0);
  const Eigen::ArrayXd serial = leibniz::eval(x / y + x * y, x = X, y = Y);
  const Eigen::ArrayXd par = leibniz::eval(leibniz::parallel(2), x / y + x * y, x = X, y = Y);
  std::fesetround(FE_TONEAREST);
  const Eigen::ArrayXd nearest = leibniz::eval(x / y + x * y, x = X, y = Y);
  CHECK(bitwise_equal(par, serial));
  CHECK(!bitwise_equal(nearest, serial));  // the mode did change the results
}

TEST_CASE("parallel(n) runs on n threads; below the threshold, on the caller's alone", "[parallel]") {
  const Eigen::Index large = 8 * Eigen::Index(threshold);
  const Eigen::ArrayXd X = points(large, 0.1, 1.9);
  const auto threads_used = [&](auto policy, Eigen::Index n) {
    team = 0;
    const Eigen::ArrayXd v = leibniz::eval(policy, spy(x) * 2_c, x = X.head(n));
    const bool right = bitwise_equal(v, 2.0 * X.head(n));
    return right ? team.load() : -1;
  };
  CHECK(threads_used(leibniz::parallel(1), large) == 1);
  CHECK(threads_used(leibniz::parallel(2), large) == 2);
  CHECK(threads_used(leibniz::parallel(3), large) == 3);
  CHECK(threads_used(leibniz::parallel(3), Eigen::Index(threshold) - 1) == 1);
  CHECK(threads_used(leibniz::parallel(3), Eigen::Index(threshold)) == 2);  // two pieces: two threads

  // The default is OpenMP's: omp_set_num_threads (or OMP_NUM_THREADS) sets it.
  const int before = omp_get_max_threads();
  omp_set_num_threads(3);
  CHECK(threads_used(leibniz::parallel, large) == 3);
  omp_set_num_threads(before);

  // Inside the user's own parallel region, serial (no nested threads).
  int inner = 0;
#pragma omp parallel num_threads(2)
  {
#pragma omp single
    inner = threads_used(leibniz::parallel(2), large);
  }
  CHECK(inner == 2);  // the user's team of two, in which one thread evaluated it all
}
