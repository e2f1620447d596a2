// leibniz/config.hpp — the library's macros, in one place.
//
//   LEIBNIZ_NO_SIMD        define it (Meson: -Dsimd=disabled) to evaluate arrays with
//                          Eigen's kernels on blocks of 128 elements instead of xsimd's
//                          SIMD batches.
//   LEIBNIZ_USE_SLEEF      define it (Meson does when it finds SLEEF, -Dsleef=auto) and link
//                          -lsleef to evaluate sin, cos and tanh on AVX-512 arrays with
//                          SLEEF's kernels (detail/sleef.hpp), faster than xsimd's.
//   LEIBNIZ_SIMD           set here: 1 when arrays are evaluated with xsimd (found and not
//                          disabled), else 0.
//   LEIBNIZ_ALWAYS_INLINE  set here: forces inlining of the array kernels into their loop,
//                          where a call per batch would cost as much as the work.
//   LEIBNIZ_NOINLINE       set here: keeps the loop over an array's elements one function,
//                          run alike by one thread or many (bitwise equal results).
//   LEIBNIZ_COLD           set here: marks the function (or lambda) that builds and throws an
//                          error message: kept out of line and optimised for size, so the
//                          string work is compiled once, not into every caller.
//   LEIBNIZ_OPAQUE(x)      set here: hides x's value from the optimiser (see below).
//   LEIBNIZ_TEXT_CODE_BEGIN, LEIBNIZ_TEXT_CODE_END
//                          bracket code that only writes text (printing): GCC compiles it
//                          without optimisation whatever the user's flags (see below).
//   LEIBNIZ_HEADER_BEGIN, LEIBNIZ_HEADER_END
//                          bracket every leibniz header: they keep the headers' short local
//                          names (a, b, x) from warning under a user's -Wshadow when the
//                          user has globals of those names.
#pragma once

#if !defined(LEIBNIZ_NO_SIMD) && __has_include(<xsimd/xsimd.hpp>)
#define LEIBNIZ_SIMD 1
#else
#define LEIBNIZ_SIMD 0
#endif

#if defined(__GNUC__) || defined(__clang__)
#define LEIBNIZ_ALWAYS_INLINE __attribute__((always_inline))
#define LEIBNIZ_NOINLINE __attribute__((noinline))
#define LEIBNIZ_COLD __attribute__((cold, noinline))
#else
#define LEIBNIZ_ALWAYS_INLINE
#define LEIBNIZ_NOINLINE
#define LEIBNIZ_COLD
#endif

// LEIBNIZ_OPAQUE(x): the optimiser no longer knows x's value (no instruction is emitted).
// The array loop's stream flag goes through it, so that GCC does not unswitch the loop
// into a streaming and a storing copy, optimised apart: at -O3 they contracted different
// products into FMAs, and B4's gradient differed in the last bit between arrays over and
// under the streaming threshold.
#if defined(__GNUC__) || defined(__clang__)
#define LEIBNIZ_OPAQUE(x) __asm__("" : "+r"(x))
#else
#define LEIBNIZ_OPAQUE(x) ((void)0)
#endif

// Printing is std::string work whose speed does not matter; optimising it did: at -O2 it
// was 1.06 s of a 3.9 s translation unit that prints a 30-node expression
// (compile_probe_d3_of_30_nodes), 0.2 s without optimisation. Only templates defined in the
// region are affected: the standard library's, used from it, keep the user's level (why
// print.hpp's rules sort by hand). Clang has no such pragma for a region of templates; it
// compiles the same code at the user's level.
#if defined(__GNUC__) && !defined(__clang__)
#define LEIBNIZ_TEXT_CODE_BEGIN _Pragma("GCC push_options") _Pragma("GCC optimize(\"O0\")")
#define LEIBNIZ_TEXT_CODE_END _Pragma("GCC pop_options")
#else
#define LEIBNIZ_TEXT_CODE_BEGIN
#define LEIBNIZ_TEXT_CODE_END
#endif

#define LEIBNIZ_HEADER_BEGIN _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wshadow\"")
#define LEIBNIZ_HEADER_END _Pragma("GCC diagnostic pop")
