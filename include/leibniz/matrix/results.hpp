// leibniz/matrix/results.hpp — the values of a gradient by vectors and matrices:
// g[W] is an Eigen matrix shaped like W, g[lambda] a number.
#pragma once

#include <cstddef>
#include <tuple>
#include <utility>

#include <Eigen/Core>

#include "../results.hpp"
#include "../shape.hpp"
#include "variable.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {
/// What a derivative by V holds: a number for a scalar variable; for a vector or matrix
/// variable an Eigen matrix of V's sizes (fixed where V's sizes are static).
template <class T, class V>
struct derivative_value {
  using type = T;
};
template <class T, fixed_string Name, int Rows, int Cols>
struct derivative_value<T, matrix_variable<Name, Rows, Cols>> {
  using type =
      Eigen::Matrix<T, Rows == dynamic_size ? Eigen::Dynamic : Rows, Cols == dynamic_size ? Eigen::Dynamic : Cols>;
};
template <class T, class V>
using derivative_value_t = typename derivative_value<T, V>::type;

/// What `G(W = w, ...)` returns for a gradient by vectors and matrices: evaluated when
/// first read, or by `leibniz::tie` into existing matrices (matrix/evaluate.hpp).
template <class T, class Sched, class Vars, class Entries, class... Bs>
struct pending_matrix_gradient;
}  // namespace detail

/// The gradient of a scalar by variables of any shape: `g[W]` (an Eigen matrix shaped
/// like W), `g[lambda]` (a number), by position `g.get<0>()`, and structured bindings.
///
///     auto g = leibniz::gradient(squared_norm(A * w - y), w)(A = a, w = v, y = t);
///     Eigen::VectorXd gw = g[w];
template <class T, class... Vs>
struct matrix_gradient_values {
  std::tuple<detail::derivative_value_t<T, Vs>...> entries;

  static constexpr std::size_t size() { return sizeof...(Vs); }
  template <class V>
  requires Variable<V>
  constexpr auto& operator[](const V&) & { return std::get<detail::index_of_variable<V::name, Vs...>()>(entries); }
  template <class V>
  requires Variable<V>
  constexpr const auto& operator[](const V&) const& {
    return std::get<detail::index_of_variable<V::name, Vs...>()>(entries);
  }
  /// From a temporary: the entry moved out, by value.
  template <class V>
  requires Variable<V>
  constexpr auto operator[](const V&) && {
    return std::move(std::get<detail::index_of_variable<V::name, Vs...>()>(entries));
  }
  template <std::size_t I>
  constexpr auto& get() & {
    return std::get<I>(entries);
  }
  template <std::size_t I>
  constexpr const auto& get() const& {
    return std::get<I>(entries);
  }
  template <std::size_t I>
  constexpr auto&& get() && {
    return std::move(std::get<I>(entries));
  }
};

/// Existing matrices (and numbers, for scalar variables) to receive a gradient's entries
/// in order: `leibniz::tie(gW, gb) = leibniz::gradient(L, W, b)(...)`. The gradient is
/// written straight from the evaluation's buffers into them, with no temporary. Plain
/// matrices are resized to fit (allocating only when their size changes); maps, blocks
/// and fixed-size matrices must fit (else std::invalid_argument, none written).
template <class... Ds>
struct tied_matrices {
  std::tuple<Ds&...> destinations;

  template <class T, class Sched, class Vars, class Entries, class... Bs>
  tied_matrices& operator=(const detail::pending_matrix_gradient<T, Sched, Vars, Entries, Bs...>& result) {
    result.write_into(destinations);
    return *this;
  }

  template <class T, class... Vs>
  tied_matrices& operator=(const matrix_gradient_values<T, Vs...>& values) {
    static_assert(sizeof...(Ds) == sizeof...(Vs), "leibniz::tie(a, b, ...) = ...: give one destination per entry");
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((std::get<I>(destinations) = std::get<I>(values.entries)), ...);
    }
    (std::index_sequence_for<Ds...>{});
    return *this;
  }
};

/// `leibniz::tie(gW1, gb1, gW2, gb2) = G(...)`: a gradient by vectors and matrices
/// written into existing Eigen matrices (and numbers), in the order of the variables.
///
///     Eigen::MatrixXd gA;  Eigen::VectorXd gw;
///     leibniz::tie(gA, gw) = leibniz::gradient(squared_norm(A * w - y), A, w)(A = a, w = v, y = t);
template <class... Ds>
requires((detail::MatrixValue<Ds> || std::is_arithmetic_v<Ds>)&&... &&
         (detail::MatrixValue<Ds> || ...)) tied_matrices<Ds...> tie(Ds&... destinations) {
  return {std::tuple<Ds&...>(destinations...)};
}

}  // namespace leibniz

template <class T, class... Vs>
struct std::tuple_size<leibniz::matrix_gradient_values<T, Vs...>> : std::integral_constant<std::size_t, sizeof...(Vs)> {
};
template <std::size_t I, class T, class... Vs>
struct std::tuple_element<I, leibniz::matrix_gradient_values<T, Vs...>> {
  using type = std::tuple_element_t<I, std::tuple<leibniz::detail::derivative_value_t<T, Vs>...>>;
};
template <class T, class Sched, class Vars, class Entries, class... Bs>
struct std::tuple_size<leibniz::detail::pending_matrix_gradient<T, Sched, Vars, Entries, Bs...>>
    : std::integral_constant<std::size_t, Vars::size> {};
template <std::size_t I, class T, class Sched, class Vars, class Entries, class... Bs>
struct std::tuple_element<I, leibniz::detail::pending_matrix_gradient<T, Sched, Vars, Entries, Bs...>> {
  using type = std::tuple_element_t<
      I, typename leibniz::detail::pending_matrix_gradient<T, Sched, Vars, Entries, Bs...>::values_type>;
};

LEIBNIZ_HEADER_END
