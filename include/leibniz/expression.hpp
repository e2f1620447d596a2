// leibniz/expression.hpp — what an expression is: the node base and the concepts.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "fixed_string.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The kinds of node an expression is built from. Every node type names its kind.
enum class node_kind {
  constant,
  named_constant,
  runtime_constant,
  variable,
  unary,
  binary,
  power,
  sum,
  product,
  matrix  // a linear-algebra node: matrix product, transpose, reduction (matrix/nodes.hpp)
};

/// Base of every node (CRTP): gives each expression its call operator, so that
/// `f(x = 1.0, y = 2.0)` evaluates `f`. Empty, so expressions without runtime
/// constants are empty objects.
///
///     constexpr auto f = x * y;   double v = f(x = 2.0, y = 3.0);   // 6
template <class Derived>
struct node {
  /// The value at the bindings: `eval(*this, bindings...)`, defined in evaluate.hpp.
  template <class... Bindings>
  [[nodiscard]] constexpr auto operator()(const Bindings&... bindings) const;
};

/// A leibniz expression: a variable, a constant, or a node built from them.
///
///     static_assert(leibniz::Expression<decltype(sin(x) + x)>);
template <class T>
concept Expression = std::derived_from<std::remove_cvref_t<T>, node<std::remove_cvref_t<T>>>;

template <fixed_string Name>
struct variable;
template <fixed_string Name, int Rows, int Cols>
struct matrix_variable;

namespace detail {
template <class T>
struct is_variable : std::false_type {};
template <fixed_string Name>
struct is_variable<variable<Name>> : std::true_type {};
template <fixed_string Name, int Rows, int Cols>
struct is_variable<matrix_variable<Name, Rows, Cols>> : std::true_type {};
}  // namespace detail

/// A variable `leibniz::var<"name">`, `leibniz::vec<"name">` or `leibniz::mat<"name">`:
/// what `d` differentiates by and what `x = v` binds.
///
///     static_assert(leibniz::Variable<decltype(leibniz::var<"x">)>);
template <class T>
concept Variable = detail::is_variable<std::remove_cvref_t<T>>::value;

/// An expression with no runtime constant inside: its value lives entirely in its
/// type, so it is `constexpr`, and equal types mean equal functions.
///
///     static_assert(leibniz::StaticExpression<decltype(2_c * x)>);
///     static_assert(!leibniz::StaticExpression<decltype(2.0 * x)>);
template <class T>
concept StaticExpression = Expression<T> && std::remove_cvref_t<T>::is_static;

}  // namespace leibniz

LEIBNIZ_HEADER_END
