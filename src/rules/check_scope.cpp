#include "rules/check_scope.hpp"

namespace replylint::rules {
namespace {

thread_local const draft::Draft* t_draft = nullptr;
thread_local std::uint64_t t_serial = 0;
thread_local std::uint64_t t_last_serial = 0;

}  // namespace

CheckScope::CheckScope(const draft::Draft& draft)
    : m_outer_draft(t_draft), m_outer_serial(t_serial) {
  t_draft = &draft;
  t_serial = ++t_last_serial;
}

CheckScope::~CheckScope() {
  t_draft = m_outer_draft;
  t_serial = m_outer_serial;
}

std::uint64_t CheckScope::of(const draft::Draft& draft) { return t_draft == &draft ? t_serial : 0; }

}  // namespace replylint::rules
