// leibniz/matrix/variable.hpp — vector and matrix variables: `vec<"x">`, `mat<"A", 3, 4>`.
//
// A vector or matrix variable is one node whatever its size: a 784 x 128 weight matrix
// costs the compiler what a scalar does. Its sizes are static when written in the type,
// else taken from the Eigen matrix it is bound to.
#pragma once

#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>

#include "../detail/pack.hpp"
#include "../expression.hpp"
#include "../shape.hpp"
#include "../variable.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {
/// An Eigen matrix or vector (an `Eigen::MatrixBase`, not an array): it has sizes and
/// `.array()` but no entrywise `.square()`. What a vector or matrix variable is bound to.
template <class T>
concept MatrixValue = requires(const T& t) {
  typename T::Scalar;
  t.rows();
  t.cols();
  t.array();
}
&&!requires(const T& t) {
  t.square();
};  // an Eigen array is many points (eigen.hpp), not a matrix

// The failing conditions below name the variable in the compiler's message:
// `matrix_variable_needs_a_matrix<fixed_string<2>{"W"}>::value` evaluates to false.
template <fixed_string Name>
struct matrix_variable_needs_a_matrix {
  static constexpr bool value = false;
};
template <fixed_string Name>
struct matrix_variable_size_differs {
  static constexpr bool value = false;
};
}  // namespace detail

/// A vector or matrix variable `Rows x Cols` (`dynamic_size` for a size taken from the
/// binding). Write it `vec<"x">`, `vec<"x", N>`, `mat<"A">` or `mat<"A", M, N>`; bind
/// it to any Eigen matrix: `A = Eigen::MatrixXd(...)`.
///
///     constexpr auto A = leibniz::mat<"A">;   constexpr auto x = leibniz::vec<"x">;
///     Eigen::VectorXd y = (A * x)(A = a, x = v);
template <fixed_string Name, int Rows, int Cols>
struct matrix_variable : node<matrix_variable<Name, Rows, Cols>> {
  static constexpr node_kind kind = node_kind::variable;
  static constexpr auto name = Name;
  static constexpr bool is_static = true;
  static constexpr shape static_shape{Rows, Cols, false};
  static constexpr std::uint64_t hash =
      detail::hash_mix(detail::hash_text(detail::hash_seed + 4, Name.data, Name.size()),
                       std::uint64_t(std::int64_t(Rows) * 65537 + std::int64_t(Cols) + 3));
  static constexpr std::size_t tree_size = 1;
  template <fixed_string Other>
  static constexpr bool depends_on = Other == Name;

  // A matrix given by name is referred to, not copied; a temporary is moved into the
  // binding (which shares it among its copies), or `auto g = G(W = make_matrix())`, whose
  // gradient is evaluated when first read, would dangle.
  template <class T>
  requires(!Expression<std::remove_cvref_t<T>>) constexpr auto operator=(T&& value) const {
    using U = std::remove_cvref_t<T>;
    return bind<U>(std::forward<T>(value));
  }

 private:
  template <class T, class V>
  static constexpr auto bind(V&& value) {
    static_assert(detail::MatrixValue<T> || detail::matrix_variable_needs_a_matrix<Name>::value,
                  "leibniz: a vector or matrix variable (vec<...>, mat<...>) is bound to an Eigen matrix or "
                  "vector (Eigen::MatrixBase), not to a number or an array; declare a scalar with var<...> "
                  "(the compiler shows the variable in matrix_variable_needs_a_matrix<...>)");
    if constexpr (detail::MatrixValue<T>) {
      constexpr int rows_at_compile_time = T::RowsAtCompileTime, cols_at_compile_time = T::ColsAtCompileTime;
      static_assert(
          ((Rows == dynamic_size || rows_at_compile_time < 0 || rows_at_compile_time == Rows) &&
           (Cols == dynamic_size || cols_at_compile_time < 0 || cols_at_compile_time == Cols)) ||
              detail::matrix_variable_size_differs<Name>::value,
          "leibniz: the Eigen matrix bound to a vector or matrix variable has other static sizes "
          "than the variable declares (the compiler shows the variable in matrix_variable_size_differs<...>)");
      if constexpr (std::is_lvalue_reference_v<V>)
        return binding<Name, T>(value);
      else
        return binding<Name, T>(std::make_shared<const T>(std::forward<V>(value)));
    } else {
      return binding<Name, double>{0.0};  // after the message above, without a cascade of further errors
    }
  }
};

/// A column vector variable, its length static (`vec<"b", 10>`) or taken from the binding
/// (`vec<"b">`).
///
///     constexpr auto w = leibniz::vec<"w">;   auto f = squared_norm(A * w - y);
template <fixed_string Name, int N = dynamic_size>
inline constexpr matrix_variable<Name, N, 1> vec{};

/// A matrix variable, its sizes static (`mat<"W", 10, 64>`) or taken from the binding
/// (`mat<"W">`).
///
///     constexpr auto W = leibniz::mat<"W", 10, 64>;   auto z = W * x;
template <fixed_string Name, int Rows = dynamic_size, int Cols = dynamic_size>
inline constexpr matrix_variable<Name, Rows, Cols> mat{};

}  // namespace leibniz

LEIBNIZ_HEADER_END
