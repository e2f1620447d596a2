// leibniz/simd.hpp — the chunk an array evaluation computes at once, and how it is
// loaded and stored.
//
// With xsimd (Debian: libxsimd-dev, header-only) a chunk is one SIMD batch of the
// widest instruction set the compiler targets (8 doubles with -march on AVX-512), and
// sin, cos, tanh, exp, log, ... are xsimd's vectorised kernels, accurate to about one
// ulp; with LEIBNIZ_USE_SLEEF, sin, cos and tanh on AVX-512 are SLEEF's (within 3.5 ulp,
// faster: detail/sleef.hpp). Eigen 3.4 has vectorised kernels only for some of these (not for double sin,
// cos or tanh). Define LEIBNIZ_NO_SIMD (Meson: -Dsimd=disabled) to use Eigen's kernels
// on blocks of 128 elements instead. long double is evaluated one element at a time.
#pragma once

#include <Eigen/Core>

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "detail/lanes.hpp"

#include "config.hpp"
#if LEIBNIZ_SIMD
#include <xsimd/xsimd.hpp>
#endif

LEIBNIZ_HEADER_BEGIN

namespace leibniz::detail {

/// Loading and storing a chunk V from and to contiguous memory; one element for numbers.
template <class V>
struct lanes {
  static constexpr std::size_t width = 1;
  static V load(const V* p) { return *p; }
  static void store(const V& v, V* p) { *p = v; }
};

template <class S>
inline constexpr bool has_chunk_v = std::is_same_v<S, float> || std::is_same_v<S, double>;

#if LEIBNIZ_SIMD
/// A block of M SIMD batches, computed one operation at a time over all M: one
/// function's loop over independent batches keeps the vector units busy, where a
/// chain of functions on one batch would wait on each result's latency (4x slower
/// for tanh(exp(cos(sin x))) on AVX-512).
template <class B, std::size_t M>
struct simd_block {
  using value_type = typename B::value_type;
  using arch_type = void;  // marks a SIMD type for scalar_of (lanes.hpp)
  std::array<B, M> part;

  simd_block() = default;
  explicit simd_block(value_type s) { part.fill(B(s)); }

  template <class F>
  friend auto map(F&& f, const simd_block& a) {
    simd_block<decltype(f(a.part[0])), M> r;
    for (std::size_t k = 0; k < M; ++k) r.part[k] = f(a.part[k]);
    return r;
  }
  template <class F>
  friend auto map(F&& f, const simd_block& a, const simd_block& b) {
    simd_block<decltype(f(a.part[0], b.part[0])), M> r;
    for (std::size_t k = 0; k < M; ++k) r.part[k] = f(a.part[k], b.part[k]);
    return r;
  }

  friend simd_block operator-(const simd_block& a) {
    return map([](const B& v) { return B(-v); }, a);
  }
#define LEIBNIZ_BLOCK_OPERATOR(OP)                                    \
  friend auto operator OP(const simd_block& a, const simd_block& b) { \
    return map([](const B& u, const B& v) { return u OP v; }, a, b);  \
  }
  LEIBNIZ_BLOCK_OPERATOR(+)
  LEIBNIZ_BLOCK_OPERATOR(-)
  LEIBNIZ_BLOCK_OPERATOR(*)
  LEIBNIZ_BLOCK_OPERATOR(/)
#undef LEIBNIZ_BLOCK_OPERATOR
};

/// A kernel for Op on a batch B other than the op's own `apply`, for the functions
/// another library computes faster than xsimd: `static B apply(const B&)`. None unless
/// LEIBNIZ_USE_SLEEF (detail/sleef.hpp: SLEEF's sin, cos and tanh on AVX-512).
template <class Op, class B>
struct vector_math {};

/// Whether the op of kernel F (an op_apply, nodes.hpp) has a vector_math kernel on B.
template <class F, class B>
concept HasVectorMath = requires(const B& b) {
  typename F::op_type;
  vector_math<typename F::op_type, B>::apply(b);
};

/// An op's kernel on a block: run on each SIMD batch, so the op's `apply` meets
/// xsimd's vectorised sin, exp, erf, ... by argument-dependent lookup (or the op's
/// vector_math kernel, where it has one). A kernel that only takes numbers (`static
/// double apply(double)`, or one constrained to floating-point types) is run one
/// element at a time instead.
template <class B, std::size_t M>
struct kernel_lanes<simd_block<B, M>> {
  using V = simd_block<B, M>;
  template <class F, class... Vs>
  static V apply(const F& f, const Vs&... values) {
    V r;
    if constexpr (sizeof...(Vs) == 1 && HasVectorMath<F, B>) {
      for (std::size_t k = 0; k < M; ++k) r.part[k] = vector_math<typename F::op_type, B>::apply(values.part[k]...);
    } else if constexpr (requires { f(values.part[0]...); }) {
      for (std::size_t k = 0; k < M; ++k) r.part[k] = B(f(values.part[k]...));
    } else {
      using T = typename B::value_type;
      constexpr std::size_t width = M * B::size;
      std::array<std::array<T, width>, sizeof...(Vs) + 1> lanes_in{};
      std::array<T, width> lanes_out{};
      std::size_t j = 0;
      for (const V* v : {&values...}) {
        for (std::size_t k = 0; k < M; ++k) v->part[k].store_unaligned(lanes_in[j].data() + k * B::size);
        ++j;
      }
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        for (std::size_t l = 0; l < width; ++l) lanes_out[l] = T(f(lanes_in[I][l]...));
      }
      (std::index_sequence_for<Vs...>{});
      for (std::size_t k = 0; k < M; ++k) r.part[k] = B::load_unaligned(lanes_out.data() + k * B::size);
    }
    return r;
  }
};

template <class B, std::size_t M>
struct lanes<simd_block<B, M>> {
  using V = simd_block<B, M>;
  using T = typename B::value_type;
  static constexpr std::size_t width = M * B::size;
  static V load(const T* p) {
    V v;
    for (std::size_t k = 0; k < M; ++k) v.part[k] = B::load_unaligned(p + k * B::size);
    return v;
  }
  static void store(const V& v, T* p) {
    for (std::size_t k = 0; k < M; ++k) v.part[k].store_unaligned(p + k * B::size);
  }
  // Non-temporal stores of one register to p, aligned to its size.
#if defined(__AVX512F__)
  static void stream_register(__m512d r, double* p) { _mm512_stream_pd(p, r); }
  static void stream_register(__m512 r, float* p) { _mm512_stream_ps(p, r); }
#endif
#if defined(__AVX__)
  static void stream_register(__m256d r, double* p) { _mm256_stream_pd(p, r); }
  static void stream_register(__m256 r, float* p) { _mm256_stream_ps(p, r); }
#endif
#if defined(__SSE2__)
  static void stream_register(__m128d r, double* p) { _mm_stream_pd(p, r); }
  static void stream_register(__m128 r, float* p) { _mm_stream_ps(p, r); }
#endif
  /// A non-temporal store of a chunk to p, aligned to a register (eigen.hpp streams the
  /// outputs of evaluations larger than the cache); then stream_fence() once.
  static void stream(const V& v, T* p)
  requires requires(const B& b) { stream_register(typename B::register_type(b), p); }
  {
    for (std::size_t k = 0; k < M; ++k) stream_register(typename B::register_type(v.part[k]), p + k * B::size);
  }
#if defined(__SSE__)
  static void stream_fence() { _mm_sfence(); }
#endif
};

/// Batches per block: one keeps every value of a kernel in registers, which is best
/// for arithmetic; a chain of several functions (tanh(exp(cos(sin x)))) on one batch
/// waits on each function's latency, so then four independent batches are interleaved
/// (3x faster for that chain on AVX-512, 1.5-2x slower for plain arithmetic).
constexpr std::size_t block_batches(std::size_t function_chain) {
  return function_chain >= 3 ? 4 : 1;
}

/// What an array evaluation computes at once in precision S, for a kernel whose longest
/// chain of functions is Chain: a block of SIMD batches.
template <class S, std::size_t Chain>
struct chunk_of {
  using type = S;  // long double: one element at a time
};
/// The instruction set of the batches: the widest the compiler targets (xsimd's default),
/// but AVX-512DQ in place of AVX-512BW with GCC without optimisation, where xsimd 8.1's
/// AVX-512BW kernels do not compile (GCC's unoptimised intrinsics are macros that cast
/// xsimd's batches). Doubles and floats lose nothing: BW adds byte and word lanes.
#if defined(__GNUC__) && !defined(__clang__) && !defined(__OPTIMIZE__) && XSIMD_WITH_AVX512BW
using simd_arch = xsimd::avx512dq;
#else
using simd_arch = xsimd::default_arch;
#endif

template <class S, std::size_t Chain>
requires has_chunk_v<S>
struct chunk_of<S, Chain> {
  using type = simd_block<xsimd::batch<S, simd_arch>, block_batches(Chain)>;
};
template <class S, std::size_t Chain = 0>
using chunk_t = typename chunk_of<S, Chain>::type;
#else
inline constexpr int block_size = 128;

template <class S, int N>
struct lanes<Eigen::Array<S, N, 1>> {
  using V = Eigen::Array<S, N, 1>;
  static constexpr std::size_t width = N;
  static V load(const S* p) { return Eigen::Map<const V>(p); }
  static void store(const V& v, S* p) {
    Eigen::Map<V> destination(p);
    destination = v;
  }
};

/// An op's kernel on a block of an Eigen array: Eigen's array functions where the
/// kernel's code works on arrays, else one element at a time.
template <class S, int N>
struct kernel_lanes<Eigen::Array<S, N, 1>> {
  using V = Eigen::Array<S, N, 1>;
  template <class F, class... Vs>
  static V apply(const F& f, const Vs&... values) {
    if constexpr (requires { f(values...); }) {
      return V(f(values...));
    } else {
      V r;
      for (int i = 0; i < N; ++i) r[i] = S(f(values[i]...));
      return r;
    }
  }
};

/// What an array evaluation computes at once in precision S: a block of 128 elements.
template <class S, std::size_t Chain = 0>
using chunk_t = std::conditional_t<has_chunk_v<S>, Eigen::Array<S, block_size, 1>, S>;
#endif

}  // namespace leibniz::detail

#if LEIBNIZ_SIMD && defined(LEIBNIZ_USE_SLEEF)
#include "detail/sleef.hpp"
#endif

LEIBNIZ_HEADER_END
