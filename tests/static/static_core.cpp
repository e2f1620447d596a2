// tests/static/static_core.cpp — <leibniz/core.hpp> is the scalar library without Eigen:
// it must not include Eigen, and it must still differentiate, evaluate and print.
#include <leibniz/core.hpp>

#if defined(EIGEN_CORE_H) || defined(EIGEN_CORE_MODULE_H)
#error "leibniz/core.hpp includes Eigen; a scalar-only user should not pay for it"
#endif

namespace {
using namespace leibniz::literals;
constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;

static_assert(leibniz::d(sin(x) + x * y, x) == cos(x) + y);
static_assert(leibniz::d(erf(x), x) == 2_c * exp(-square(x)) / sqrt(leibniz::pi));
static_assert(leibniz::eval(x * y, x = 2.0, y = 3.0) == 6.0);
static_assert(c<6, 4> == c<3, 2>);  // c comes with the literals
static_assert(leibniz::node_count(leibniz::gradient(x * y, x, y)) == 2);
}  // namespace
