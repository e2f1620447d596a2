// leibniz/detail/text.hpp — texts joined for printing and for error messages.
//
// The printer and the evaluators' size errors join their texts with concat, not with a
// chain of std::string's operator+: each overload of that operator is a template that the
// user's translation unit compiles at its own optimisation level, and each temporary of a
// chain is a cleanup for the optimiser. In the B8 gradient's unit the chains cost about
// 0.07 s of compile time (docs/compile-time.md).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz::detail {

/// The parts one after another, in one string allocated once.
///
///     concat({"x is ", size_text(3, 4)}) == "x is 3 x 4"
inline std::string concat(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (std::string_view part : parts) size += part.size();
  std::string text;
  text.reserve(size);
  for (std::string_view part : parts) text.append(part.data(), part.size());
  return text;
}

}  // namespace leibniz::detail

LEIBNIZ_HEADER_END
