// tests/benchmarks/bench_simd_math.cpp — which SIMD math library should evaluate
// leibniz's array kernels (issue 3, item 5)? sin, cos, tanh, exp, log in double and
// float over 1,000,000 elements through:
//
// - libm: a plain loop of std::sin etc. (compiled without -ffast-math: scalar glibc),
// - Eigen: `out = in.sin()` (Eigen 3.4's own packet functions where it has them),
// - xsimd: xsimd::sin on xsimd::batch<T> of the widest instruction set compiled for
//   (BENCH_HAVE_XSIMD),
// - SLEEF: the 1-ulp (u10) functions of the widest instruction set compiled for,
//   Sleef_sind8_u10avx512f or Sleef_sind4_u10avx2 (BENCH_HAVE_SLEEF).
//
// Each is timed best of 7 after a warm-up (ns per element) and checked against a long
// double reference: the largest error in units in the last place of T, marked `!` above
// 4 ulp (a report, not a failure: the table informs a choice). Inputs: sin, cos in
// [-10, 10], tanh in [-5, 5], exp in [-20, 20], log in [0.001, 100], uniform, fixed
// seed. Prints one table.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <Eigen/Core>

#ifdef BENCH_HAVE_XSIMD
#include <xsimd/xsimd.hpp>
#endif
#ifdef BENCH_HAVE_SLEEF
#include <immintrin.h>
#include <sleef.h>
#endif

namespace {

constexpr Eigen::Index n = 1'000'000;
constexpr int repeat = 7;
constexpr double marked_ulp = 4.0;

enum class fn { sin, cos, tanh, exp, log };
constexpr fn functions[] = {fn::sin, fn::cos, fn::tanh, fn::exp, fn::log};

const char* name(fn f) {
  switch (f) {
    case fn::sin:
      return "sin";
    case fn::cos:
      return "cos";
    case fn::tanh:
      return "tanh";
    case fn::exp:
      return "exp";
    case fn::log:
      return "log";
  }
  return "?";
}

std::pair<double, double> input_range(fn f) {
  switch (f) {
    case fn::sin:
    case fn::cos:
      return {-10.0, 10.0};
    case fn::tanh:
      return {-5.0, 5.0};
    case fn::exp:
      return {-20.0, 20.0};
    case fn::log:
      return {0.001, 100.0};
  }
  return {0.0, 1.0};
}

long double reference(fn f, long double x) {
  switch (f) {
    case fn::sin:
      return std::sin(x);
    case fn::cos:
      return std::cos(x);
    case fn::tanh:
      return std::tanh(x);
    case fn::exp:
      return std::exp(x);
    case fn::log:
      return std::log(x);
  }
  return 0;
}

template <class T>
using array = Eigen::Array<T, Eigen::Dynamic, 1>;

// ---------------------------------------------------------------- the contenders

template <class T>
void with_libm(fn f, const array<T>& in, array<T>& out) {
  const auto each = [&](auto op) {
    for (Eigen::Index i = 0; i < in.size(); ++i) out[i] = op(in[i]);
  };
  switch (f) {
    case fn::sin:
      return each([](T x) { return std::sin(x); });
    case fn::cos:
      return each([](T x) { return std::cos(x); });
    case fn::tanh:
      return each([](T x) { return std::tanh(x); });
    case fn::exp:
      return each([](T x) { return std::exp(x); });
    case fn::log:
      return each([](T x) { return std::log(x); });
  }
}

template <class T>
void with_eigen(fn f, const array<T>& in, array<T>& out) {
  switch (f) {
    case fn::sin:
      out = in.sin();
      return;
    case fn::cos:
      out = in.cos();
      return;
    case fn::tanh:
      out = in.tanh();
      return;
    case fn::exp:
      out = in.exp();
      return;
    case fn::log:
      out = in.log();
      return;
  }
}

#ifdef BENCH_HAVE_XSIMD
template <class T>
void with_xsimd(fn f, const array<T>& in, array<T>& out) {
  using batch = xsimd::batch<T>;
  constexpr Eigen::Index width = batch::size;
  const auto each = [&](auto op) {
    Eigen::Index i = 0;
    for (; i + width <= in.size(); i += width) op(xsimd::load_unaligned(in.data() + i)).store_unaligned(out.data() + i);
    for (; i < in.size(); ++i) out[i] = op(batch(in[i])).get(0);  // the tail, one at a time
  };
  switch (f) {
    case fn::sin:
      return each([](const batch& x) { return xsimd::sin(x); });
    case fn::cos:
      return each([](const batch& x) { return xsimd::cos(x); });
    case fn::tanh:
      return each([](const batch& x) { return xsimd::tanh(x); });
    case fn::exp:
      return each([](const batch& x) { return xsimd::exp(x); });
    case fn::log:
      return each([](const batch& x) { return xsimd::log(x); });
  }
}
#endif

#ifdef BENCH_HAVE_SLEEF
/// SLEEF's vectors of T for the widest instruction set compiled for, and its u10
/// functions with static dispatch (no run-time CPU check per call).
template <class T>
struct sleef;

#if defined(__AVX512F__)
constexpr const char* sleef_isa = "avx512f";
template <>
struct sleef<double> {
  using V = __m512d;
  static constexpr Eigen::Index width = 8;
  static V load(const double* p) { return _mm512_loadu_pd(p); }
  static void store(double* p, V v) { _mm512_storeu_pd(p, v); }
  static V sin(V v) { return Sleef_sind8_u10avx512f(v); }
  static V cos(V v) { return Sleef_cosd8_u10avx512f(v); }
  static V tanh(V v) { return Sleef_tanhd8_u10avx512f(v); }
  static V exp(V v) { return Sleef_expd8_u10avx512f(v); }
  static V log(V v) { return Sleef_logd8_u10avx512f(v); }
};
template <>
struct sleef<float> {
  using V = __m512;
  static constexpr Eigen::Index width = 16;
  static V load(const float* p) { return _mm512_loadu_ps(p); }
  static void store(float* p, V v) { _mm512_storeu_ps(p, v); }
  static V sin(V v) { return Sleef_sinf16_u10avx512f(v); }
  static V cos(V v) { return Sleef_cosf16_u10avx512f(v); }
  static V tanh(V v) { return Sleef_tanhf16_u10avx512f(v); }
  static V exp(V v) { return Sleef_expf16_u10avx512f(v); }
  static V log(V v) { return Sleef_logf16_u10avx512f(v); }
};
#elif defined(__AVX2__)
constexpr const char* sleef_isa = "avx2";
template <>
struct sleef<double> {
  using V = __m256d;
  static constexpr Eigen::Index width = 4;
  static V load(const double* p) { return _mm256_loadu_pd(p); }
  static void store(double* p, V v) { _mm256_storeu_pd(p, v); }
  static V sin(V v) { return Sleef_sind4_u10avx2(v); }
  static V cos(V v) { return Sleef_cosd4_u10avx2(v); }
  static V tanh(V v) { return Sleef_tanhd4_u10avx2(v); }
  static V exp(V v) { return Sleef_expd4_u10avx2(v); }
  static V log(V v) { return Sleef_logd4_u10avx2(v); }
};
template <>
struct sleef<float> {
  using V = __m256;
  static constexpr Eigen::Index width = 8;
  static V load(const float* p) { return _mm256_loadu_ps(p); }
  static void store(float* p, V v) { _mm256_storeu_ps(p, v); }
  static V sin(V v) { return Sleef_sinf8_u10avx2(v); }
  static V cos(V v) { return Sleef_cosf8_u10avx2(v); }
  static V tanh(V v) { return Sleef_tanhf8_u10avx2(v); }
  static V exp(V v) { return Sleef_expf8_u10avx2(v); }
  static V log(V v) { return Sleef_logf8_u10avx2(v); }
};
#else
#undef BENCH_HAVE_SLEEF  // neither AVX-512 nor AVX2: no column
#endif
#endif

#ifdef BENCH_HAVE_SLEEF
template <class T>
void with_sleef(fn f, const array<T>& in, array<T>& out) {
  using S = sleef<T>;
  const auto each = [&](auto op) {
    Eigen::Index i = 0;
    for (; i + S::width <= in.size(); i += S::width) S::store(out.data() + i, op(S::load(in.data() + i)));
    if (i == in.size())
      return;
    T buffer[S::width] = {};  // the tail through one padded vector
    std::copy(in.data() + i, in.data() + in.size(), buffer);
    S::store(buffer, op(S::load(buffer)));
    std::copy(buffer, buffer + (in.size() - i), out.data() + i);
  };
  switch (f) {
    case fn::sin:
      return each(S::sin);
    case fn::cos:
      return each(S::cos);
    case fn::tanh:
      return each(S::tanh);
    case fn::exp:
      return each(S::exp);
    case fn::log:
      return each(S::log);
  }
}
#endif

// ---------------------------------------------------------------- measuring

/// The largest error of out against the long double reference, in ulp of T at the
/// reference value.
template <class T>
double max_ulp(const array<T>& out, const std::vector<long double>& ref) {
  double worst = 0.0;
  for (Eigen::Index i = 0; i < out.size(); ++i) {
    const long double r = ref[std::size_t(i)];
    const int e = r == 0 ? std::numeric_limits<T>::min_exponent - 1
                         : std::max(std::ilogb(r), std::numeric_limits<T>::min_exponent - 1);
    const long double ulp = std::ldexp(1.0L, e - (std::numeric_limits<T>::digits - 1));
    const double err = double(std::fabs(static_cast<long double>(out[i]) - r) / ulp);
    if (!(err <= worst))
      worst = std::isnan(err) ? std::numeric_limits<double>::infinity() : err;
  }
  return worst;
}

struct measurement {
  double ns_per_element;
  double ulp;
};

template <class T, class Run>
measurement measure(Run run, fn f, const array<T>& in, const std::vector<long double>& ref) {
  array<T> out(in.size());
  run(f, in, out);  // warm-up
  const double ulp = max_ulp(out, ref);
  double best = std::numeric_limits<double>::infinity();
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    run(f, in, out);
    const auto stop = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double, std::nano>(stop - start).count());
  }
  return {best / double(in.size()), ulp};
}

std::string cell(const std::optional<measurement>& m) {
  if (!m)
    return "-";
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%6.2f (%.2f)%s", m->ns_per_element, m->ulp, m->ulp > marked_ulp ? "!" : " ");
  return buffer;
}

template <class T>
void run_type(const char* type_name, std::mt19937_64& rng) {
  for (const fn f : functions) {
    const auto [lo, hi] = input_range(f);
    std::uniform_real_distribution<double> uniform(lo, hi);
    array<T> in(n);
    std::vector<long double> ref(std::size_t{n});
    for (Eigen::Index i = 0; i < n; ++i) {
      in[i] = static_cast<T>(uniform(rng));
      ref[std::size_t(i)] = reference(f, static_cast<long double>(in[i]));
    }
    std::optional<measurement> libm = measure<T>(with_libm<T>, f, in, ref);
    std::optional<measurement> eigen = measure<T>(with_eigen<T>, f, in, ref);
    std::optional<measurement> xs, sl;
#ifdef BENCH_HAVE_XSIMD
    xs = measure<T>(with_xsimd<T>, f, in, ref);
#endif
#ifdef BENCH_HAVE_SLEEF
    sl = measure<T>(with_sleef<T>, f, in, ref);
#endif
    std::printf("%-5s %-7s %17s %17s %17s %17s\n", name(f), type_name, cell(libm).c_str(), cell(eigen).c_str(),
                cell(xs).c_str(), cell(sl).c_str());
  }
}

}  // namespace

int main() {
  std::printf(
      "SIMD math: %ld elements, best of %d after a warm-up; ns per element "
      "(max error in ulp vs long double)\n",
      static_cast<long>(n), repeat);
#ifdef BENCH_HAVE_XSIMD
  std::printf("xsimd %d.%d.%d, arch %s; ", XSIMD_VERSION_MAJOR, XSIMD_VERSION_MINOR, XSIMD_VERSION_PATCH,
              xsimd::default_arch::name());
#else
  std::printf("xsimd: not found; ");
#endif
#ifdef BENCH_HAVE_SLEEF
  std::printf("SLEEF %d.%d, u10 %s\n", SLEEF_VERSION_MAJOR, SLEEF_VERSION_MINOR, sleef_isa);
#else
  std::printf("SLEEF: not found\n");
#endif
  std::printf("\n%-5s %-7s %16s %16s %16s %16s\n", "fn", "type", "libm (scalar)", "Eigen 3.4", "xsimd", "SLEEF u10");
  std::printf("%s\n", std::string(86, '-').c_str());
  std::mt19937_64 rng(20261122);
  run_type<double>("double", rng);
  run_type<float>("float", rng);
  std::printf("! = more than %.0f ulp\n", marked_ulp);
  return 0;
}
