// tests/unit/test_matrix_no_alloc.cpp — steady-state training allocates nothing: after
// one warm-up call with the same sizes, `leibniz::tie(gW, gb, ...) = G(...)` of a matrix
// gradient makes no heap allocation (every intermediate lives in the per-thread slots of
// matrix/evaluate.hpp, and tie writes the gradients into the caller's matrices), and a
// plain `f(A = a, ...)` allocates only its result.
//
// Allocations are counted in this program for every allocator Eigen and the standard
// library reach: Eigen takes its memory from malloc, not from operator new, so a counter
// on operator new alone would see nothing of Eigen. Without a sanitizer, malloc, calloc,
// realloc, aligned_alloc and posix_memalign are replaced here (counting, then handing
// the call to glibc's own); libstdc++'s operator new calls malloc, so it is counted too.
// Under AddressSanitizer, which owns malloc, its own allocation hook counts instead.
// Elsewhere (no glibc, no ASan) the counts are skipped with a warning.
#include <catch2/catch.hpp>

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cmath>
#include <cstdlib>

#include <Eigen/Core>

#include <leibniz/leibniz.hpp>

#if defined(__SANITIZE_ADDRESS__)
#define LEIBNIZ_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LEIBNIZ_TEST_ASAN 1
#endif
#endif

namespace {
std::atomic<long> allocations{0};
}  // namespace

#if defined(LEIBNIZ_TEST_ASAN)
// From <sanitizer/allocator_interface.h>, declared here: not every compiler installs it.
extern "C" int __sanitizer_install_malloc_and_free_hooks(void (*)(const volatile void*, std::size_t),
                                                         void (*)(const volatile void*));
namespace {
void on_malloc(const volatile void*, std::size_t) { allocations.fetch_add(1, std::memory_order_relaxed); }
void on_free(const volatile void*) {}
const bool counting = __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free) != 0;
}  // namespace
#elif defined(__GLIBC__)
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* __libc_memalign(std::size_t, std::size_t);

void* malloc(std::size_t n) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(n);
}
void* calloc(std::size_t count, std::size_t n) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(count, n);
}
void* realloc(void* p, std::size_t n) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(p, n);
}
void* aligned_alloc(std::size_t alignment, std::size_t n) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_memalign(alignment, n);
}
int posix_memalign(void** p, std::size_t alignment, std::size_t n) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  *p = __libc_memalign(alignment, n);
  return *p ? 0 : ENOMEM;
}
}
namespace {
const bool counting = true;
}  // namespace
#else
namespace {
const bool counting = false;
}  // namespace
#endif

namespace {

/// The heap allocations made while run() runs.
template <class F>
long allocations_during(F&& run) {
  const long before = allocations.load(std::memory_order_relaxed);
  run();
  return allocations.load(std::memory_order_relaxed) - before;
}

#define CHECK_ALLOCATIONS(expected, ...)                                                \
  do {                                                                                  \
    const long made = allocations_during([&] { __VA_ARGS__; });                         \
    if (counting)                                                                       \
      CHECK(made == (expected));                                                        \
    else                                                                                \
      WARN("allocations are not counted on this platform (neither glibc nor ASan)"); \
  } while (false)

Eigen::MatrixXd sample(Eigen::Index rows, Eigen::Index cols, double seed) {
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) m(i, j) = 0.1 * std::sin(seed + 1.3 * double(i) + 0.7 * double(j));
  return m;
}

Eigen::MatrixXd one_hot(Eigen::Index classes, Eigen::Index batch) {
  Eigen::MatrixXd y = Eigen::MatrixXd::Zero(classes, batch);
  for (Eigen::Index j = 0; j < batch; ++j) y(j % classes, j) = 1;
  return y;
}

constexpr auto W1 = leibniz::mat<"W1">;
constexpr auto b1 = leibniz::vec<"b1">;
constexpr auto W2 = leibniz::mat<"W2">;
constexpr auto b2 = leibniz::vec<"b2">;
constexpr auto X = leibniz::mat<"X">;
constexpr auto Y = leibniz::mat<"Y">;

}  // namespace

TEST_CASE("B8's network: tie(gW1, gb1, gW2, gb2) = G(...) allocates nothing after a warm-up", "[matrix][alloc]") {
  constexpr auto H = relu(W1 * X + b1);
  constexpr auto Z = W2 * H + b2;
  constexpr auto L = mean(log_sum_exp(Z) - colwise_sum(hadamard(Y, Z)));
  constexpr auto G = leibniz::gradient(L, W1, b1, W2, b2);
  // B8's sizes (784-128-10, a batch of 256): large enough that Eigen's GEMM blocks.
  const Eigen::MatrixXd w1 = sample(128, 784, 0.4), w2 = sample(10, 128, 1.9), xb = sample(784, 256, 0.8);
  const Eigen::VectorXd c1 = sample(128, 1, 0.6), c2 = sample(10, 1, 2.6);
  const Eigen::MatrixXd yb = one_hot(10, 256);

  Eigen::MatrixXd gW1(128, 784), gW2(10, 128);
  Eigen::VectorXd gb1(128), gb2(10);
  leibniz::tie(gW1, gb1, gW2, gb2) = G(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb);  // warm-up
  CHECK_ALLOCATIONS(0, leibniz::tie(gW1, gb1, gW2, gb2) = G(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb));
  CHECK_ALLOCATIONS(0, leibniz::tie(gW1, gb1, gW2, gb2) = G(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb));

  // The same numbers as the gradient read from a result of its own.
  const auto g = G(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb);
  CHECK((gW1 - g[W1]).norm() == 0);
  CHECK((gb1 - g[b1]).norm() == 0);
  CHECK((gW2 - g[W2]).norm() == 0);
  CHECK((gb2 - g[b2]).norm() == 0);
  // ... and as backpropagation by hand.
  const Eigen::MatrixXd h = ((w1 * xb).colwise() + c1).cwiseMax(0.0);
  const Eigen::MatrixXd z = (w2 * h).colwise() + c2;
  Eigen::MatrixXd p = (z.rowwise() - z.colwise().maxCoeff()).array().exp();
  p.array().rowwise() /= p.colwise().sum().array();
  const Eigen::MatrixXd dz = (p - yb) / 256.0;
  const Eigen::MatrixXd dh = (w2.transpose() * dz).array() * (h.array() > 0).cast<double>();
  CHECK((gW2 - dz * h.transpose()).norm() < 1e-12);
  CHECK((gb2 - dz.rowwise().sum()).norm() < 1e-12);
  CHECK((gW1 - dh * xb.transpose()).norm() < 1e-12);
  CHECK((gb1 - dh.rowwise().sum()).norm() < 1e-12);

  // A result of its own costs its matrices (four) and nothing else; the loss, a number,
  // costs nothing.
  // (What is read is checked after counting: Catch2's checks allocate.)
  Eigen::Index size = 0;
  CHECK_ALLOCATIONS(4, size = G(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb)[b2].size());
  CHECK(size == 10);
  double loss = L(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb);
  CHECK_ALLOCATIONS(0, loss = L(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb));
  CHECK(loss > 0);
  // The logits, a matrix: only the result.
  (void)Z(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb);
  CHECK_ALLOCATIONS(1, size = Z(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb).cols());
  CHECK(size == 256);

  // Other sizes: the buffers follow (a new batch size reallocates once, then no more).
  const Eigen::MatrixXd xs = sample(784, 32, 0.3), ys = one_hot(10, 32);
  leibniz::tie(gW1, gb1, gW2, gb2) = G(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xs, Y = ys);
  CHECK_ALLOCATIONS(0, leibniz::tie(gW1, gb1, gW2, gb2) = G(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xs, Y = ys));
}

TEST_CASE("B9's logistic regression: tie(gw, gb) = G(...) allocates nothing after a warm-up", "[matrix][alloc]") {
  constexpr auto w = leibniz::vec<"w">;
  constexpr auto b = leibniz::var<"b">;
  constexpr auto D = leibniz::mat<"D">;  // features x examples
  constexpr auto t = leibniz::vec<"t">;  // labels +-1
  constexpr auto L = mean(softplus(-hadamard(t, transpose(D) * w + b)));
  constexpr auto G = leibniz::gradient(L, w, b);
  const int features = 100, examples = 5000;
  const Eigen::MatrixXd data = sample(features, examples, 0.2) * 10.0;
  Eigen::VectorXd labels(examples);
  for (int j = 0; j < examples; ++j) labels(j) = j % 3 == 0 ? 1.0 : -1.0;
  const Eigen::VectorXd weights = sample(features, 1, 0.5);
  const double bias = 0.2;

  Eigen::VectorXd gw(features);
  double gb = 0;
  leibniz::tie(gw, gb) = G(w = weights, b = bias, D = data, t = labels);  // warm-up
  CHECK_ALLOCATIONS(0, leibniz::tie(gw, gb) = G(w = weights, b = bias, D = data, t = labels));

  // By hand: two GEMVs and one entrywise pass.
  const Eigen::VectorXd margin = data.transpose() * weights;
  const Eigen::VectorXd s =
      (-labels.array() / (1.0 + (labels.array() * (margin.array() + bias)).exp())) / double(examples);
  CHECK((gw - data * s).norm() < 1e-12);
  CHECK(std::abs(gb - s.sum()) < 1e-12);
}

TEST_CASE("softmax cross-entropy by softmax, log_sum_exp and colwise_sum: tie allocates nothing after a warm-up",
          "[matrix][alloc]") {
  constexpr auto W = leibniz::mat<"W">;
  constexpr auto b = leibniz::vec<"b">;
  constexpr auto Z = W * X + b;
  // The same loss twice: through log(softmax(.)), and through log_sum_exp.
  constexpr auto by_softmax = -mean(colwise_sum(hadamard(Y, log(softmax(Z)))));
  constexpr auto by_log_sum_exp = mean(log_sum_exp(Z) - colwise_sum(hadamard(Y, Z)));
  const Eigen::MatrixXd wm = sample(10, 64, 0.4), xb = sample(64, 100, 0.9) * 10.0, yb = one_hot(10, 100);
  const Eigen::VectorXd bv = sample(10, 1, 1.1);

  Eigen::MatrixXd gW1(10, 64), gW2(10, 64);
  Eigen::VectorXd gb1(10), gb2(10);
  const auto G1 = leibniz::gradient(by_softmax, W, b);
  const auto G2 = leibniz::gradient(by_log_sum_exp, W, b);
  leibniz::tie(gW1, gb1) = G1(W = wm, b = bv, X = xb, Y = yb);
  leibniz::tie(gW2, gb2) = G2(W = wm, b = bv, X = xb, Y = yb);
  CHECK_ALLOCATIONS(0, leibniz::tie(gW1, gb1) = G1(W = wm, b = bv, X = xb, Y = yb));
  CHECK_ALLOCATIONS(0, leibniz::tie(gW2, gb2) = G2(W = wm, b = bv, X = xb, Y = yb));
  CHECK((gW1 - gW2).norm() < 1e-12);
  CHECK((gb1 - gb2).norm() < 1e-12);

  // softmax and log_sum_exp evaluated on their own: only the result.
  constexpr auto P = softmax(Z);
  constexpr auto R = log_sum_exp(Z);
  (void)P(W = wm, b = bv, X = xb);
  (void)R(W = wm, b = bv, X = xb);
  Eigen::Index p_cols = 0, r_cols = 0;
  CHECK_ALLOCATIONS(1, p_cols = P(W = wm, b = bv, X = xb).cols());
  CHECK_ALLOCATIONS(1, r_cols = R(W = wm, b = bv, X = xb).cols());
  CHECK(p_cols == 100);
  CHECK(r_cols == 100);
}

TEST_CASE("tie into maps and blocks that fit, an error for one that does not; a result holds a temporary binding",
          "[matrix][alloc]") {
  constexpr auto W = leibniz::mat<"W">;
  constexpr auto b = leibniz::vec<"b">;
  constexpr auto L = mean(log_sum_exp(W * X + b) - colwise_sum(hadamard(Y, W * X + b)));
  constexpr auto G = leibniz::gradient(L, W, b);
  const Eigen::MatrixXd wm = sample(4, 6, 0.4), xb = sample(6, 8, 0.9), yb = one_hot(4, 8);
  const Eigen::VectorXd bv = sample(4, 1, 1.1);
  const auto expected = G(W = wm, b = bv, X = xb, Y = yb);

  // Straight into a block of a larger matrix and a map of a plain buffer: no allocation.
  Eigen::MatrixXd big = Eigen::MatrixXd::Zero(10, 10);
  double buffer[4] = {};
  Eigen::Map<Eigen::VectorXd> gb(buffer, 4);
  auto gW = big.topLeftCorner(4, 6);
  leibniz::tie(gW, gb) = G(W = wm, b = bv, X = xb, Y = yb);
  CHECK_ALLOCATIONS(0, leibniz::tie(gW, gb) = G(W = wm, b = bv, X = xb, Y = yb));
  CHECK((gW - expected[W]).norm() == 0);
  CHECK((gb - expected[b]).norm() == 0);
  CHECK(big.bottomRows(6).norm() == 0);

  // A map of the wrong size: an error naming the variable and both sizes, nothing written.
  Eigen::MatrixXd gW0 = Eigen::MatrixXd::Zero(4, 6);
  Eigen::Map<Eigen::VectorXd> wrong(buffer, 3);
  CHECK_THROWS_WITH((leibniz::tie(gW0, wrong) = G(W = wm, b = bv, X = xb, Y = yb)),
                    Catch::Contains("gradient by b") && Catch::Contains("3 x 1") && Catch::Contains("4 x 1"));
  CHECK(gW0.norm() == 0);

  // A gradient is evaluated when read: one bound to a temporary holds it until then.
  const auto make = [&] { return G(W = Eigen::MatrixXd(wm), b = bv, X = xb, Y = yb); };
  const auto later = make();
  CHECK((later[W] - expected[W]).norm() == 0);
  auto [gW2, gb3] = G(W = wm, b = bv, X = xb, Y = yb);
  CHECK((gW2 - expected[W]).norm() == 0);
  CHECK((gb3 - expected[b]).norm() == 0);
}
