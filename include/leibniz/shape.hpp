// leibniz/shape.hpp — what every expression is at compile time: a scalar, a column
// vector, a row vector or a matrix, with sizes that are static or taken at binding.
//
// Leaves say their shape (a matrix variable its sizes; numbers and `var`s are scalars);
// matrix nodes (matrix/nodes.hpp) compute theirs from their operands; every other node
// acts entry by entry, so its shape is its operands' shapes broadcast together: a
// scalar fits any shape, and a static size 1 (a column vector's one column) stretches
// to the other operand's size.
#pragma once

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

template <class E>
constexpr shape compute_shape();

/// The shape of E, computed once per type.
template <class E>
inline constexpr shape shape_v = compute_shape<E>();

template <class E>
constexpr shape compute_shape() {
  if constexpr (requires { E::static_shape; }) {
    return E::static_shape;
  } else {
    return []<class... Cs>(pack<Cs...>*) {
      shape s = scalar_shape;
      [[maybe_unused]] const int in_order[] = {0, (s = broadcast(s, shape_v<Cs>), 0)...};  // not a fold (pack.hpp)
      return s;
    }(static_cast<children_t<E>*>(nullptr));
  }
}

/// Whether E, or any node inside it, is a vector or a matrix: such expressions are
/// differentiated in reverse mode and evaluated by the matrix back end.
template <class E>
constexpr bool compute_has_matrix();
template <class E>
inline constexpr bool has_matrix_v = compute_has_matrix<E>();
template <class E>
constexpr bool compute_has_matrix() {
  if constexpr (!shape_v<E>.scalar) {
    return true;
  } else {
    return []<class... Cs>(pack<Cs...>*) {
      const bool inner[] = {false, has_matrix_v<Cs>...};
      for (bool b : inner)
        if (b)
          return true;
      return false;
    }(static_cast<children_t<E>*>(nullptr));
  }
}

}  // namespace detail

/// The shape of an expression: `shape_of(W * x)` is a column vector of W's rows.
///
///     static_assert(leibniz::shape_of(leibniz::var<"x">).scalar);
template <class E>
[[nodiscard]] constexpr shape shape_of(const E&) {
  return detail::shape_v<E>;
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
