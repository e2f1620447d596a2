// leibniz/ops/gelu.hpp — gelu: value, exact values, derivative, printed name.
#pragma once

#include <string_view>

#include "../constant.hpp"
#include "../function.hpp"
#include "normal_cdf.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The Gaussian error linear unit a * Phi(a) (the exact form, not the tanh
/// approximation). Its derivative is Phi(a) + a * exp(-a^2 / 2) / sqrt(2 pi).
struct gelu_op {
  static constexpr std::string_view name = "gelu";
  static constexpr std::string_view latex = "\\operatorname{GELU}";
  template <class T>
  requires requires(const T& v) { normal_cdf_op::apply(v); }
  static T apply(const T& v) { return T(v * normal_cdf_op::apply(v)); }
  static constexpr detail::folded fold(detail::rational r) { return {r.is_zero(), {0, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The Gaussian error linear unit a * Phi(a), with Phi the standard normal distribution
/// function (`normal_cdf`); exact, not the tanh approximation.
///
///     static_assert(d(gelu(x), x) == normal_cdf(x) + x * exp(-square(x) / 2_c) / sqrt(2_c * pi));
template <Expression A>
[[nodiscard]] constexpr auto gelu(const A& a) {
  return function<gelu_op>{}(a);
}

template <class A>
constexpr auto gelu_op::derivative(const A& a) {
  return normal_cdf(a) + a * exp(-square(a) / c<2>) / sqrt(c<2> * pi);
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
