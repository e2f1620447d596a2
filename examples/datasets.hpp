// examples/datasets.hpp — reading the small real data sets the examples train on.
//
// The examples use two CSV files that Debian's python3-sklearn ships (no network, no
// download step): breast_cancer.csv and digits.csv.gz. This header reads a CSV of numbers
// into an Eigen matrix, one row per line, and says exactly what is wrong when it cannot:
// a missing file names the path and the package that provides it, a malformed line names
// the file and the line number. A `.gz` file is read through `gzip -dc` (gzip is part of
// every Debian system), so the examples need no zlib.
//
// The directory is fixed at build time: Meson passes -DLEIBNIZ_DATASETS="..." from the
// option `datasets` (`meson setup build -Ddatasets=/some/dir`; empty means
// python3-sklearn's directory, datasets::default_directory).
#ifndef LEIBNIZ_EXAMPLES_DATASETS_HPP
#define LEIBNIZ_EXAMPLES_DATASETS_HPP

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <Eigen/Core>

namespace datasets {

/// Where python3-sklearn (Debian 12) installs its bundled data sets.
inline constexpr const char* default_directory = "/usr/lib/python3/dist-packages/sklearn/datasets/data";

/// The exit code of an example whose data is absent: Meson counts a test that exits
/// with 77 as skipped, so a machine without the data reports a skip, never a pass.
inline constexpr int exit_skipped = 77;

/// The directory the examples read from: the build's -DLEIBNIZ_DATASETS if it is set and
/// not empty, else default_directory.
inline std::filesystem::path directory() {
#ifdef LEIBNIZ_DATASETS
  const std::string_view configured = LEIBNIZ_DATASETS;
  if (!configured.empty())
    return std::filesystem::path(configured);
#endif
  return default_directory;
}

/// Thrown when a data file does not exist; what() names the path and how to get it.
struct missing_file : std::runtime_error {
  explicit missing_file(const std::filesystem::path& path)
      : std::runtime_error("data file " + path.string() +
                           " not found: it comes with Debian's python3-sklearn (apt-get install python3-sklearn), "
                           "or configure with -Ddatasets=DIR for a directory that holds it") {}
};

/// Thrown when a file exists but is not a CSV of numbers; what() names the file and line.
struct malformed_file : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A CSV file read by read_csv: the header lines as they were, then the numbers.
struct csv {
  std::vector<std::string> header;  ///< the first `header_lines` lines, unparsed
  Eigen::MatrixXd rows;             ///< one row per data line, one column per field
};

namespace detail {

/// The lines of a text file, or of a gzip file's contents for a name ending in ".gz".
inline std::vector<std::string> read_lines(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path))
    throw missing_file(path);
  std::vector<std::string> lines;
  if (path.extension() != ".gz") {
    std::ifstream in(path);
    if (!in)
      throw malformed_file(path.string() + ": cannot be opened for reading");
    for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
    return lines;
  }
  // The path goes to the shell in single quotes; a quote inside it is closed, escaped
  // and reopened, so no file name can run a command.
  std::string quoted = "'";
  for (const char ch : path.string()) quoted += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  quoted += "'";
  const std::string command = "gzip -dc " + quoted + " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe)
    throw malformed_file(path.string() + ": cannot run gzip -dc to decompress it");
  std::string text;
  char buffer[1 << 14];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0;) text.append(buffer, n);
  if (pclose(pipe.release()) != 0)
    throw malformed_file(path.string() + ": gzip -dc failed (not a gzip file?)");
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
  return lines;
}

/// The numbers of one comma-separated line; throws naming `where` on a field that is not
/// exactly one number.
inline std::vector<double> parse_line(std::string_view line, const std::string& where) {
  std::vector<double> values;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    std::string field(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    while (!field.empty() && (field.back() == '\r' || field.back() == ' ')) field.pop_back();
    char* end = nullptr;
    errno = 0;
    const double v = field.empty() ? 0.0 : std::strtod(field.c_str(), &end);
    if (field.empty() || end == field.c_str() || *end != '\0' || errno == ERANGE)
      throw malformed_file(where + ": field " + std::to_string(values.size() + 1) + " ('" + field +
                           "') is not a number");
    values.push_back(v);
    if (comma == std::string_view::npos)
      return values;
    start = comma + 1;
  }
}

}  // namespace detail

/// Reads a CSV file of numbers (a ".gz" name is decompressed first): the first
/// `header_lines` lines are kept as text, every other non-empty line must hold the same
/// number of comma-separated numbers. Throws missing_file if the file does not exist and
/// malformed_file, naming the file and the line ("digits.csv: line 7: field 3 ('x') is
/// not a number"), for the first line that does not fit.
inline csv read_csv(const std::filesystem::path& path, int header_lines = 0) {
  const std::vector<std::string> lines = detail::read_lines(path);
  csv result;
  std::vector<std::vector<double>> rows;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (static_cast<int>(i) < header_lines) {
      result.header.push_back(lines[i]);
      continue;
    }
    if (lines[i].empty() || lines[i] == "\r")
      continue;
    const std::string where = path.string() + ": line " + std::to_string(i + 1);
    rows.push_back(detail::parse_line(lines[i], where));
    if (rows.back().size() != rows.front().size())
      throw malformed_file(where + ": " + std::to_string(rows.back().size()) +
                           " fields, where the first data line has " + std::to_string(rows.front().size()));
  }
  if (rows.empty())
    throw malformed_file(path.string() + ": no data lines");
  result.rows.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.front().size()));
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < rows[r].size(); ++c)
      result.rows(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
  return result;
}

/// A number in [0, bound) from the generator's raw 32-bit draws, by rejection, so that
/// it is the same on every machine (std::mt19937's output is fixed by the standard;
/// std::uniform_int_distribution's and std::shuffle's use of it are not).
inline std::uint32_t uniform_below(std::mt19937& rng, std::uint32_t bound) {
  const std::uint32_t limit = static_cast<std::uint32_t>(0x100000000ull - 0x100000000ull % bound);
  while (true) {
    const std::uint32_t draw = static_cast<std::uint32_t>(rng());
    if (limit == 0 || draw < limit)
      return draw % bound;  // limit 0: bound divides 2^32
  }
}

/// Shuffles `order` in place (Fisher-Yates) with draws from uniform_below: the same
/// permutation on every machine for the same seed.
inline void shuffle(std::vector<int>& order, std::mt19937& rng) {
  for (std::size_t i = order.size(); i > 1; --i)
    std::swap(order[i - 1], order[uniform_below(rng, static_cast<std::uint32_t>(i))]);
}

/// 0, 1, ..., n - 1 in a shuffled order (see shuffle).
inline std::vector<int> shuffled_indices(int n, std::mt19937& rng) {
  std::vector<int> order(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
  shuffle(order, rng);
  return order;
}

}  // namespace datasets

#endif  // LEIBNIZ_EXAMPLES_DATASETS_HPP
