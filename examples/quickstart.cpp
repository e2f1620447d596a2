// Quickstart: a function, its partial derivatives, and their values.
//
// f(x1, x2) = sin(x1) + x1 * x2. The derivatives are computed and simplified by the
// compiler; at run time only numbers are left.
// [snippet:quickstart]
#include <iostream>

#include <leibniz/leibniz.hpp>

constexpr auto x1 = leibniz::var<"x1">;  // a variable is its name
constexpr auto x2 = leibniz::var<"x2">;

constexpr auto f = sin(x1) + x1 * x2;       // the type of f is the function
constexpr auto df_dx1 = leibniz::d(f, x1);  // cos(x1) + x2, a new expression
constexpr auto df_dx2 = leibniz::d(f, x2);  // x1

static_assert(df_dx1 == cos(x1) + x2);  // checked while compiling

int main() {
  // Each expression is printed, then evaluated at x1 = 1, x2 = 2 (bindings in any order).
  std::cout << "f      = " << f << " = " << f(x1 = 1.0, x2 = 2.0) << '\n';
  std::cout << "df/dx1 = " << df_dx1 << " = " << df_dx1(x1 = 1.0, x2 = 2.0) << '\n';
  std::cout << "df/dx2 = " << df_dx2 << " = " << df_dx2(x1 = 1.0, x2 = 2.0) << '\n';
}
// [snippet:quickstart-end]
