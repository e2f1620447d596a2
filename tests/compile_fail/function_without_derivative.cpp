// A user's function whose op struct gives no `derivative` can be built and evaluated, but
// differentiating it is a compile error that says what the op lacks.
//
// expect: Op needs its derivative
#include <string_view>

#include <leibniz/leibniz.hpp>

struct twice_op {
  static constexpr std::string_view name = "twice";
  static auto apply(const auto& v) { return v + v; }
};
inline constexpr leibniz::function<twice_op> twice{};

constexpr auto x = leibniz::var<"x">;

double value() {
  constexpr auto f = twice(x) * x;
#ifdef LEIBNIZ_COMPILE_FAIL
  return leibniz::d(f, x)(x = 1.0);  // twice_op has no derivative
#else
  return f(x = 1.0);  // its value needs none
#endif
}
