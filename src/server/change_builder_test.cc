#include <doctest/doctest.h>

#include "facts/identity.h"
#include "server/change_builder.h"

using namespace laneguard;
using namespace laneguard::server;

TEST_CASE("a server change: introducer, pusher, signers and trailers as claims") {
  Agreement agreement;
  Person eli;
  eli.key = "eli";
  eli.emails = {"eli@acme.test"};
  eli.usernames = {"eli"};
  agreement.people.push_back(eli);

  ServerChangeInput in;
  in.commit.id = std::string(40, 'a');
  in.commit.trailers = {{"Reviewed-by", "Erin <erin@acme.test>"}, {"approved-BY", "someone"},
                        {"Assisted-by", "Claude"}};
  in.introduced = Introduced::by_account;
  in.introducer = "pat";
  in.pusher = "erin";
  in.signatures.push_back({&agreement.people[0], std::string(40, 'b'), true});
  Change c = build_server_change(agreement, in);

  CHECK(c.id == std::string(40, 'a'));
  REQUIRE(c.commits.size() == 1);
  REQUIRE(c.extra_authors.size() == 1);
  CHECK(c.extra_authors[0].who.username == "pat");
  CHECK(c.extra_authors[0].role == ExtraAuthorRole::introducer);
  REQUIRE(c.approvals.size() == 4);
  CHECK(c.approvals[0].source == ApprovalSource::pusher);
  CHECK(c.approvals[0].who.username == "erin");
  CHECK(c.approvals[0].authenticated);
  CHECK(c.approvals[1].source == ApprovalSource::signature);
  CHECK(c.approvals[1].who.email == "eli@acme.test");
  CHECK(c.approvals[1].authenticated);
  CHECK(c.approvals[1].note == "signed merge bbbbbbbbbbbb");
  CHECK(c.approvals[2].source == ApprovalSource::trailer);
  CHECK(c.approvals[2].who.email == "erin@acme.test");
  CHECK_FALSE(c.approvals[2].authenticated);
  CHECK(c.approvals[3].who.name == "someone");  // case-insensitive key, no email
  CHECK_FALSE(c.approvals[3].authenticated);
}

TEST_CASE("a server change: the signer of the commit itself is one of its authors") {
  Agreement agreement;
  Person eli;
  eli.key = "eli";
  eli.emails = {"eli@acme.test"};
  agreement.people.push_back(eli);
  ServerChangeInput in;
  in.commit.id = std::string(40, 'a');
  in.introduced = Introduced::pre_existing;
  in.signer = &agreement.people[0];
  in.pusher = "pat";
  Change c = build_server_change(agreement, in);
  REQUIRE(c.extra_authors.size() == 1);
  CHECK(c.extra_authors[0].role == ExtraAuthorRole::signer);
  CHECK(c.extra_authors[0].who.email == "eli@acme.test");
  REQUIRE(c.approvals.size() == 1);  // the push; the commit's own signature approves nothing
  CHECK(c.approvals[0].source == ApprovalSource::pusher);
}

TEST_CASE("a server change: an unknown or bot introducer means the push approves nothing") {
  Agreement agreement;
  Person bot;
  bot.key = "mirror";
  bot.usernames = {"mirror"};
  bot.bot = true;
  agreement.people.push_back(bot);
  Person erin;
  erin.key = "erin";
  erin.emails = {"erin@acme.test"};
  erin.usernames = {"erin"};
  agreement.people.push_back(erin);
  ServerChangeInput in;
  in.commit.id = std::string(40, 'a');
  in.pusher = "erin";
  in.introduced = Introduced::unknown;
  CHECK(introducer_unknown(agreement, in));
  CHECK(build_server_change(agreement, in).approvals.empty());
  in.introduced = Introduced::by_account;
  in.introducer = "mirror";
  CHECK(introducer_unknown(agreement, in));
  CHECK(build_server_change(agreement, in).approvals.empty());
  in.introducer = "erin@acme.test";  // an email as the account (REMOTE_USER): the same person as "erin"
  CHECK_FALSE(introducer_unknown(agreement, in));
  Change c = build_server_change(agreement, in);
  REQUIRE(c.extra_authors.size() == 1);
  CHECK(resolve_person(agreement, c.extra_authors[0].who) == &agreement.people[1]);
  in.introduced = Introduced::pre_existing;
  CHECK_FALSE(introducer_unknown(agreement, in));
  CHECK(build_server_change(agreement, in).extra_authors.empty());
  CHECK(build_server_change(agreement, in).approvals.size() == 1);
}

TEST_CASE("a server change without a known pusher or introducer") {
  Agreement agreement;
  ServerChangeInput in;
  in.commit.id = std::string(40, 'c');
  Change c = build_server_change(agreement, in);
  CHECK(c.extra_authors.empty());
  CHECK(c.approvals.empty());
}

TEST_CASE("a server change: approvals by push are authenticated, unless nobody knows who introduced it") {
  Agreement agreement;
  ServerChangeInput in;
  in.commit.id = std::string(40, 'a');
  in.introduced = Introduced::by_account;
  in.introducer = "pat";
  in.pusher = "erin";
  in.approved_by_push = {"eli", "eli@acme.test"};
  Change c = build_server_change(agreement, in);
  REQUIRE(c.approvals.size() == 3);
  CHECK(c.approvals[1].source == ApprovalSource::push);
  CHECK(c.approvals[1].authenticated);
  CHECK(c.approvals[1].who.username == "eli");
  CHECK(c.approvals[1].note == "approval pushed by eli");
  CHECK(c.approvals[2].who.email == "eli@acme.test");
  // A commit with no introducer record: its real author could be the one approving it.
  in.introduced = Introduced::unknown;
  Change unknown = build_server_change(agreement, in);
  for (const Approval& a : unknown.approvals) CHECK(a.source != ApprovalSource::push);
}

TEST_CASE("a server change: a commit an agent's account introduced has an unknown introducer") {
  Agreement agreement;
  for (const char* account : {"claude[bot]", "copilot-swe-agent[bot]", "Copilot", "renovate[bot]"}) {
    CAPTURE(account);
    ServerChangeInput in;
    in.commit.id = std::string(40, 'a');
    in.introduced = Introduced::by_account;
    in.introducer = account;
    in.pusher = "erin";
    CHECK(introducer_unknown(agreement, in));
    CHECK(build_server_change(agreement, in).approvals.empty());  // erin's push approves nothing
  }
  ServerChangeInput human;  // control
  human.commit.id = std::string(40, 'a');
  human.introduced = Introduced::by_account;
  human.introducer = "pat";
  human.pusher = "erin";
  CHECK_FALSE(introducer_unknown(agreement, human));
  CHECK(build_server_change(agreement, human).approvals.size() == 1);
}
