// The Catch2 matchers (catch2.hpp): REQUIRE_THAT reads as a sentence and, on failure,
// carries the checker's table as its message.
#include <catch2/catch.hpp>

#include <string>

#include <Eigen/Core>
#include <leibniz/catch2.hpp>
#include <leibniz/leibniz.hpp>

using namespace leibniz::literals;

namespace {
constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;
}  // namespace

TEST_CASE("GradientMatchesFiniteDifferences passes correct gradients of any expression", "[check][catch2]") {
  REQUIRE_THAT(sin(x) + x * y, leibniz::GradientMatchesFiniteDifferences(x = 1.0, y = 2.0));
  REQUIRE_THAT(exp(10_c * x) / y, leibniz::GradientMatchesFiniteDifferences(x = 0.5, y = 3.0));
  const auto with_runtime_constant = 2.5 * x * x;
  REQUIRE_THAT(with_runtime_constant, leibniz::GradientMatchesFiniteDifferences(x = -4.0));
  Eigen::ArrayXd X = Eigen::ArrayXd::LinSpaced(16, 0.1, 2.0);
  REQUIRE_THAT(log(x) * y, leibniz::GradientMatchesFiniteDifferences(x = X, y = 2.0));
  leibniz::check_options o;
  o.method = leibniz::check_method::fourth_order;
  REQUIRE_THAT(x * y, leibniz::GradientMatchesFiniteDifferences(x = 1.0, y = 2.0, o));
  REQUIRE_THAT(exp(x * y), leibniz::HessianMatchesFiniteDifferences(x = 0.5, y = 2.0));
}

TEST_CASE("a failing match describes itself with the report", "[check][catch2]") {
  // A kink: relu'(0) = 0 by convention, the finite difference says 1/2.
  const auto matcher = leibniz::GradientMatchesFiniteDifferences(x = 0.0);
  CHECK_FALSE(matcher.match(relu(x)));
  const std::string message = matcher.toString();
  CHECK(message.find("has a gradient that matches finite differences:") == 0);
  CHECK(message.find("df/dx") != std::string::npos);
  CHECK(message.find("FAIL (mismatch)") != std::string::npos);
  CHECK(message.find("1 entry checked, 1 FAILED") != std::string::npos);
  // Before a match, the description is the sentence alone.
  CHECK(leibniz::HessianMatchesFiniteDifferences(x = 1.0).toString() ==
        "has a Hessian that matches finite differences");
}
