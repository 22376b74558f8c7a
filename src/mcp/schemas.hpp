#pragma once

namespace replylint::mcp::generated {

/// The text of schemas/report.v1.json, compiled in by CMake (src/mcp/schemas.cpp.in).
extern const char* const k_report_schema;

}  // namespace replylint::mcp::generated
