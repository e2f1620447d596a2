// leibniz/shape.hpp — what every expression is at compile time: a scalar, a column
// vector, a row vector or a matrix, with sizes that are static or taken at binding.
//
// Leaves say their shape (a matrix variable its sizes; numbers and `var`s are scalars);
// matrix nodes (matrix/nodes.hpp) compute theirs from their operands; every other node
// acts entry by entry, so its shape is its operands' shapes broadcast together: a
// scalar fits any shape, and a static size 1 (a column vector's one column) stretches
// to the other operand's size.
#pragma once

#include <initializer_list>
#include <type_traits>

#include "detail/children.hpp"
#include "detail/pack.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// A size that is known only when the expression is evaluated (taken from the bindings).
inline constexpr int dynamic_size = -1;

/// The shape of an expression: a scalar, or rows x cols with each size static or
/// `dynamic_size`. A column vector has cols == 1, a row vector rows == 1.
///
///     static_assert(leibniz::shape_of(leibniz::mat<"A", 3, 4> * leibniz::vec<"x">).rows == 3);
struct shape {
  int rows = 1;
  int cols = 1;
  bool scalar = true;

  [[nodiscard]] constexpr bool is_column() const { return !scalar && cols == 1; }
  [[nodiscard]] constexpr bool is_row() const { return !scalar && rows == 1 && cols != 1; }
  [[nodiscard]] constexpr bool is_matrix() const { return !scalar && rows != 1 && cols != 1; }
  [[nodiscard]] constexpr shape transposed() const { return {cols, rows, scalar}; }
  friend constexpr bool operator==(const shape&, const shape&) = default;
};

namespace detail {

inline constexpr shape scalar_shape{};

// The failing condition of a size error shows the sizes in the compiler's message:
// `sizes_do_not_fit<matrix_product_tag, 3, 4, 5, 1>::value` is false for a 3 x 4 matrix
// times a vector of 5 (-1 is a size taken from the binding).
struct matrix_product_tag {};
struct entrywise_tag {};
template <class Operation, int RowsA, int ColsA, int RowsB, int ColsB>
struct sizes_do_not_fit {
  static constexpr bool value = false;
};

/// The shape of rows x cols, a scalar when both are a static 1 (a row times a column).
constexpr shape matrix_shape(int rows, int cols) {
  return {rows, cols, rows == 1 && cols == 1};
}

/// Two sizes along one axis broadcast together: equal, or one a static 1 that stretches.
/// `fits` is false when both are static and differ.
struct broadcast_size {
  int size;
  bool fits;
};
constexpr broadcast_size broadcast_axis(int a, int b) {
  if (a == 1)
    return {b, true};
  if (b == 1 || a == b)
    return {a, true};
  if (a == dynamic_size || b == dynamic_size)  // checked when the sizes are known
    return {a == dynamic_size ? b : a, true};
  return {a, false};
}

/// Whether two shapes can be combined entry by entry.
constexpr bool broadcastable(shape a, shape b) {
  return a.scalar || b.scalar || (broadcast_axis(a.rows, b.rows).fits && broadcast_axis(a.cols, b.cols).fits);
}

/// Whether a has b's extent: both scalars, or the same axes of a single row or column
/// (then no broadcast stands between them).
constexpr bool same_extent(shape a, shape b) {
  return a.scalar == b.scalar && (a.rows == 1) == (b.rows == 1) && (a.cols == 1) == (b.cols == 1);
}

/// The shape of an entrywise combination of a and b (a scalar fits anything).
constexpr shape broadcast(shape a, shape b) {
  if (a.scalar)
    return b;
  if (b.scalar)
    return a;
  return {broadcast_axis(a.rows, b.rows).size, broadcast_axis(a.cols, b.cols).size, false};
}

// A node's shape is a constant of its type, computed by class templates whose answer is a
// type (`shape_constant<S>`, named by the shape alone): GCC hands every instantiated
// function and variable to its back end, which names it after the whole node type, a cost
// that grows faster than the name (dag.hpp, docs/compile-time.md).

/// A shape as a type: `value` is S.
template <shape S>
struct shape_constant {
  static constexpr shape value = S;
};

/// All the shapes broadcast together.
consteval shape broadcast_list(std::initializer_list<shape> shapes) {
  shape s = scalar_shape;
  for (shape c : shapes) s = broadcast(s, c);
  return s;
}

template <class Operands>
struct broadcast_operands;

/// The shape of E: `shape_of_type<E>::value`. A leaf or a matrix node states its own
/// (`static_shape`); any other node broadcasts its operands' shapes.
template <class E>
struct shape_of_type : broadcast_operands<children_t<E>> {};
template <class E>
requires requires { E::static_shape; }
struct shape_of_type<E> : shape_constant<E::static_shape> {
};

template <class... Cs>
struct broadcast_operands<pack<Cs...>> : shape_constant<broadcast_list({shape_of_type<Cs>::value...})> {};

template <class Operands>
struct any_has_matrix;

/// Whether E, or any node inside it, is a vector or a matrix: such expressions are
/// differentiated in reverse mode and evaluated by the matrix back end.
template <class E>
struct has_matrix : std::bool_constant<!shape_of_type<E>::value.scalar || any_has_matrix<children_t<E>>::value> {};

template <class... Cs>
struct any_has_matrix<pack<Cs...>> : std::bool_constant<count_true(has_matrix<Cs>::value...) != 0> {};

}  // namespace detail

/// The shape of an expression: `shape_of(W * x)` is a column vector of W's rows.
///
///     static_assert(leibniz::shape_of(leibniz::var<"x">).scalar);
template <class E>
[[nodiscard]] constexpr shape shape_of(const E&) {
  return detail::shape_of_type<E>::value;
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
