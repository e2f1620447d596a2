// leibniz/detail/check_report.hpp — the checker's options, its verdict on one entry
// (the pass criterion), and the report with its table. Part of check.hpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iomanip>
#include <limits>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "check_stencil.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN
LEIBNIZ_TEXT_CODE_BEGIN

namespace leibniz {

/// How the checker compares: tolerances, stencil, step, and the random directions.
/// Every field has a default that suits double and float; set only what you need.
///
///     leibniz::check_options o;
///     o.method = leibniz::check_method::central;   o.rtol = 1e-5;
///     auto r = leibniz::check_gradient(f, x = 1.0, o);
struct check_options {
  /// Relative tolerance; unset: 1e-6 for double and long double, 1e-4 if any value is float.
  std::optional<double> rtol;
  /// Absolute tolerance, 0 by default: an entry's own rounding bound already covers
  /// gradients that are zero, so that small gradients (1e-9) are still checked.
  double atol = 0;
  /// The finite-difference stencil.
  check_method method = check_method::sixth_order;
  /// A fixed step instead of the search (0: automatic, chosen per coordinate).
  double step = 0;
  /// Seed of the random directions (a 64-bit generator; the same seed, the same directions).
  std::uint64_t seed = 0x1e1b17;
  /// Callables only: 0 checks every coordinate; k > 0 checks grad . v (or J v) along k
  /// random unit vectors v, one finite difference each (cheap for large n).
  int directions = 0;
  /// The largest relative disagreement between the estimates at h and 2h (beyond
  /// rounding) for a finite difference to count as converged; a kink or a
  /// discontinuity inside the stencil fails instead of passing on a meaningless number.
  double convergence = 1e-4;
};

/// One compared number: a partial derivative (or a Jacobian, Hessian or directional
/// entry), its analytic and numeric values, the errors, and the verdict.
///
///     const leibniz::check_entry& e = report.worst();   // e.label == "df/dx", e.passed ...
struct check_entry {
  std::string label;     ///< "df/dx", "df/dx[3]" (array element 3), "g[2]", "J[1][0]", "g.v[0]", ...
  double analytic = 0;   ///< the gradient being checked
  double numeric = 0;    ///< the finite-difference estimate
  double abs_error = 0;  ///< |analytic - numeric|
  double rel_error = 0;  ///< abs_error / max(|analytic|, |numeric|) (0 if both are 0)
  double allowed = 0;    ///< the largest abs_error that passes: atol + rtol max(|a|,|n|) + fd_error
  double fd_error = 0;   ///< estimated error of `numeric`: |D(h) - D(2h)| + rounding bound
  double step = 0;       ///< the step h of the finite difference used
  double badness = 0;    ///< max(abs_error / allowed, disagreement / convergence limit); <= 1 passes
  bool passed = false;
  std::string reason;  ///< "ok", "mismatch", "not finite", "no convergence"
};

/// What a check found: one entry per compared number, `ok()`, the worst entry, and a
/// table when streamed. A non-finite value on either side is a failed entry.
///
///     auto r = leibniz::check_gradient(f, x = 1.0, y = 2.0);
///     if (!r.ok()) std::cerr << r;   // the table, the worst entry first in the summary
class check_report {
 public:
  std::string title;   ///< what was checked, at which point
  std::string method;  ///< the stencil and the step rule
  double rtol = 0, atol = 0;
  std::vector<check_entry> entries;
  std::size_t max_rows = 24;  ///< streamed tables longer than this show failures and the worst only

  /// True if every entry passed (and, vacuously, if there was nothing to check).
  bool ok() const {
    return std::all_of(entries.begin(), entries.end(), [](const check_entry& e) { return e.passed; });
  }
  std::size_t failures() const {
    return static_cast<std::size_t>(
        std::count_if(entries.begin(), entries.end(), [](const check_entry& e) { return !e.passed; }));
  }
  /// The entry with the largest badness (a failure if there is one); an empty entry if
  /// nothing was checked.
  const check_entry& worst() const {
    static const check_entry none{"(nothing checked)", 0, 0, 0, 0, 0, 0, 0, 0, true, "ok"};
    if (entries.empty())
      return none;
    return *std::max_element(entries.begin(), entries.end(), [](const check_entry& a, const check_entry& b) {
      return std::make_pair(!a.passed, a.badness) < std::make_pair(!b.passed, b.badness);
    });
  }

  friend std::ostream& operator<<(std::ostream& out, const check_report& r) {
    out << r.title << '\n'
        << "method: " << r.method << '\n'
        << "pass:   |analytic - numeric| <= atol + rtol * max(|analytic|, |numeric|) + fd error"
        << "  (rtol = " << r.rtol << ", atol = " << r.atol << ")\n";
    std::vector<const check_entry*> rows;
    for (const auto& e : r.entries) rows.push_back(&e);
    const bool cut = rows.size() > r.max_rows;
    if (cut) {
      rows.clear();
      const check_entry* w = &r.worst();
      for (const auto& e : r.entries)
        if ((!e.passed || &e == w) && rows.size() < r.max_rows)
          rows.push_back(&e);
      if (std::find(rows.begin(), rows.end(), w) == rows.end())
        rows.push_back(w);
    }
    auto number = [](double v, int digits, bool sci) {
      std::ostringstream s;
      if (sci)
        s << std::scientific;
      s << std::setprecision(digits) << v;
      return s.str();
    };
    const std::vector<std::string> head{"entry",     "analytic", "numeric", "abs error",
                                        "rel error", "allowed",  "step",    "result"};
    std::vector<std::vector<std::string>> table{head};
    for (const check_entry* e : rows)
      table.push_back({e->label, number(e->analytic, 12, false), number(e->numeric, 12, false),
                       number(e->abs_error, 1, true), number(e->rel_error, 1, true), number(e->allowed, 1, true),
                       number(e->step, 1, true), e->passed ? "ok" : "FAIL (" + e->reason + ")"});
    std::vector<std::size_t> width(head.size(), 0);
    for (const auto& row : table)
      for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
    for (const auto& row : table) {
      out << ' ';
      for (std::size_t c = 0; c < row.size(); ++c) {
        // Labels and verdicts left-aligned, numbers right-aligned.
        const bool left = c == 0 || c + 1 == row.size();
        out << ' ' << (left ? std::left : std::right) << std::setw(static_cast<int>(c + 1 == row.size() ? 0 : width[c]))
            << row[c];
      }
      out << std::right << '\n';
    }
    if (cut)
      out << "  (" << r.entries.size() - rows.size() << " passing entries not shown)\n";
    const std::size_t failed = r.failures();
    out << r.entries.size() << (r.entries.size() == 1 ? " entry" : " entries") << " checked, ";
    if (failed == 0)
      out << "all passed";
    else
      out << failed << " FAILED";
    if (!r.entries.empty()) {
      const check_entry& w = r.worst();
      out << "; worst: " << w.label << " (rel error " << number(w.rel_error, 1, true) << ", "
          << number(w.badness, 2, false) << " x allowed)";
    }
    return out << '\n';
  }
};

namespace detail {

/// The default relative tolerance for values computed in T.
template <class T>
constexpr double default_rtol() {
  return sizeof(T) <= sizeof(float) ? 1e-4 : 1e-6;
}

/// The verdict on one entry. An entry passes if and only if
///   1. analytic and numeric are finite, and the finite difference converged:
///      |D(h) - D(2h)| <= convergence * |n| + atol + 2 * rounding bound, and
///   2. |a - n| <= atol + rtol * max(|a|, |n|) + fd_error,
///      fd_error = |D(h) - D(2h)| + rounding bound (the estimated error of n).
template <class T>
check_entry judge(std::string label, double analytic, const fd_component<T>& n, double rtol, double atol,
                  double convergence) {
  check_entry e;
  e.label = std::move(label);
  e.analytic = analytic;
  e.numeric = static_cast<double>(n.derivative);
  e.step = static_cast<double>(n.step);
  e.abs_error = std::abs(e.analytic - e.numeric);
  const double scale = std::max(std::abs(e.analytic), std::abs(e.numeric));
  e.rel_error = scale > 0 ? e.abs_error / scale : 0.0;
  const double truncation = static_cast<double>(n.truncation), rounding = static_cast<double>(n.rounding);
  e.fd_error = truncation + rounding;
  e.allowed = atol + rtol * scale + e.fd_error;
  const double converged_limit = convergence * std::abs(e.numeric) + atol + 2 * rounding;
  if (!std::isfinite(e.analytic) || !std::isfinite(e.numeric)) {
    e.badness = std::numeric_limits<double>::infinity();
    e.reason = "not finite";
  } else if (!(truncation <= converged_limit)) {
    e.badness = std::isfinite(truncation) ? std::max(truncation / converged_limit, 1.0 + 1e-9)
                                          : std::numeric_limits<double>::infinity();
    e.reason = "no convergence";
  } else {
    e.badness = e.abs_error == 0 ? 0.0 : e.abs_error / e.allowed;
    e.reason = e.badness <= 1 ? "ok" : "mismatch";
  }
  e.passed = e.reason == "ok";
  return e;
}

/// A number printed short, for titles: "1", "0.25", "1e-06".
inline std::string short_number(double v) {
  std::ostringstream s;
  s << std::setprecision(6) << v;
  return s.str();
}

}  // namespace detail
}  // namespace leibniz

LEIBNIZ_TEXT_CODE_END
LEIBNIZ_HEADER_END
