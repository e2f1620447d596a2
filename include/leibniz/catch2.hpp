// leibniz/catch2.hpp — Catch2 (2.x) matchers for the gradient checker, so that a
// user's own tests read
//
//     REQUIRE_THAT(f, leibniz::GradientMatchesFiniteDifferences(x = 1.0, y = 2.0));
//
// and fail with the checker's table as the message. Not included by leibniz.hpp: it
// needs <catch2/catch.hpp>, which only test programs have.
#pragma once

#include <sstream>
#include <string>
#include <tuple>
#include <utility>

#include <catch2/catch.hpp>

#include "check.hpp"

namespace leibniz {

namespace detail {

/// Matches any leibniz expression whose derivatives of order `Order` (1: gradient, 2:
/// Hessian) agree with finite differences at the stored bindings. Catch2's
/// REQUIRE_THAT calls `match` (a template: one matcher serves every expression type),
/// then copies the matcher and asks it to describe itself: the report is kept for that.
template <int Order, class... Args>
class derivative_matcher : public Catch::Matchers::Impl::MatcherUntypedBase {
 public:
  explicit derivative_matcher(const Args&... args) : args_(args...) {}

  template <class E>
  requires Expression<E>
  bool match(const E& f) const {
    const check_report report = std::apply(
        [&](const auto&... a) {
          if constexpr (Order == 1)
            return check_gradient(f, a...);
          else
            return check_hessian(f, a...);
        },
        args_);
    std::ostringstream text;
    text << report;
    report_ = text.str();
    return report.ok();
  }

  std::string describe() const override {
    const char* what = Order == 1 ? "gradient" : "Hessian";
    if (report_.empty())
      return std::string("has a ") + what + " that matches finite differences";
    return std::string("has a ") + what + " that matches finite differences:\n" + report_;
  }

 private:
  std::tuple<Args...> args_;  // bindings (arrays by reference: they outlive the assertion) and options
  mutable std::string report_;
};

}  // namespace detail

/// A Catch2 matcher: the expression's gradient (every `d(f, x)` by a bound variable)
/// agrees with finite differences at the bindings; on failure Catch2 prints the
/// checker's table. Takes what check_gradient takes after `f`, options included.
///
///     REQUIRE_THAT(sin(x) * y, leibniz::GradientMatchesFiniteDifferences(x = 1.0, y = 2.0));
template <class... Args>
detail::derivative_matcher<1, Args...> GradientMatchesFiniteDifferences(const Args&... args) {
  return detail::derivative_matcher<1, Args...>(args...);
}

/// A Catch2 matcher: the expression's Hessian (every `d(f, x, y)`) agrees with finite
/// differences of its first derivatives at the bindings.
///
///     REQUIRE_THAT(exp(x * y), leibniz::HessianMatchesFiniteDifferences(x = 0.5, y = 2.0));
template <class... Args>
detail::derivative_matcher<2, Args...> HessianMatchesFiniteDifferences(const Args&... args) {
  return detail::derivative_matcher<2, Args...>(args...);
}

}  // namespace leibniz
