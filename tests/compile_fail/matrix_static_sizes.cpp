// Static sizes that do not fit are a compile error that shows both shapes: a 3 x 4
// matrix times a vector of 5.
//
// expect: matrix product A \* B: the columns of A and the rows of B differ
// expect: sizes_do_not_fit<leibniz::detail::matrix_product_tag, 3, 4, 5, 1>
#include <leibniz/leibniz.hpp>

constexpr auto W = leibniz::mat<"W", 3, 4>;
#ifdef LEIBNIZ_COMPILE_FAIL
constexpr auto x = leibniz::vec<"x", 5>;
#else
constexpr auto x = leibniz::vec<"x", 4>;
#endif

int main() {
  constexpr auto z = W * x;
  return leibniz::shape_of(z).rows == 3 ? 0 : 1;
}
