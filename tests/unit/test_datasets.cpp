// tests/unit/test_datasets.cpp — the examples' data reader (examples/datasets.hpp): its
// messages name the file and the line, a missing file names the package, and the shuffle
// is the same on every machine.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "../../examples/datasets.hpp"

namespace {

/// A prefix for this run's temporary files: two builds' tests may run at once.
const std::string run_prefix = "leibniz_test_datasets_" + std::to_string(std::random_device{}()) + "_";

/// A file in the temporary directory holding `text`, removed when the test ends.
struct temporary_file {
  std::filesystem::path path;
  temporary_file(const std::string& name, const std::string& text)
      : path(std::filesystem::temp_directory_path() / (run_prefix + name)) {
    std::ofstream(path) << text;
  }
  ~temporary_file() { std::filesystem::remove(path); }
  temporary_file(const temporary_file&) = delete;
  temporary_file& operator=(const temporary_file&) = delete;
};

/// The message read_csv throws for `path`, or "" if it throws nothing.
template <class Error>
std::string message_of(const std::filesystem::path& path, int header_lines = 0) {
  try {
    (void)datasets::read_csv(path, header_lines);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("read_csv reads numbers, keeps header lines, skips blank lines", "[datasets]") {
  const temporary_file f("good.csv", "3,2,a,b\n1,2.5\r\n-3,4e2\n\n0.25,  7\n");
  const datasets::csv data = datasets::read_csv(f.path, 1);
  REQUIRE(data.header == std::vector<std::string>{"3,2,a,b"});
  REQUIRE(data.rows.rows() == 3);
  REQUIRE(data.rows.cols() == 2);
  CHECK(data.rows(0, 1) == 2.5);
  CHECK(data.rows(1, 0) == -3.0);
  CHECK(data.rows(1, 1) == 400.0);
  CHECK(data.rows(2, 0) == 0.25);
  CHECK(data.rows(2, 1) == 7.0);
}

TEST_CASE("read_csv names the file, the line and the field of a malformed line", "[datasets]") {
  const temporary_file f("bad.csv", "1,2,3\n4,5,6\n7,x8,9\n");
  const std::string message = message_of<datasets::malformed_file>(f.path);
  CHECK_THAT(message, Catch::Contains(f.path.string() + ": line 3: field 2 ('x8') is not a number"));

  const temporary_file header("bad_after_header.csv", "569,30\n1,2\n3,\n");
  CHECK_THAT(message_of<datasets::malformed_file>(header.path, 1),
             Catch::Contains(header.path.string() + ": line 3: field 2 ('') is not a number"));

  const temporary_file ragged("ragged.csv", "1,2,3\n4,5,6\n7,8\n");
  CHECK_THAT(message_of<datasets::malformed_file>(ragged.path),
             Catch::Contains(ragged.path.string() + ": line 3: 2 fields, where the first data line has 3"));

  const temporary_file empty("empty.csv", "header only\n");
  CHECK_THAT(message_of<datasets::malformed_file>(empty.path, 1), Catch::Contains("no data lines"));
}

TEST_CASE("read_csv on a missing file names the path and the package that provides it", "[datasets]") {
  const auto path = std::filesystem::temp_directory_path() / (run_prefix + "absent") / "digits.csv.gz";
  const std::string message = message_of<datasets::missing_file>(path);
  CHECK_THAT(message, Catch::Contains(path.string()));
  CHECK_THAT(message, Catch::Contains("apt-get install python3-sklearn"));
  CHECK_THAT(message, Catch::Contains("-Ddatasets="));
}

TEST_CASE("read_csv decompresses a .gz file, and names it when it is not gzip", "[datasets]") {
  const temporary_file plain("plain.csv", "1,2\n3,4\n");
  const auto gz = std::filesystem::temp_directory_path() / (run_prefix + "data.csv.gz");
  const std::string command = "gzip -c '" + plain.path.string() + "' > '" + gz.string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  const datasets::csv data = datasets::read_csv(gz);
  std::filesystem::remove(gz);
  REQUIRE(data.rows.rows() == 2);
  CHECK(data.rows(1, 1) == 4.0);

  const temporary_file fake("fake.csv.gz", "1,2\n");
  CHECK_THAT(message_of<datasets::malformed_file>(fake.path),
             Catch::Contains(fake.path.string() + ": gzip -dc failed"));
}

TEST_CASE("the shuffle is a permutation fixed by the seed alone", "[datasets]") {
  std::mt19937 rng(20240611);
  const std::vector<int> order = datasets::shuffled_indices(10, rng);
  // Fixed by the standard's mt19937 and datasets::uniform_below (computed independently
  // with a Python mt19937 and the same Fisher-Yates): the same on every machine.
  CHECK(order == std::vector<int>{5, 7, 3, 8, 9, 2, 6, 0, 1, 4});
  std::vector<int> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});

  std::mt19937 draws(1);
  bool below = true;
  for (int i = 0; i < 1000; ++i) below = below && datasets::uniform_below(draws, 3) < 3u;
  CHECK(below);
  CHECK(datasets::uniform_below(draws, 1) == 0u);
}
