// leibniz/detail/lanes.hpp — what the ops' kernels need from a value type, so that one
// `apply` serves a scalar, a SIMD batch (xsimd) and a block of an Eigen array.
//
// A kernel never branches on a value: it computes both sides and chooses with
// `choose(condition, a, b)`, which is `c ? a : b` for scalars, `xsimd::select` for
// batches and `condition.select(a, b)` for Eigen blocks.
#pragma once

#include <type_traits>

namespace leibniz::detail {

template <class T>
struct scalar_of {
  using type = T;
};
template <class T>
  requires requires { typename T::Scalar; }  // Eigen
struct scalar_of<T> {
  using type = typename T::Scalar;
};
template <class T>
  requires requires { typename T::value_type; typename T::arch_type; }  // xsimd::batch
struct scalar_of<T> {
  using type = typename T::value_type;
};

/// The number type of one lane: double for double, xsimd::batch<double> and
/// Eigen::Array<double, 256, 1>.
template <class T>
using scalar_of_t = typename scalar_of<T>::type;

/// The value s in every lane of a T.
template <class T, class S>
constexpr T splat(const S& s) {
  if constexpr (requires { T::Constant(scalar_of_t<T>(s)); })
    return T::Constant(scalar_of_t<T>(s));
  else
    return T(scalar_of_t<T>(s));
}

/// `condition ? a : b`, lane by lane.
template <class C, class T>
constexpr T choose(const C& condition, const T& a, const T& b) {
  if constexpr (std::is_same_v<C, bool>)
    return condition ? a : b;
  else if constexpr (requires { condition.select(a, b); })
    return condition.select(a, b);
  else
    return select(condition, a, b);  // xsimd::select, by argument-dependent lookup
}

}  // namespace leibniz::detail
