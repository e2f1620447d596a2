// leibniz/ops/sigmoid.hpp — sigmoid: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../detail/lanes.hpp"
#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The logistic function 1 / (1 + exp(-a)), evaluated without overflow for any a. Its derivative is written sigmoid(a)
/// * sigmoid(-a), which equals sigmoid(a) (1 - sigmoid(a)) but keeps full relative precision for large a.
struct sigmoid_op {
  static constexpr std::string_view name = "sigmoid";
  static constexpr std::string_view latex = "\\sigma";
  template <class T>
  static T apply(const T& v) {
    // One exp of -|v| <= 0, which cannot overflow: 1 / (1 + e) for v >= 0, e / (1 + e) below.
    using std::abs;
    using std::exp;
    const T e = exp(-abs(v));
    const T r = detail::splat<T>(1) / (detail::splat<T>(1) + e);
    return detail::choose(v >= detail::splat<T>(0), r, T(e * r));
  }
  static constexpr detail::folded fold(detail::rational r) {
    if (r.is_zero())
      return {true, {1, 2}};
    return {};
  }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The logistic function 1 / (1 + exp(-a)), evaluated without overflow for any a. Its derivative is written sigmoid(a)
/// * sigmoid(-a), which equals sigmoid(a) (1 - sigmoid(a)) but keeps full relative precision for large a.
///
///     static_assert(d(sigmoid(x), x) == sigmoid(x) * sigmoid(-x));
template <Expression A>
[[nodiscard]] constexpr auto sigmoid(const A& a) {
  return function<sigmoid_op>{}(a);
}

template <class A>
constexpr auto sigmoid_op::derivative(const A& a) {
  return sigmoid(a) * sigmoid(-a);
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
