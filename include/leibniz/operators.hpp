// leibniz/operators.hpp — `+ - * /` and unary `-` on expressions and numbers.
#pragma once

#include "constant.hpp"
#include "shape.hpp"
#include "simplify.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {
template <class A, class B>
concept ExpressionOperands = (Expression<A> || Expression<B>)&&Operand<A>&& Operand<B>;

/// Checks that two operands of an entrywise operation have shapes that broadcast
/// together (shape.hpp); the failing condition shows both shapes when static sizes differ.
template <class A, class B>
constexpr bool check_entrywise_shapes() {
  constexpr shape sa = shape_of_type<A>::value, sb = shape_of_type<B>::value;
  constexpr bool fits = broadcastable(sa, sb);
  static_assert(fits || sizes_do_not_fit<entrywise_tag, sa.rows, sa.cols, sb.rows, sb.cols>::value,
                "leibniz: an entrywise operation (+, -, /, hadamard, a function of two arguments) of two vectors "
                "or matrices whose static sizes differ (the compiler shows both shapes in sizes_do_not_fit<...>)");
  return fits;
}
}  // namespace detail

/// The sum of two expressions (or an expression and a number), simplified:
/// `x + x` is `2 * x`, `x + 2.5` holds 2.5 as a runtime constant.
template <class A, class B>
requires detail::ExpressionOperands<A, B>
[[nodiscard]] constexpr auto operator+(const A& a, const B& b) {
  detail::check_entrywise_shapes<decltype(detail::as_expression(a)), decltype(detail::as_expression(b))>();
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
  detail::check_entrywise_shapes<decltype(detail::as_expression(a)), decltype(detail::as_expression(b))>();
  return detail::make_sum(detail::as_expression(a), detail::make_product(constant<-1>{}, detail::as_expression(b)));
}

/// The product, simplified: `x * x` is `pow(x, 2_c)`, `y * x` is `x * y`. Between two
/// vectors or matrices it is the matrix product (`W * x`, matrix/nodes.hpp), never
/// reordered; a scalar on either side scales.
template <class A, class B>
requires detail::ExpressionOperands<A, B>
[[nodiscard]] constexpr auto operator*(const A& a, const B& b) {
  using EA = decltype(detail::as_expression(a));
  using EB = decltype(detail::as_expression(b));
  if constexpr (!detail::shape_of_type<EA>::value.scalar && !detail::shape_of_type<EB>::value.scalar)
    return detail::make_matmul(detail::as_expression(a), detail::as_expression(b));
  else
    return detail::make_product(detail::as_expression(a), detail::as_expression(b));
}

/// The quotient `a * b^-1`: `x / x` is `1`, `x / (y * z)` prints so.
template <class A, class B>
requires detail::ExpressionOperands<A, B>
[[nodiscard]] constexpr auto operator/(const A& a, const B& b) {
  detail::check_entrywise_shapes<decltype(detail::as_expression(a)), decltype(detail::as_expression(b))>();
  return detail::make_product(detail::as_expression(a), detail::make_power(detail::as_expression(b), constant<-1>{}));
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
