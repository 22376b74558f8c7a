// Patch emails (git format-patch / send-email): the commit message, cover letter and replies are
// prose; the patch below the "---" line is a `patch` segment that no rule reads.
#include <catch2/catch.hpp>

#include "data/data.hpp"
#include "draft/draft.hpp"
#include "draft/test_data.hpp"
#include "message/message.hpp"
#include "rules/rule_test.hpp"

using namespace replylint;
using draft::SegmentKind;
using draft::test::fixture;
using draft::test::kinds;
using draft::test::rules_data;
using draft::test::slice;

namespace {

draft::Draft segment_fixture(const std::string& name) {
  return draft::segment(message::parse_message(name, fixture(name), rules_data()), rules_data());
}

const draft::Segment* patch_of(const draft::Draft& d) {
  for (const auto& s : d.segments)
    if (s.kind == SegmentKind::patch) return &s;
  return nullptr;
}

}  // namespace

TEST_CASE("a git format-patch email: commit message own, the rest from '---' a patch",
          "[hook][draft]") {
  const draft::Draft d = segment_fixture("patch-format-patch.eml");
  CHECK(kinds(d) == "own,patch");
  CHECK(d.has_patch());
  const draft::Segment* patch = patch_of(d);
  REQUIRE(patch);
  CHECK(slice(d, patch->range).substr(0, 4) == "---\n");
  CHECK(slice(d, patch->range).find("+int mian()") != std::string_view::npos);
  CHECK(slice(d, d.segments[0].range).find("This adds a small program") == 0);
  CHECK(draft::to_string(SegmentKind::patch) == "patch");
  REQUIRE(d.paragraphs.size() == 1);  // only the commit message is prose
}

TEST_CASE("a cover letter: the diffstat is patch, the blurb and shortlog are own",
          "[hook][draft]") {
  const draft::Draft d = segment_fixture("patch-cover-letter.eml");
  CHECK(kinds(d) == "own,patch");
  const draft::Segment* patch = patch_of(d);
  REQUIRE(patch);
  CHECK(slice(d, patch->range).substr(0, 12) == " a.c | 1 +\n ");
}

TEST_CASE("an unquoted diff starts a patch; a quoted one is a quote", "[hook][draft]") {
  const draft::Draft inline_diff = segment_fixture("patch-inline-diff.txt");
  CHECK(kinds(inline_diff) == "own,patch");
  CHECK(slice(inline_diff, patch_of(inline_diff)->range).substr(0, 11) == "diff --git ");
  const draft::Draft unified = segment_fixture("patch-unified-diff.txt");
  CHECK(kinds(unified) == "own,patch");
  CHECK(slice(unified, patch_of(unified)->range).substr(0, 9) == "--- a.c.o");

  const draft::Draft review = segment_fixture("patch-review-reply.eml");
  CHECK_FALSE(review.has_patch());
  CHECK(kinds(review) == "attribution,quote1,own");
}

TEST_CASE("a '---' line in prose is not a patch", "[hook][draft]") {
  const draft::Draft d = segment_fixture("patch-prose-dashes.txt");
  CHECK_FALSE(d.has_patch());
  CHECK(kinds(d) == "own");
}

TEST_CASE("rules read the prose of a patch email and never its diff", "[hook][rules]") {
  const std::string patch = fixture("patch-format-patch.eml");
  CHECK(test::lint("spelling", patch, {}, "a.patch").empty());  // "mian", "retrun", "teh" are code
  CHECK(test::lint("shouting", patch, {}, "a.patch").empty());

  std::string shouting = patch;
  shouting.replace(shouting.find("This adds a small program that returns zero"), 43,
                   "THIS ADDS A SMALL PROGRAM THAT RETURNS ZERO");
  const auto found = test::lint("shouting", shouting, {}, "a.patch");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 9);

  std::string typo = patch;
  typo.replace(typo.find("something to compile"), 20, "somethign to compile");
  const auto misspelt = test::lint("spelling", typo, {}, "a.patch");
  REQUIRE(misspelt.size() == 1);
  CHECK(misspelt[0].text == "somethign");
}

TEST_CASE("missing-quote: patch submissions are not replies; reviews of a patch are",
          "[hook][rules]") {
  // A series patch threaded under its cover letter (In-Reply-To, no "Re:").
  CHECK(test::lint("missing-quote", fixture("patch-format-patch.eml")).empty());
  // A v2 cover letter threaded under v1's: no diff of its own, a [PATCH …] subject.
  CHECK(test::lint("missing-quote", fixture("patch-cover-letter.eml")).empty());
  // A review that quotes what it answers.
  CHECK(test::lint("missing-quote", fixture("patch-review-reply.eml")).empty());
  // "Re: [PATCH …]" that quotes nothing: a reply like any other.
  const auto found = test::lint("missing-quote", fixture("patch-review-unquoted.eml"));
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  // A plain [PATCH] subject does not hide a reply to a person either when it says "Re:".
  CHECK(test::lint("missing-quote",
                   "Subject: Re: [RFC] New layout\nIn-Reply-To: <a@b>\n\nI like it.\n")
            .size() == 1);
  CHECK(test::lint("missing-quote",
                   "Subject: [RFC PATCH 0/2] New layout\nIn-Reply-To: <a@b>\n\nTwo patches.\n")
            .empty());
}
