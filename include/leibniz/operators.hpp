// leibniz/operators.hpp — `+ - * /` and unary `-` on expressions and numbers.
#pragma once

#include "constant.hpp"
#include "simplify.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {
template <class A, class B>
concept ExpressionOperands = (Expression<A> || Expression<B>)&&Operand<A>&& Operand<B>;
}

/// The sum of two expressions (or an expression and a number), simplified:
/// `x + x` is `2 * x`, `x + 2.5` holds 2.5 as a runtime constant.
template <class A, class B>
requires detail::ExpressionOperands<A, B>
[[nodiscard]] constexpr auto operator+(const A& a, const B& b) {
  return detail::make_sum(detail::as_expression(a), detail::as_expression(b));
}

/// `-a`, stored as `-1 * a`: `-(-x)` is `x`.
template <Expression A>
[[nodiscard]] constexpr auto operator-(const A& a) {
  return detail::make_product(constant<-1>{}, a);
}

/// `+a` is `a`.
template <Expression A>
[[nodiscard]] constexpr auto operator+(const A& a) {
  return a;
}

/// The difference `a + (-1) * b`: `x - x` is `0`.
template <class A, class B>
requires detail::ExpressionOperands<A, B>
[[nodiscard]] constexpr auto operator-(const A& a, const B& b) {
  return detail::make_sum(detail::as_expression(a), detail::make_product(constant<-1>{}, detail::as_expression(b)));
}

/// The product, simplified: `x * x` is `pow(x, 2_c)`, `y * x` is `x * y`.
template <class A, class B>
requires detail::ExpressionOperands<A, B>
[[nodiscard]] constexpr auto operator*(const A& a, const B& b) {
  return detail::make_product(detail::as_expression(a), detail::as_expression(b));
}

/// The quotient `a * b^-1`: `x / x` is `1`, `x / (y * z)` prints so.
template <class A, class B>
requires detail::ExpressionOperands<A, B>
[[nodiscard]] constexpr auto operator/(const A& a, const B& b) {
  return detail::make_product(detail::as_expression(a), detail::make_power(detail::as_expression(b), constant<-1>{}));
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
