// The work of the operand-pack probes, written once over the operations a probe file
// defines before including it (the same calls leibniz makes on detail::pack):
//
//   make(xs...)          a pack of the values xs
//   at<I>(p)             the I-th element (a copy for empty types, a reference otherwise)
//   concat(a, b)         a followed by b
//   unpack(p, f)         f(elements...)
//
// Each of the N nodes builds a pack of 1 to 8 distinct empty operands (like a sum or a
// product), a second pack with a runtime value, concatenates them (like flattening),
// reads every element and the type of one; one further pack of N elements is read
// element by element (like a long sum or a list of bindings). Every result feeds a
// double so that the optimiser (-O2) has the same code to fold in every variant.
#pragma once

#include <type_traits>

#include "common.hpp"

// leibniz needs a pack of empty operands to be an empty class (a static expression is
// an empty object); a variant that cannot give that says so by defining this to 0.
#ifndef PROBE_EMPTY_OPERANDS
#define PROBE_EMPTY_OPERANDS 1
#endif

namespace probe {

template <std::size_t I>
double node_work(double v) {
  constexpr std::size_t k = 1 + I % 8;
  const auto operands = [&]<std::size_t... J>(std::index_sequence<J...>) {
    return make(leaf<I * 8 + J>{}...);
  }(std::make_index_sequence<k>{});
#if PROBE_EMPTY_OPERANDS
  static_assert(std::is_empty_v<std::remove_cvref_t<decltype(operands)>>,
                "operands without runtime values take no space");
#endif
  const auto with_value = make(leaf<100000 + I>{}, runtime{v + double(I)});
  const auto all = concat(operands, with_value);
  double s = unpack(all, [](const auto&... e) {
    const double each[] = {value_of(e)...};
    double t = 0;
    for (double x : each) t += x;
    return t;
  });
  s += at<k + 1>(all).value;
  using first = std::remove_cvref_t<decltype(at<0>(all))>;
  return s + double(first::hash % 7);
}

inline double run(double v) {
  const double nodes = [&]<std::size_t... I>(std::index_sequence<I...>) {
    const double each[] = {0.0, node_work<I>(v)...};
    double t = 0;
    for (double x : each) t += x;
    return t;
  }(std::make_index_sequence<n>{});
  const double long_list = [&]<std::size_t... J>(std::index_sequence<J...>) {
    const auto big = make(runtime{v}, leaf<J>{}...);
    const double each[] = {at<0>(big).value, value_of(at<J + 1>(big))...};
    double t = 0;
    for (double x : each) t += x;
    return t;
  }(std::make_index_sequence<n>{});
  return nodes + long_list;
}

}  // namespace probe

double probe_entry(double v) { return probe::run(v); }
