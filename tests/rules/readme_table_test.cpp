// The rule tables people read are checked against the registry: README.md's "## Rules" table must
// list exactly the registered rules, in registry order, each with its default severity, and
// docs/rules.md must mark exactly those as implemented.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "rules/rule_test.hpp"
#include "rules/rules.hpp"

using namespace replylint;

namespace {

struct TableRow {
  std::vector<std::string> ids;
  std::vector<std::string> cells;
};

// The rows of the first Markdown table after `heading` (a line of its own), up to the next
// heading. Ids are the backquoted kebab-case names of the first cell.
std::vector<TableRow> table_after(const std::string& markdown, const std::string& heading) {
  std::vector<TableRow> rows;
  std::istringstream in(markdown);
  std::string line;
  bool inside = false;
  const std::regex id_pattern("`([a-z]+(?:-[a-z]+)*)`");
  while (std::getline(in, line)) {
    if (line == heading) {
      inside = true;
      continue;
    }
    if (!inside) continue;
    if (line.rfind("#", 0) == 0) break;
    if (line.rfind("| `", 0) != 0) continue;
    TableRow row;
    std::string cell;
    std::istringstream cells(line.substr(1));
    while (std::getline(cells, cell, '|')) {
      const auto first = cell.find_first_not_of(' ');
      const auto last = cell.find_last_not_of(' ');
      row.cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
    }
    for (std::sregex_iterator it(row.cells[0].begin(), row.cells[0].end(), id_pattern), end;
         it != end; ++it)
      row.ids.push_back((*it)[1]);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

TEST_CASE("README's rule table lists exactly the registered rules", "[rules][docs]") {
  const std::string readme = test::read_file(std::string(REPLYLINT_TESTS_DIR) + "/../README.md");
  const std::vector<TableRow> rows = table_after(readme, "## Rules");
  REQUIRE(!rows.empty());
  std::vector<std::string> listed;
  for (const TableRow& row : rows) {
    INFO("README row: | " << row.cells[0] << " |");
    REQUIRE(row.ids.size() == 1);
    REQUIRE(row.cells.size() >= 3);
    listed.push_back(row.ids[0]);
    const rules::RegistryEntry* entry = rules::find_rule(row.ids[0]);
    CHECKED_IF(entry != nullptr) {
      CHECK(row.cells[1] == report::to_string(entry->info.default_severity));
    }
  }
  std::vector<std::string> registered;
  for (const rules::RegistryEntry& entry : rules::registry()) registered.push_back(entry.info.id);
  CHECK(listed == registered);
}

TEST_CASE("docs/rules.md marks exactly the registered rules as implemented", "[rules][docs]") {
  const std::string catalogue =
      test::read_file(std::string(REPLYLINT_TESTS_DIR) + "/../docs/rules.md");
  std::vector<std::string> implemented;
  for (const TableRow& row : table_after(catalogue, "# The rule catalogue")) {
    INFO("docs/rules.md row: | " << row.cells[0] << " |");
    REQUIRE(row.cells.size() >= 5);
    CHECK((row.cells[1] == "implemented" || row.cells[1] == "planned"));
    if (row.cells[1] != "implemented") continue;
    for (const std::string& id : row.ids) {
      implemented.push_back(id);
      const rules::RegistryEntry* entry = rules::find_rule(id);
      CHECKED_IF(entry != nullptr) {
        CHECK(row.cells[4] == report::to_string(entry->info.default_severity));
      }
    }
  }
  std::sort(implemented.begin(), implemented.end());
  std::vector<std::string> registered;
  for (const rules::RegistryEntry& entry : rules::registry()) registered.push_back(entry.info.id);
  CHECK(implemented == registered);
}
