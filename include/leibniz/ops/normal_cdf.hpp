// leibniz/ops/normal_cdf.hpp — normal_cdf: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>
#include <type_traits>

#include "../constant.hpp"
#include "../detail/lanes.hpp"
#include "../function.hpp"
#include "exp.hpp"  // the derivative is written with exp and sqrt
#include "pow.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail::erfc_lookup {
using std::erfc;
/// Whether erfc(v) has a kernel for T: std::erfc for numbers, xsimd::erfc for SIMD
/// batches; Eigen blocks have none (then one element at a time).
template <class T>
concept has_kernel = (std::is_floating_point_v<T> || requires { typename T::arch_type; }) && requires(const T& v) {
  erfc(v);
};
}  // namespace detail::erfc_lookup

/// The standard normal distribution function Phi(a) = erfc(-a / sqrt(2)) / 2, accurate
/// in both tails (the complementary error function loses no digits below the mean).
struct normal_cdf_op {
  static constexpr std::string_view name = "normal_cdf";
  static constexpr std::string_view latex = "\\Phi";
  template <class T>
  requires detail::erfc_lookup::has_kernel<T>
  static T apply(const T& v) {
    using std::erfc;
    using S = detail::scalar_of_t<T>;
    const S one_over_sqrt2 = S(0.707106781186547524400844362104849039L);
    return T(detail::splat<T>(S(0.5)) * erfc(T(-v * detail::splat<T>(one_over_sqrt2))));
  }
  static constexpr detail::folded fold(detail::rational r) {
    if (r.is_zero())
      return {true, {1, 2}};
    return {};
  }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The standard normal distribution function Phi(a), the probability that a standard
/// normal variable is at most a. Its derivative is the normal density
/// exp(-a^2 / 2) / sqrt(2 pi).
///
///     static_assert(d(normal_cdf(x), x) == exp(-square(x) / 2_c) / sqrt(2_c * pi));
template <Expression A>
[[nodiscard]] constexpr auto normal_cdf(const A& a) {
  return function<normal_cdf_op>{}(a);
}

template <class A>
constexpr auto normal_cdf_op::derivative(const A& a) {
  return exp(-square(a) / c<2>) / sqrt(c<2> * pi);
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
