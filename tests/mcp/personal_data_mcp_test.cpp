// personal-data through the MCP server: an agent never receives the value it is told to remove.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>

#include "data/data.hpp"
#include "mcp/server.hpp"

TEST_CASE("mcp: lint_draft masks personal data in every field", "[agent][personal-data]") {
  replylint::mcp::Server server{replylint::data::default_data(), {.dict_dir = {}}};
  const std::string draft =
      "Hola Ana,\n\nSu contraseña temporal es Wq58$zhn y la tarjeta 4012 8888 8888 1881 "
      "queda anulada en tres dias.\n";
  const nlohmann::json request{
      {"jsonrpc", "2.0"},
      {"id", 1},
      {"method", "tools/call"},
      {"params", {{"name", "lint_draft"}, {"arguments", {{"text", draft}, {"lang", "es"}}}}}};
  const auto response = server.handle_line(request.dump());
  REQUIRE(response);
  CHECK(response->find("personal-data") != std::string::npos);
  for (const char* piece : {"Wq58", "zhn", "4012 8888 8888", "4012888888881881"}) {
    CAPTURE(piece);
    CHECK(response->find(piece) == std::string::npos);
  }
}
