// The work of the type-ordering probes (the canonical order of a sum's terms or a
// product's factors, simplify.hpp), written once over what a probe file defines before
// including it:
//
//   classes<Ts...>()     one number per type, equal exactly where the types are equal
//                        (how the plans find like terms)
//   sorted_t<Ts...>      the types stably sorted by their hash, after checking that no two
//                        different types have the same hash; first_t<...> its first type
//
// Each of the N nodes orders a list of 2 to 9 distinct operand types plus a repeat of
// its first (like terms that merge); one further list of N types is ordered too.
#pragma once

#include "common.hpp"

namespace probe {

template <class... Ts>
double list_work() {
  constexpr auto keys = classes<Ts...>();
  double t = 0;
  for (auto k : keys) t += double(k);
  return t + double(first_t<sorted_t<Ts...>>::hash % 7);
}

template <std::size_t I>
double node_work() {
  return [&]<std::size_t... J>(std::index_sequence<J...>) {
    return list_work<leaf<I * 16 + J>..., leaf<I * 16>>();
  }(std::make_index_sequence<2 + I % 8>{});
}

inline double run(double v) {
  const double nodes = [&]<std::size_t... I>(std::index_sequence<I...>) {
    const double each[] = {0.0, node_work<I>()...};
    double t = 0;
    for (double x : each) t += x;
    return t;
  }(std::make_index_sequence<n>{});
  const double long_list = [&]<std::size_t... J>(std::index_sequence<J...>) {
    return list_work<leaf<100000 + J>..., leaf<100000>>();
  }(std::make_index_sequence<n>{});
  return v * (nodes + long_list);
}

}  // namespace probe

double probe_entry(double v) { return probe::run(v); }
