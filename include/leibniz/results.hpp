// leibniz/results.hpp — the values a derivative set gives: g[x], H[x][y], J[i][x], v[i].
//
// Each result is indexed by the variables it was taken by, or by position (`g[0]`,
// `get<0>(g)`, structured bindings). Its layout (shape) says how the entries of a
// derivative set fill it.
#pragma once

#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include "variable.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {

// ------------------------------------------------------------------ result values

template <fixed_string Name, class... Vs>
struct variable_is_not_in_this_result {
  static constexpr bool value = false;
};

template <fixed_string Name, class... Vs>
constexpr std::size_t index_of_variable() {
  constexpr std::size_t i = index_in_list<name_tag<Name>, name_tag<Vs::name>...>::value;
  static_assert(i < sizeof...(Vs) || variable_is_not_in_this_result<Name, Vs...>::value,
                "leibniz: this result has no entry for the variable (the compiler shows its name in "
                "variable_is_not_in_this_result<...>); index it by one of the variables it was taken by");
  return i < sizeof...(Vs) ? i : 0;
}

}  // namespace detail

namespace detail {
/// N values read by position: `v[0]`, `get<I>()`, and so structured bindings. Reading
/// from an rvalue moves the value out (`G(x = X)[0]` takes the array, copying nothing),
/// and gives it by value, so that a reference to it cannot outlive the result.
template <class T, std::size_t N>
struct positional_values {
  std::array<T, N> entries{};

  constexpr T& operator[](std::size_t i) & { return entries[i]; }
  constexpr const T& operator[](std::size_t i) const& { return entries[i]; }
  constexpr T operator[](std::size_t i) && { return std::move(entries[i]); }

  static constexpr std::size_t size() { return N; }
  template <std::size_t I>
  constexpr T& get() & {
    return entries[I];
  }
  template <std::size_t I>
  constexpr const T& get() const& {
    return entries[I];
  }
  template <std::size_t I>
  constexpr T get() && {
    return std::move(entries[I]);
  }
};
}  // namespace detail

/// The values of several partial derivatives, one per variable, indexed by the
/// variable (`g[x]`) or by position (`g[0]`, `get<0>(g)`, structured bindings). T is a
/// number type or an Eigen array.
///
///     auto [gx, gy] = leibniz::gradient(x * y, x, y)(x = 2.0, y = 3.0);   // 3, 2
template <class T, class... Vs>
struct gradient_values : detail::positional_values<T, sizeof...(Vs)> {
  using detail::positional_values<T, sizeof...(Vs)>::operator[];
  template <fixed_string Name>
  constexpr T& operator[](variable<Name>) & {
    return this->entries[detail::index_of_variable<Name, Vs...>()];
  }
  template <fixed_string Name>
  constexpr const T& operator[](variable<Name>) const& {
    return this->entries[detail::index_of_variable<Name, Vs...>()];
  }
  template <fixed_string Name>
  constexpr T operator[](variable<Name>) && {
    return std::move(this->entries[detail::index_of_variable<Name, Vs...>()]);
  }
};

/// The second derivatives by each pair of variables, `H[x][y]`; symmetric.
///
///     auto H = leibniz::hessian(x * x * y, x, y)(x = 1.0, y = 2.0);   // H[x][y] == 2
template <class T, class... Vs>
struct hessian_values {
  std::array<gradient_values<T, Vs...>, sizeof...(Vs)> rows{};

  template <fixed_string Name>
  constexpr const gradient_values<T, Vs...>& operator[](variable<Name>) const& {
    return rows[detail::index_of_variable<Name, Vs...>()];
  }
  template <fixed_string Name>
  constexpr gradient_values<T, Vs...> operator[](variable<Name>) && {
    return std::move(rows[detail::index_of_variable<Name, Vs...>()]);
  }
  static constexpr std::size_t size() { return sizeof...(Vs); }
  template <std::size_t I>
  constexpr const gradient_values<T, Vs...>& get() const& {
    return rows[I];
  }
  template <std::size_t I>
  constexpr gradient_values<T, Vs...> get() && {
    return std::move(rows[I]);
  }
};

/// The partial derivatives of M outputs by each variable, `J[i][x]`.
///
///     auto J = leibniz::jacobian(std::tuple{x * y, x + y}, x, y)(x = 1.0, y = 2.0);   // J[0][x] == 2
template <class T, std::size_t M, class... Vs>
struct jacobian_values {
  std::array<gradient_values<T, Vs...>, M> rows{};

  constexpr const gradient_values<T, Vs...>& operator[](std::size_t i) const& { return rows[i]; }
  constexpr gradient_values<T, Vs...> operator[](std::size_t i) && { return std::move(rows[i]); }
  static constexpr std::size_t size() { return M; }
  template <std::size_t I>
  constexpr const gradient_values<T, Vs...>& get() const& {
    return rows[I];
  }
  template <std::size_t I>
  constexpr gradient_values<T, Vs...> get() && {
    return std::move(rows[I]);
  }
};

/// The values of several expressions evaluated together, by position: `v[0]`,
/// `get<0>(v)` or structured bindings (what `outputs(f, g, ...)` gives).
///
///     auto [value, slope] = leibniz::outputs(x * x, 2_c * x)(x = 3.0);   // 9, 6
template <class T, std::size_t N>
struct output_values : detail::positional_values<T, N> {};

template <std::size_t I, class T, class... Vs>
constexpr decltype(auto) get(const gradient_values<T, Vs...>& g) {
  return g.template get<I>();
}
template <std::size_t I, class T, class... Vs>
constexpr decltype(auto) get(gradient_values<T, Vs...>& g) {
  return g.template get<I>();
}

namespace detail {

// ------------------------------------------------------------------ shapes

/// How the entries of a derivative set are laid out in its result. A result has
/// `slots` values; slot s holds entry `entry_of_slot(s)` (a Hessian's mirrored slots
/// hold the same entry) and is `slot(values, s)`.
template <class... Vs>
struct gradient_shape {
  static constexpr std::size_t entries = sizeof...(Vs);
  static constexpr std::size_t slots = entries;
  template <class T>
  using values = gradient_values<T, Vs...>;
  static constexpr std::size_t entry_of_slot(std::size_t s) { return s; }
  template <class T>
  static constexpr T& slot(values<T>& v, std::size_t s) {
    return v.entries[s];
  }
};

/// Hessians keep the upper triangle only (row i, column j >= i) and mirror it.
template <class... Vs>
struct hessian_shape {
  static constexpr std::size_t n = sizeof...(Vs);
  static constexpr std::size_t entries = n * (n + 1) / 2;
  static constexpr std::size_t slots = n * n;
  static constexpr std::size_t entry_of(std::size_t i, std::size_t j) {
    if (j < i)
      std::swap(i, j);
    return i * n - i * (i - 1) / 2 + (j - i);
  }
  template <class T>
  using values = hessian_values<T, Vs...>;
  static constexpr std::size_t entry_of_slot(std::size_t s) { return entry_of(s / n, s % n); }
  template <class T>
  static constexpr T& slot(values<T>& v, std::size_t s) {
    return v.rows[s / n].entries[s % n];
  }
};

template <std::size_t M, class... Vs>
struct jacobian_shape {
  static constexpr std::size_t entries = M * sizeof...(Vs);
  static constexpr std::size_t slots = entries;
  template <class T>
  using values = jacobian_values<T, M, Vs...>;
  static constexpr std::size_t entry_of_slot(std::size_t s) { return s; }
  template <class T>
  static constexpr T& slot(values<T>& v, std::size_t s) {
    return v.rows[s / sizeof...(Vs)].entries[s % sizeof...(Vs)];
  }
};

template <std::size_t N>
struct list_shape {
  static constexpr std::size_t entries = N;
  static constexpr std::size_t slots = N;
  template <class T>
  using values = output_values<T, N>;
  static constexpr std::size_t entry_of_slot(std::size_t s) { return s; }
  template <class T>
  static constexpr T& slot(values<T>& v, std::size_t s) {
    return v.entries[s];
  }
};

/// Fills every slot of a result of Shape with `entry(k)`, the value of its entry k.
template <class Shape, class Values, class Get>
constexpr void fill(Values& out, Get&& entry) {
  for (std::size_t s = 0; s < Shape::slots; ++s) Shape::slot(out, s) = entry(Shape::entry_of_slot(s));
}

}  // namespace detail

}  // namespace leibniz

template <class T, std::size_t N>
struct std::tuple_size<leibniz::output_values<T, N>> : std::integral_constant<std::size_t, N> {};
template <std::size_t I, class T, std::size_t N>
struct std::tuple_element<I, leibniz::output_values<T, N>> {
  using type = T;
};
template <class T, class... Vs>
struct std::tuple_size<leibniz::gradient_values<T, Vs...>> : std::integral_constant<std::size_t, sizeof...(Vs)> {};
template <std::size_t I, class T, class... Vs>
struct std::tuple_element<I, leibniz::gradient_values<T, Vs...>> {
  using type = T;
};

LEIBNIZ_HEADER_END
