// Result maps, hand-written: leibniz's gradient_values and detail::index_of_variable
// (include/leibniz/gradient.hpp, copied): a std::array, and the index of a variable
// found by a constexpr loop over a bool array of name comparisons.
#include <array>
#include <cstddef>

#include "common.hpp"

namespace probe {

template <fixed_string Name, class... Vs>
struct variable_is_not_in_this_result {
  static constexpr bool value = false;
};

template <fixed_string Name, class... Vs>
constexpr std::size_t index_of_variable() {
  constexpr std::size_t i = [] {
    constexpr bool match[] = {(Vs::name == Name)..., false};
    std::size_t k = 0;
    while (k < sizeof...(Vs) && !match[k]) ++k;
    return k;
  }();
  static_assert(i < sizeof...(Vs) || variable_is_not_in_this_result<Name, Vs...>::value,
                "this result has no entry for the variable");
  return i < sizeof...(Vs) ? i : 0;
}

template <class T, class... Vs>
struct values {
  std::array<T, sizeof...(Vs)> entries{};
  template <std::size_t I>
  constexpr T& get() {
    return entries[I];
  }
  template <fixed_string Name>
  constexpr T& operator[](variable<Name>) {
    return entries[index_of_variable<Name, Vs...>()];
  }
};

}  // namespace probe

#include "map_workload.hpp"
