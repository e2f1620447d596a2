// leibniz/ops/erf.hpp — erf: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>
#include <type_traits>

#include "../constant.hpp"
#include "../function.hpp"
#include "exp.hpp"  // the derivative is written with exp and sqrt
#include "pow.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail::erf_lookup {
using std::erf;
/// Whether erf(v) has a kernel for T: std::erf for numbers, xsimd::erf for SIMD batches
/// (found by argument-dependent lookup). Eigen's array erf needs its unsupported
/// SpecialFunctions module, so Eigen blocks (-DLEIBNIZ_NO_SIMD) take erf one element at a time.
template <class T>
concept has_kernel = (std::is_floating_point_v<T> || requires { typename T::arch_type; }) && requires(const T& v) {
  erf(v);
};
}  // namespace detail::erf_lookup

/// The error function (2/sqrt(pi)) times the integral of exp(-t^2) from 0 to a.
struct erf_op {
  static constexpr std::string_view name = "erf";
  static constexpr std::string_view latex = "\\operatorname{erf}";
  template <class T>
  requires detail::erf_lookup::has_kernel<T>
  static T apply(const T& v) {
    using std::erf;
    return erf(v);
  }
  static constexpr detail::folded fold(detail::rational r) { return {r.is_zero(), {0, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The error function: (2/sqrt(pi)) times the integral of exp(-t^2) from 0 to a.
///
///     static_assert(d(erf(x), x) == 2_c * exp(-square(x)) / sqrt(pi));
template <Expression A>
[[nodiscard]] constexpr auto erf(const A& a) {
  return function<erf_op>{}(a);
}

template <class A>
constexpr auto erf_op::derivative(const A& a) {
  return c<2> * exp(-square(a)) / sqrt(pi);
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
