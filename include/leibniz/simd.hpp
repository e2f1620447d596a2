// leibniz/simd.hpp — the chunk an array evaluation computes at once, and how it is
// loaded and stored.
//
// With xsimd (Debian: libxsimd-dev, header-only) a chunk is one SIMD batch of the
// widest instruction set the compiler targets (8 doubles with -march on AVX-512), and
// sin, cos, tanh, exp, log, ... are xsimd's vectorised kernels, accurate to about one
// ulp. Eigen 3.4 has vectorised kernels only for some of these (not for double sin,
// cos or tanh). Define LEIBNIZ_NO_SIMD (Meson: -Dsimd=disabled) to use Eigen's kernels
// on blocks of 128 elements instead. long double is evaluated one element at a time.
#pragma once

#include <Eigen/Core>

#include <cstddef>
#include <type_traits>

#if !defined(LEIBNIZ_NO_SIMD) && __has_include(<xsimd/xsimd.hpp>)
#define LEIBNIZ_SIMD 1
#include <xsimd/xsimd.hpp>
#else
#define LEIBNIZ_SIMD 0
#endif

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
template <class T, class A>
struct lanes<xsimd::batch<T, A>> {
  using V = xsimd::batch<T, A>;
  static constexpr std::size_t width = V::size;
  static V load(const T* p) { return V::load_unaligned(p); }
  static void store(const V& v, T* p) { v.store_unaligned(p); }
};

/// What an array evaluation computes at once in precision S: a SIMD batch.
template <class S>
using chunk_t = std::conditional_t<has_chunk_v<S>, xsimd::batch<S>, S>;
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

/// What an array evaluation computes at once in precision S: a block of 128 elements.
template <class S>
using chunk_t = std::conditional_t<has_chunk_v<S>, Eigen::Array<S, block_size, 1>, S>;
#endif

}  // namespace leibniz::detail
