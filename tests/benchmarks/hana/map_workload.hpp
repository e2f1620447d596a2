// The work of the result-map probes (`G[x]` on a gradient's values), written once over
// the `values<T, Vs...>` type a probe file defines before including it: N values, one
// per variable Vs, written by position (`get<I>()`, as the evaluation fills a result)
// and read by variable (`g[x]`, as a user reads it).
//
// Four distinct results of N variables each (each gradient(f, xs...) call makes one
// type) are filled and every entry read by its variable: 4 N lookups.
#pragma once

#include "common.hpp"

namespace probe {

inline constexpr std::size_t results = 4;

template <std::size_t R>
double result_work(double v) {
  return [&]<std::size_t... J>(std::index_sequence<J...>) {
    // Result R is taken by x<R>, ..., x<R + N - 1>: distinct lists that share names.
    values<double, var<R + J>...> g;
    const double written[] = {0.0, (g.template get<J>() = v * double(J + R))...};
    const double read[] = {written[0], g[var<R + J>{}]...};
    double t = 0;
    for (double x : read) t += x;
    return t;
  }(std::make_index_sequence<n>{});
}

inline double run(double v) {
  return [&]<std::size_t... R>(std::index_sequence<R...>) {
    return (result_work<R>(v) + ...);
  }(std::make_index_sequence<results>{});
}

}  // namespace probe

double probe_entry(double v) { return probe::run(v); }
