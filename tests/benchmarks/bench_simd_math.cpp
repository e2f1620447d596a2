// tests/benchmarks/bench_simd_math.cpp — which SIMD math library should evaluate
// leibniz's array kernels (issue 3, item 5)? sin, cos, tanh, exp, log in double and
// float over 1,000,000 elements through:
//
// - libm: a plain loop of std::sin etc. (compiled without -ffast-math: scalar glibc),
// - Eigen: `out = in.sin()` (Eigen 3.4's own packet functions where it has them),
// - xsimd: xsimd::sin on xsimd::batch<T> of the widest instruction set compiled for
//   (BENCH_HAVE_XSIMD),
// - SLEEF: the 1-ulp (u10) functions of the widest instruction set compiled for,
//   Sleef_sind8_u10avx512f or Sleef_sind4_u10avx2, and its 3.5-ulp (u35) ones where
//   SLEEF has them (sin, cos, tanh; exp and log come only as u10) (BENCH_HAVE_SLEEF),
// - libmvec: glibc's vector math library, the entry points a -ffast-math loop calls
//   (_ZGVeN8v_sin for 8 doubles with AVX-512, _ZGVdN4v_sin with AVX2; documented to
//   4 ulp), called directly (BENCH_HAVE_LIBMVEC, linked with -lmvec).
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
#include <type_traits>
#include <vector>

#include <Eigen/Core>

#ifdef BENCH_HAVE_XSIMD
#include <xsimd/xsimd.hpp>
#endif
#if defined(BENCH_HAVE_SLEEF) || defined(BENCH_HAVE_LIBMVEC)
#include <immintrin.h>
#endif
#ifdef BENCH_HAVE_SLEEF
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
  static V sin35(V v) { return Sleef_sind8_u35avx512f(v); }
  static V cos(V v) { return Sleef_cosd8_u10avx512f(v); }
  static V cos35(V v) { return Sleef_cosd8_u35avx512f(v); }
  static V tanh(V v) { return Sleef_tanhd8_u10avx512f(v); }
  static V tanh35(V v) { return Sleef_tanhd8_u35avx512f(v); }
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
  static V sin35(V v) { return Sleef_sinf16_u35avx512f(v); }
  static V cos(V v) { return Sleef_cosf16_u10avx512f(v); }
  static V cos35(V v) { return Sleef_cosf16_u35avx512f(v); }
  static V tanh(V v) { return Sleef_tanhf16_u10avx512f(v); }
  static V tanh35(V v) { return Sleef_tanhf16_u35avx512f(v); }
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
  static V sin35(V v) { return Sleef_sind4_u35avx2(v); }
  static V cos(V v) { return Sleef_cosd4_u10avx2(v); }
  static V cos35(V v) { return Sleef_cosd4_u35avx2(v); }
  static V tanh(V v) { return Sleef_tanhd4_u10avx2(v); }
  static V tanh35(V v) { return Sleef_tanhd4_u35avx2(v); }
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
  static V sin35(V v) { return Sleef_sinf8_u35avx2(v); }
  static V cos(V v) { return Sleef_cosf8_u10avx2(v); }
  static V cos35(V v) { return Sleef_cosf8_u35avx2(v); }
  static V tanh(V v) { return Sleef_tanhf8_u10avx2(v); }
  static V tanh35(V v) { return Sleef_tanhf8_u35avx2(v); }
  static V exp(V v) { return Sleef_expf8_u10avx2(v); }
  static V log(V v) { return Sleef_logf8_u10avx2(v); }
};
#else
#undef BENCH_HAVE_SLEEF  // neither AVX-512 nor AVX2: no column
#endif
#endif

/// One vector function over the array, the tail through one padded vector.
template <class S, class T, class Op>
void vector_each(Op op, const array<T>& in, array<T>& out) {
  Eigen::Index i = 0;
  for (; i + S::width <= in.size(); i += S::width) S::store(out.data() + i, op(S::load(in.data() + i)));
  if (i == in.size())
    return;
  T buffer[S::width] = {};  // the tail through one padded vector
  std::copy(in.data() + i, in.data() + in.size(), buffer);
  S::store(buffer, op(S::load(buffer)));
  std::copy(buffer, buffer + (in.size() - i), out.data() + i);
}

#ifdef BENCH_HAVE_SLEEF
template <class T>
void with_sleef(fn f, const array<T>& in, array<T>& out) {
  using S = sleef<T>;
  switch (f) {
    case fn::sin:
      return vector_each<S>(S::sin, in, out);
    case fn::cos:
      return vector_each<S>(S::cos, in, out);
    case fn::tanh:
      return vector_each<S>(S::tanh, in, out);
    case fn::exp:
      return vector_each<S>(S::exp, in, out);
    case fn::log:
      return vector_each<S>(S::log, in, out);
  }
}
/// SLEEF's u35 functions; exp and log have none (their u10 is the row's).
template <class T>
void with_sleef35(fn f, const array<T>& in, array<T>& out) {
  using S = sleef<T>;
  switch (f) {
    case fn::sin:
      return vector_each<S>(S::sin35, in, out);
    case fn::cos:
      return vector_each<S>(S::cos35, in, out);
    case fn::tanh:
      return vector_each<S>(S::tanh35, in, out);
    case fn::exp:
    case fn::log:
      return;
  }
}
#endif

#ifdef BENCH_HAVE_LIBMVEC
// glibc's vector ABI names (x86_64 vector function ABI: 'e' AVX-512, 'd' AVX2, then
// N<lanes>v_<name>); libmvec 2.35+ has all five in every width.
extern "C" {
__m512d _ZGVeN8v_sin(__m512d);
__m512d _ZGVeN8v_cos(__m512d);
__m512d _ZGVeN8v_tanh(__m512d);
__m512d _ZGVeN8v_exp(__m512d);
__m512d _ZGVeN8v_log(__m512d);
__m512 _ZGVeN16v_sinf(__m512);
__m512 _ZGVeN16v_cosf(__m512);
__m512 _ZGVeN16v_tanhf(__m512);
__m512 _ZGVeN16v_expf(__m512);
__m512 _ZGVeN16v_logf(__m512);
__m256d _ZGVdN4v_sin(__m256d);
__m256d _ZGVdN4v_cos(__m256d);
__m256d _ZGVdN4v_tanh(__m256d);
__m256d _ZGVdN4v_exp(__m256d);
__m256d _ZGVdN4v_log(__m256d);
__m256 _ZGVdN8v_sinf(__m256);
__m256 _ZGVdN8v_cosf(__m256);
__m256 _ZGVdN8v_tanhf(__m256);
__m256 _ZGVdN8v_expf(__m256);
__m256 _ZGVdN8v_logf(__m256);
}

template <class T>
struct mvec;
#if defined(__AVX512F__)
constexpr const char* mvec_isa = "AVX-512 (_ZGVeN8v_, _ZGVeN16v_)";
template <>
struct mvec<double> {
  using V = __m512d;
  static constexpr Eigen::Index width = 8;
  static V load(const double* p) { return _mm512_loadu_pd(p); }
  static void store(double* p, V v) { _mm512_storeu_pd(p, v); }
  static V sin(V v) { return _ZGVeN8v_sin(v); }
  static V cos(V v) { return _ZGVeN8v_cos(v); }
  static V tanh(V v) { return _ZGVeN8v_tanh(v); }
  static V exp(V v) { return _ZGVeN8v_exp(v); }
  static V log(V v) { return _ZGVeN8v_log(v); }
};
template <>
struct mvec<float> {
  using V = __m512;
  static constexpr Eigen::Index width = 16;
  static V load(const float* p) { return _mm512_loadu_ps(p); }
  static void store(float* p, V v) { _mm512_storeu_ps(p, v); }
  static V sin(V v) { return _ZGVeN16v_sinf(v); }
  static V cos(V v) { return _ZGVeN16v_cosf(v); }
  static V tanh(V v) { return _ZGVeN16v_tanhf(v); }
  static V exp(V v) { return _ZGVeN16v_expf(v); }
  static V log(V v) { return _ZGVeN16v_logf(v); }
};
#elif defined(__AVX2__)
constexpr const char* mvec_isa = "AVX2 (_ZGVdN4v_, _ZGVdN8v_)";
template <>
struct mvec<double> {
  using V = __m256d;
  static constexpr Eigen::Index width = 4;
  static V load(const double* p) { return _mm256_loadu_pd(p); }
  static void store(double* p, V v) { _mm256_storeu_pd(p, v); }
  static V sin(V v) { return _ZGVdN4v_sin(v); }
  static V cos(V v) { return _ZGVdN4v_cos(v); }
  static V tanh(V v) { return _ZGVdN4v_tanh(v); }
  static V exp(V v) { return _ZGVdN4v_exp(v); }
  static V log(V v) { return _ZGVdN4v_log(v); }
};
template <>
struct mvec<float> {
  using V = __m256;
  static constexpr Eigen::Index width = 8;
  static V load(const float* p) { return _mm256_loadu_ps(p); }
  static void store(float* p, V v) { _mm256_storeu_ps(p, v); }
  static V sin(V v) { return _ZGVdN8v_sinf(v); }
  static V cos(V v) { return _ZGVdN8v_cosf(v); }
  static V tanh(V v) { return _ZGVdN8v_tanhf(v); }
  static V exp(V v) { return _ZGVdN8v_expf(v); }
  static V log(V v) { return _ZGVdN8v_logf(v); }
};
#else
#undef BENCH_HAVE_LIBMVEC  // neither AVX-512 nor AVX2: no column
#endif
#endif

#ifdef BENCH_HAVE_LIBMVEC
template <class T>
void with_libmvec(fn f, const array<T>& in, array<T>& out) {
  using S = mvec<T>;
  switch (f) {
    case fn::sin:
      return vector_each<S>(S::sin, in, out);
    case fn::cos:
      return vector_each<S>(S::cos, in, out);
    case fn::tanh:
      return vector_each<S>(S::tanh, in, out);
    case fn::exp:
      return vector_each<S>(S::exp, in, out);
    case fn::log:
      return vector_each<S>(S::log, in, out);
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

/// A wide range for the accuracy table: |x| = 10^u with u uniform (sin, cos: up to 1e6,
/// where range reduction is the hard part; tanh: to 40; exp: all of T's finite results;
/// log: most of T's normal numbers), random sign where the function takes one.
template <class T>
T wide_input(fn f, std::mt19937_64& rng) {
  const bool is_double = std::is_same_v<T, double>;
  const auto log_uniform = [&](double lo, double hi) {
    return std::pow(10.0, std::uniform_real_distribution<double>(lo, hi)(rng));
  };
  const double sign = std::uniform_int_distribution<int>(0, 1)(rng) ? 1.0 : -1.0;
  switch (f) {
    case fn::sin:
    case fn::cos:
      return T(sign * log_uniform(-3, 6));
    case fn::tanh:
      return T(sign * log_uniform(-4, std::log10(40.0)));
    case fn::exp:
      return T(std::uniform_real_distribution<double>(is_double ? -700.0 : -87.0, is_double ? 709.0 : 88.0)(rng));
    case fn::log:
      return T(is_double ? log_uniform(-300, 300) : log_uniform(-37, 38));
  }
  return T(1);
}

/// The wide-range accuracy table: max ulp only (no timing), same contenders.
template <class T>
void wide_type(const char* type_name, std::mt19937_64& rng) {
  for (const fn f : functions) {
    array<T> in(n);
    array<T> out(n);
    std::vector<long double> ref(std::size_t{n});
    for (Eigen::Index i = 0; i < n; ++i) {
      in[i] = wide_input<T>(f, rng);
      ref[std::size_t(i)] = reference(f, static_cast<long double>(in[i]));
    }
    const auto ulp = [&](auto run) -> std::optional<double> {
      run(f, in, out);
      return max_ulp(out, ref);
    };
    std::optional<double> libm = ulp(with_libm<T>), eigen = ulp(with_eigen<T>), xs, sl, sl35, mv;
#ifdef BENCH_HAVE_XSIMD
    xs = ulp(with_xsimd<T>);
#endif
#ifdef BENCH_HAVE_SLEEF
    sl = ulp(with_sleef<T>);
    if (f != fn::exp && f != fn::log)
      sl35 = ulp(with_sleef35<T>);
#endif
#ifdef BENCH_HAVE_LIBMVEC
    mv = ulp(with_libmvec<T>);
#endif
    const auto c = [](const std::optional<double>& u) {
      char buffer[32];
      if (!u)
        return std::string("-");
      std::snprintf(buffer, sizeof buffer, "%.2f%s", *u, *u > marked_ulp ? "!" : " ");
      return std::string(buffer);
    };
    std::printf("%-5s %-7s %17s %17s %17s %17s %17s %17s\n", name(f), type_name, c(libm).c_str(), c(eigen).c_str(),
                c(xs).c_str(), c(sl).c_str(), c(sl35).c_str(), c(mv).c_str());
  }
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
    std::optional<measurement> xs, sl, sl35, mv;
#ifdef BENCH_HAVE_XSIMD
    xs = measure<T>(with_xsimd<T>, f, in, ref);
#endif
#ifdef BENCH_HAVE_SLEEF
    sl = measure<T>(with_sleef<T>, f, in, ref);
    if (f != fn::exp && f != fn::log)
      sl35 = measure<T>(with_sleef35<T>, f, in, ref);
#endif
#ifdef BENCH_HAVE_LIBMVEC
    mv = measure<T>(with_libmvec<T>, f, in, ref);
#endif
    std::printf("%-5s %-7s %17s %17s %17s %17s %17s %17s\n", name(f), type_name, cell(libm).c_str(),
                cell(eigen).c_str(), cell(xs).c_str(), cell(sl).c_str(), cell(sl35).c_str(), cell(mv).c_str());
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
  std::printf("SLEEF %d.%d, %s; ", SLEEF_VERSION_MAJOR, SLEEF_VERSION_MINOR, sleef_isa);
#else
  std::printf("SLEEF: not found; ");
#endif
#ifdef BENCH_HAVE_LIBMVEC
  std::printf("libmvec %s\n", mvec_isa);
#else
  std::printf("libmvec: not found\n");
#endif
  std::printf("\n%-5s %-7s %17s %17s %17s %17s %17s %17s\n", "fn", "type", "libm (scalar)", "Eigen 3.4", "xsimd",
              "SLEEF u10", "SLEEF u35", "libmvec");
  std::printf("%s\n", std::string(122, '-').c_str());
  std::mt19937_64 rng(20261122);
  run_type<double>("double", rng);
  run_type<float>("float", rng);
  std::printf(
      "\nWide ranges, max error in ulp only: sin, cos |x| in [1e-3, 1e6]; tanh |x| in [1e-4, 40]; exp over "
      "all finite results; log in [1e-300, 1e300] (float: [1e-37, 1e38])\n");
  std::printf("%s\n", std::string(122, '-').c_str());
  wide_type<double>("double", rng);
  wide_type<float>("float", rng);
  std::printf("! = more than %.0f ulp\n", marked_ulp);
  return 0;
}
