// leibniz/detail/sleef.hpp — SLEEF's vectorised sin, cos and tanh as the array kernels
// of the functions it computes faster than xsimd. Included by simd.hpp when
// LEIBNIZ_USE_SLEEF is defined (config.hpp); the program then links with -lsleef
// (Debian: libsleef-dev; leibniz_dep and the pkg-config file add both when Meson finds
// SLEEF, -Dsleef=disabled turns it off).
//
// Chosen per function from bench_simd_math (docs/performance.md, "Which library computes
// sin, cos, tanh, exp and log"): SLEEF's 3.5-ulp (u35) functions on AVX-512 are the
// fastest measured for sin and cos in double and float and for tanh in double, ahead of
// glibc's libmvec and xsimd, and within 2.2 ulp over wide ranges; exp, log and float tanh
// stay xsimd's (SLEEF has no u35 exp or log, and its u10 ones are slower). Only the
// AVX-512 entry points are listed: they are the ones measured; other instruction sets
// keep xsimd's kernels.
#pragma once

#include <sleef.h>

#include <cstddef>

#include "../config.hpp"
#include "../ops/cos.hpp"
#include "../ops/sin.hpp"
#include "../ops/tanh.hpp"
#include "../simd.hpp"  // vector_math; simd.hpp includes this header at its end

LEIBNIZ_HEADER_BEGIN

namespace leibniz::detail {

/// SLEEF's function for Op on registers of Bytes bytes holding T, where it is used.
template <class Op, class T, std::size_t Bytes>
struct sleef_entry {};

#if defined(__AVX512F__)
template <>
struct sleef_entry<sin_op, double, 64> {
  static __m512d call(__m512d r) { return Sleef_sind8_u35avx512f(r); }
};
template <>
struct sleef_entry<cos_op, double, 64> {
  static __m512d call(__m512d r) { return Sleef_cosd8_u35avx512f(r); }
};
template <>
struct sleef_entry<tanh_op, double, 64> {
  static __m512d call(__m512d r) { return Sleef_tanhd8_u35avx512f(r); }
};
template <>
struct sleef_entry<sin_op, float, 64> {
  static __m512 call(__m512 r) { return Sleef_sinf16_u35avx512f(r); }
};
template <>
struct sleef_entry<cos_op, float, 64> {
  static __m512 call(__m512 r) { return Sleef_cosf16_u35avx512f(r); }
};
#endif

/// The vector_math kernel of simd.hpp: Op on an xsimd batch B through SLEEF, where an
/// entry for B's registers is listed above.
template <class Op, class B>
requires requires(const B& b) {
  sleef_entry<Op, typename B::value_type, sizeof(typename B::register_type)>::call(b);
}
struct vector_math<Op, B> {
  static B apply(const B& v) {
    return B(sleef_entry<Op, typename B::value_type, sizeof(typename B::register_type)>::call(v));
  }
};

}  // namespace leibniz::detail

LEIBNIZ_HEADER_END
