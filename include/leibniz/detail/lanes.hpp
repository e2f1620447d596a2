// leibniz/detail/lanes.hpp — what the ops' kernels need from a value type, so that one
// `apply` serves a scalar, a SIMD batch (xsimd) and a block of an Eigen array.
//
// A kernel never branches on a value: it computes both sides and chooses with
// `choose(condition, a, b)`, which is `c ? a : b` for scalars, `xsimd::select` for
// batches and `condition.select(a, b)` for Eigen blocks.
#pragma once

#include <type_traits>
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz::detail {

template <class T>
struct scalar_of {
  using type = T;
};
template <class T>
requires requires {
  typename T::Scalar;
}  // Eigen
struct scalar_of<T> {
  using type = typename T::Scalar;
};
template <class T>
requires requires {
  typename T::value_type;
  typename T::arch_type;
}  // xsimd::batch
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

/// The value in the first lane of v (all lanes hold it when v is a splat).
template <class T>
constexpr auto first_lane(const T& v) {
  if constexpr (std::is_arithmetic_v<T>)
    return v;
  else if constexpr (requires { v.get(0); })  // xsimd::batch
    return v.get(0);
  else
    return v.coeff(0);  // Eigen
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

/// The array back end's customization point: how a value kernel `f` is applied to
/// values of type V. A kernel is written for numbers (an op's `apply`), and works on
/// SIMD batches and Eigen blocks too when its code does. By default V is a number and f
/// is called on it; simd.hpp specialises this for blocks of SIMD batches (f runs on each
/// batch) and for blocks of an Eigen array, where a kernel that only takes numbers is run
/// one element at a time.
template <class V>
struct kernel_lanes {
  template <class F, class... Vs>
  static constexpr V apply(const F& f, const Vs&... values) {
    return V(f(values...));
  }
};

/// f applied to values of type V through the back end (see kernel_lanes).
template <class V, class F, class... Vs>
constexpr V lanewise(const F& f, const Vs&... values) {
  return kernel_lanes<V>::apply(f, values...);
}

}  // namespace leibniz::detail

LEIBNIZ_HEADER_END
