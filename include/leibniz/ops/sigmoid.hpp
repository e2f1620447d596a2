// leibniz/ops/sigmoid.hpp — sigmoid: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../operators.hpp"

namespace leibniz {

/// The logistic function 1 / (1 + exp(-a)), evaluated without overflow for any a. Its derivative is written sigmoid(a) * sigmoid(-a), which equals sigmoid(a) (1 - sigmoid(a)) but keeps full relative precision for large a.
struct sigmoid_op {
  static constexpr std::string_view name = "sigmoid";
  static constexpr std::string_view latex = "\\sigma";
  template <class T>
  static T apply(const T& v) {
    using std::exp;
    if (v >= T(0)) return T(1) / (T(1) + exp(-v));
    const T e = exp(v);
    return e / (T(1) + e);
  }
  static constexpr detail::folded fold(detail::rational r) {
    if (r.is_zero()) return {true, {1, 2}};
    return {};
  }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The logistic function 1 / (1 + exp(-a)), evaluated without overflow for any a. Its derivative is written sigmoid(a) * sigmoid(-a), which equals sigmoid(a) (1 - sigmoid(a)) but keeps full relative precision for large a.
///
///     static_assert(d(sigmoid(x), x) == sigmoid(x) * sigmoid(-x));
template <Expression A>
constexpr auto sigmoid(const A& a) {
  return detail::make_unary<sigmoid_op>(a);
}

template <class A>
constexpr auto sigmoid_op::derivative(const A& a) {
  return sigmoid(a) * sigmoid(-a);
}

}  // namespace leibniz

