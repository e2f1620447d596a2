// leibniz/function.hpp — the extension point: an elementary function from its op struct.
//
// Every built-in function (sin, exp, relu, erf, ...) is defined through it, and a user's
// own function is defined the same way, in the user's code:
//
//     struct softsign_op {
//       static constexpr std::string_view name = "softsign";            // printed name
//       static auto apply(const auto& v) { using std::abs; return v / (1 + abs(v)); }
//       static constexpr auto derivative(auto a) { return 1_c / square(1_c + abs(a)); }
//     };
//     inline constexpr leibniz::function<softsign_op> softsign{};
//
// Then `softsign(x)` works everywhere: d, gradient, arrays (SIMD), printing, to_dot and
// the checker. What an op struct may give:
//
//   name              required: the printed name, `softsign(x)`.
//   apply(v)          required: the value. Called with numbers (float, double, long
//                     double) and, on arrays, with SIMD batches (xsimd) or Eigen blocks
//                     when its code accepts them; an apply that only takes numbers
//                     (`static double apply(double)`, or constrained to floating-point
//                     types) is run one element at a time on arrays. Write it without
//                     branches on the value (detail/lanes.hpp's `choose` does `c ? a : b`).
//   derivative(a)     required (one argument): the derivative as an expression of a.
//   derivative_lhs(a, b), derivative_rhs(a, b)
//                     required instead for a function of two arguments (max, min).
//   latex             optional: the LaTeX name (default \operatorname{name}).
//   fold(r)           optional: the exact value at a rational point r, if there is one
//                     (`sin(0) = 0`), as detail::folded{exact, value}; for two
//                     arguments fold(r, s) returns the detail::rational value (max, min).
//   rewrite(a)        optional: a simplification owned by the function, applied when the
//                     node is built (`log(exp(a)) = a`; `rewrite(a, b)` for two arguments,
//                     `max(a, a) = a`); returns an expression, or
//                     leibniz::no_rewrite to keep the node. It must make the expression
//                     smaller or cheaper, so that rewriting terminates.
#pragma once

#include <concepts>
#include <string_view>

#include "constant.hpp"
#include "expression.hpp"
#include "nodes.hpp"
#include "operators.hpp"
#include "variable.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {
template <class Op>
concept NamedOp = requires {
  { Op::name } -> std::convertible_to<std::string_view>;
};
template <class Op, class... Vs>
concept ValueKernel = requires(const Vs&... v) {
  Op::apply(v...);
};
}  // namespace detail

/// An elementary function made from its op struct `Op` (see the top of this header for
/// what Op gives): calling it on an expression (or a number) builds the node `Op(a)`,
/// simplified. Every built-in function is one of these.
///
///     inline constexpr leibniz::function<softsign_op> softsign{};
///     constexpr auto f = softsign(x);   // d(f, x), f(x = 1.0), f(x = X) all work
template <class Op>
struct function {
  static_assert(detail::NamedOp<Op>,
                "leibniz::function<Op>: Op needs its printed name: static constexpr std::string_view name = \"...\";");

  /// `Op(a)` for one argument.
  template <class A>
  requires Operand<A>
  [[nodiscard]] constexpr auto operator()(const A& a) const {
    static_assert(
        detail::ValueKernel<Op, double>,
        "leibniz::function<Op>: Op needs its value: static auto apply(const auto& v), callable with a double");
    return detail::make_unary<Op>(detail::as_expression(a));
  }

  /// `Op(a, b)` for two arguments; either may be a number.
  template <class A, class B>
  requires detail::ExpressionOperands<A, B>
  [[nodiscard]] constexpr auto operator()(const A& a, const B& b) const {
    static_assert(detail::ValueKernel<Op, double, double>,
                  "leibniz::function<Op>: Op needs its value: static auto apply(const auto& a, const auto& b)");
    return detail::make_binary<Op>(detail::as_expression(a), detail::as_expression(b));
  }
};

}  // namespace leibniz

LEIBNIZ_HEADER_END
