// leibniz/detail/check_stencil.hpp — the checker's numeric core: finite-difference
// stencils, the first step, and the step search that estimates its own error.
//
// Everything here only calls a function phi(t) = f(x + t v) along one line; it knows
// nothing of leibniz expressions, so it judges any gradient the same way.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <vector>

#include <Eigen/Core>
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The finite-difference stencil the checker uses; each is a central difference whose
/// number is its order of accuracy (error O(h^order)). `sixth_order` (7 points, as
/// Stan's finite_diff_gradient) is the default: the most accurate at a given cost of
/// the search, and tolerant of a large first step.
///
///     leibniz::check_options o;  o.method = leibniz::check_method::central;
enum class check_method {
  central = 2,       ///< (f(x+h) - f(x-h)) / 2h, 2 evaluations per step
  fourth_order = 4,  ///< 5-point stencil, 4 evaluations per step
  sixth_order = 6,   ///< 7-point stencil, 6 evaluations per step
};

namespace detail {

/// D(h) = sum_j weight[j] (f(x + (j+1) h) - f(x - (j+1) h)) / (divisor h).
struct stencil {
  int order;
  int points;  // on each side
  std::array<double, 3> weight;
  double divisor;

  /// The sum of |coefficients|: how much rounding in the values of f is amplified.
  constexpr double noise_gain() const {
    double sum = 0;
    for (int j = 0; j < points; ++j) sum += 2 * (weight[j] < 0 ? -weight[j] : weight[j]);
    return sum / divisor;
  }
};

constexpr stencil stencil_for(check_method m) {
  switch (m) {
    case check_method::central:
      return {2, 1, {1, 0, 0}, 2};
    case check_method::fourth_order:
      return {4, 2, {8, -1, 0}, 12};
    default:
      return {6, 3, {45, -9, 1}, 60};
  }
}

constexpr const char* method_name(check_method m) {
  switch (m) {
    case check_method::central:
      return "central difference (2nd order, 2 points)";
    case check_method::fourth_order:
      return "central difference (4th order, 5 points)";
    default:
      return "central difference (6th order, 7 points)";
  }
}

/// The first step for a coordinate x: eps^(1/(order+1)) s balances rounding
/// (eps |f| / h) against truncation (h^order) for a function that changes on the
/// length scale s. The scale is s = |x| for 0 < |x| <= 1 (1 / x near 1e-3 changes on
/// the scale of x) and s = 1 otherwise: for large |x| a step too small only costs
/// rounding, which the search sees and undoes by doubling, while a step as large as
/// |x| can step over whole periods of sin(x) at x = 1e6 and alias. The step is
/// rounded to a power of two, so that x + h and the halved and doubled steps of the
/// search are exact in binary floating point as far as possible.
template <class T>
T first_step(T x, int order) {
  const T eps = std::numeric_limits<T>::epsilon();
  const T magnitude = std::abs(x);
  const T scale = magnitude > T(0) && magnitude < T(1) ? magnitude : T(1);
  const T raw = std::pow(eps, T(1) / T(order + 1)) * scale;
  return std::exp2(std::round(std::log2(raw)));
}

/// What the search found for one component of phi's value.
template <class T>
struct fd_component {
  T derivative = std::numeric_limits<T>::quiet_NaN();
  T truncation = std::numeric_limits<T>::infinity();  // max(|D(h) - D(2h)|, |D(2h) - D(4h)| / 2^p)
  T rounding = std::numeric_limits<T>::infinity();    // bound on rounding in f and in x + h
  T step = 0;
  T error() const { return truncation + rounding; }
};

template <class T>
using column = Eigen::Array<T, Eigen::Dynamic, 1>;

/// How the search runs.
struct search_settings {
  check_method method = check_method::sixth_order;
  double fixed_step = 0;      // > 0: use this step (and twice it for the error estimate), no search
  int max_levels = 56;        // smaller steps tried, at most (each halves the previous)
  int max_levels_up = 20;     // larger steps tried, at most (each doubles the previous)
  int patience = 3;           // levels without improvement before a settled search stops
  double convergence = 1e-4;  // relative disagreement of D(h) and D(2h) that counts as converged
};

/// Estimates phi'(0) for every component of phi(t) (an Eigen column), where phi(t) =
/// f(x + t v): the derivative along one line. The step h0 is tried first; then the
/// search halves it (or doubles it, if rounding dominates) while the estimated error
/// decreases, and keeps for each component the step with the least estimated error.
/// The estimated error of D(h) is max(|D(h) - D(2h)|, |D(2h) - D(4h)| / 2^p) (what a
/// Richardson step would remove; for an order-p stencil it exceeds the true truncation
/// error by about 2^p - 1; the second term, equal to the first where the stencil's
/// error behaves as h^p, keeps two noisy estimates that agree by chance from passing
/// as converged) plus a bound on rounding: 4 (eps noise_gain max|f| + x_eps |x| |D|) / h,
/// rounding in the values of f and in the abscissae x + jh (x_eps: of x's type).
/// The search stops early once every component's error is below `target` (a quarter
/// of the tolerance it will be judged by) or agrees exactly with `analytic`.
template <class T, class Phi>
std::vector<fd_component<T>> differentiate(Phi&& phi, T h0, T x_magnitude, T x_eps, const column<T>& analytic,
                                           const column<T>& target, const search_settings& settings) {
  const stencil s = stencil_for(settings.method);
  const T eps = std::numeric_limits<T>::epsilon();
  struct level {
    T h;
    column<T> d, rounding;
  };
  auto compute = [&](T h) {
    column<T> sum, magnitude;
    for (int j = 0; j < s.points; ++j) {
      const column<T> up = phi(T(j + 1) * h), down = phi(-T(j + 1) * h);
      if (j == 0) {
        sum = T(s.weight[0]) * (up - down);
        magnitude = up.abs().max(down.abs());
      } else {
        sum += T(s.weight[j]) * (up - down);
        magnitude = magnitude.max(up.abs()).max(down.abs());
      }
    }
    level l{h, sum / (T(s.divisor) * h), {}};
    l.rounding = T(4) * (eps * T(s.noise_gain()) * magnitude + x_eps * x_magnitude * l.d.abs()) / h;
    return l;
  };
  const auto n = target.size();
  std::vector<fd_component<T>> best(static_cast<std::size_t>(n));
  // Level k has step h0 * 2^k; the error of level k is judged against level k + 1.
  std::map<int, level> levels;
  auto at = [&](int k) -> const level& {
    auto it = levels.find(k);
    if (it == levels.end())
      it = levels.emplace(k, compute(std::ldexp(h0, k))).first;
    return it->second;
  };
  // Scores level k (against k + 1) and keeps, per component, the estimate with the
  // least error. Returns whether the search may stop: `done` when every component is
  // settled and decided (error below its target, or exact agreement), `settled` when
  // every best estimate is trustworthy (relative error below `convergence`, or limited
  // by rounding, which smaller steps only make worse). A search that is not settled
  // goes on even without improvement: far from the function's own scale (sin at x =
  // 1e6 with h ~ |x|) the estimates are noise of size |f| / h, which shrinks with
  // larger h, and only a long descent reaches the scale where they converge.
  struct verdict {
    bool done, settled;
    T worst;
  };
  auto score = [&](int k) {
    const level& fine = at(k);
    const level& coarse = at(k + 1);
    const level& coarser = at(k + 2);
    const T ratio_of_errors = std::ldexp(T(1), s.order);  // D(2h) - D(4h) ~ 2^p (D(h) - D(2h))
    verdict v{true, true, 0};
    for (Eigen::Index c = 0; c < n; ++c) {
      const T disagreement =
          std::max(std::abs(fine.d[c] - coarse.d[c]), std::abs(coarse.d[c] - coarser.d[c]) / ratio_of_errors);
      fd_component<T> e{fine.d[c], disagreement, fine.rounding[c], fine.h};
      auto& b = best[static_cast<std::size_t>(c)];
      if (std::isfinite(e.error()) && std::isfinite(e.derivative) && !(b.error() <= e.error()))
        b = e;
      if (!std::isfinite(b.error()))
        b.derivative = e.derivative;  // nothing finite yet: show what was seen
      const T err = b.error();
      const bool exact = b.truncation == T(0) && b.derivative == analytic[c];
      const bool settled = std::isfinite(err) && (b.truncation <= T(settings.convergence) * std::abs(b.derivative) ||
                                                  b.truncation <= T(2) * b.rounding);
      v.done = v.done && settled && (err <= target[c] || exact);
      v.settled = v.settled && settled;
      const T ratio = err / std::max(target[c], std::numeric_limits<T>::min());
      v.worst = std::isfinite(ratio) ? std::max(v.worst, ratio) : std::numeric_limits<T>::infinity();
    }
    return v;
  };
  if (settings.fixed_step > 0) {
    score(0);
    return best;
  }
  verdict first = score(0);
  if (first.done)
    return best;
  // Which way: if rounding dominates the first estimates, larger steps help.
  bool up = false;
  {
    T rounding = 0, truncation = 0;
    for (const auto& b : best) {
      if (!std::isfinite(b.error()))
        continue;
      rounding += b.rounding;
      truncation += b.truncation;
    }
    up = rounding > truncation;
  }
  T record = first.worst;
  int stale = 0;
  for (int i = 1; i < (up ? settings.max_levels_up : settings.max_levels); ++i) {
    const int k = up ? i : -i;
    const T h = std::ldexp(h0, k);
    // Steps below the resolution of x, or larger than the scale of x, say nothing new.
    if (!up && h <= T(4) * x_eps * x_magnitude)
      break;
    if (!up && h < std::numeric_limits<T>::min() * T(1e3))
      break;
    if (up && !(T(8) * h <= std::max(x_magnitude, T(1))))
      break;  // the stencil stays within x +- 3|x| / 8
    const verdict now = score(k);
    if (now.done)
      break;
    if (now.worst < record) {
      record = now.worst;
      stale = 0;
    } else if (now.settled && ++stale >= settings.patience) {
      break;
    }
  }
  return best;
}

}  // namespace detail
}  // namespace leibniz

LEIBNIZ_HEADER_END
