package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.crmkit.account.Account;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.ConvertLead;
import org.crmkit.contact.Contact;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionPreview;
import org.crmkit.conversion.ConversionProblem;
import org.crmkit.conversion.ConversionProblem.Reason;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.DuplicateCandidate;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.customfield.CustomValue;
import org.crmkit.lead.Lead;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.PageRequest;
import org.crmkit.testkit.FaultyStorage.Operation;
import org.junit.jupiter.api.Test;

/**
 * Contract: how conversion finds existing accounts and contacts that may be the lead's customer: exact matches,
 * similar names offered as ranked candidates (never linked on their own), contacts by e-mail and then by name in
 * the linked account, and one account for concurrent conversions of one company.
 */
public interface ConversionMatchingContract extends ContractSupport {

  private Lead lead(String first, String last, String company, String email) {
    return crm().leads().create(ALICE, CreateLead.of(first, last, company, email));
  }

  private long accounts() {
    return crm().accounts().list(ALICE, AccountQuery.all(), PageRequest.first(1)).total();
  }

  private static ConversionProblem problem(ConversionOutcome outcome, Reason reason) {
    assertThat(outcome).as("outcome %s", outcome).isInstanceOf(ConversionOutcome.Rejected.class);
    return ((ConversionOutcome.Rejected) outcome).problems().stream().filter(p -> p.reason() == reason)
        .findFirst().orElseThrow(() -> new AssertionError("no " + reason + " in " + outcome));
  }

  @Test
  default void offersASimilarlyNamedAccountInsteadOfSilentlyCreatingASecondOne() {
    Account existing = crm().accounts().create(ALICE, CreateAccount.named("O'Brien & Sons"));
    Lead lead = lead("Pat", "O'Brien", "O Brien and Sons Ltd", "pat@gmail.com");

    ConversionPreview preview = crm().conversions().preview(ALICE, ConvertLead.of(lead.id()));
    ConversionOutcome matchOrCreate = crm().conversions().convert(ALICE, ConvertLead.of(lead.id()));
    ConversionOutcome create = crm().conversions().convert(ALICE,
        ConvertLead.of(lead.id()).account(TargetChoice.create()));

    assertThat(preview.wouldConvert()).isFalse();
    assertThat(preview.target(ConversionTarget.ACCOUNT).orElseThrow().candidates()).singleElement()
        .satisfies(c -> {
          assertThat(c.id()).isEqualTo(existing.id());
          assertThat(c.matchedOn()).containsExactly("SIMILAR_NAME");
          assertThat(c.similarity()).isBetween(0.5, 0.99);
        });
    assertThat(problem(matchOrCreate, Reason.AMBIGUOUS_MATCH).candidates())
        .extracting(DuplicateCandidate::id).containsExactly(existing.id());
    assertThat(problem(create, Reason.DUPLICATES_FOUND).candidates())
        .extracting(DuplicateCandidate::id).containsExactly(existing.id());
    assertThat(accounts()).as("no second account").isOne();
    assertThat(crm().leads().get(ALICE, lead.id()).isConverted()).isFalse();

    DuplicateCandidate chosen = preview.target(ConversionTarget.ACCOUNT).orElseThrow().candidates().get(0);
    ConversionOutcome linked = crm().conversions().convert(ALICE,
        ConvertLead.of(lead.id()).account(chosen.link()));
    assertThat(linked.isConverted()).isTrue();
    assertThat(((ConversionOutcome.Converted) linked).accountId()).contains(existing.id());
    assertThat(accounts()).isOne();
  }

  @Test
  default void ranksCandidatesBySimilarityInTheDryRunAndInTheRejection() {
    // an account that shares only the company's domain (its website), made by converting its own lead
    Lead roadrunner = lead("Road", "Runner", "Roadrunner Logistics", "road@gmail.com");
    AccountId domainOnly = ((ConversionOutcome.Converted) crm().conversions().convert(ALICE,
        ConvertLead.of(roadrunner.id()).override(ConversionTarget.ACCOUNT, "website",
            CustomValue.text("https://www.acme.example")))).accountId().orElseThrow();
    Account similar = crm().accounts().create(ALICE, CreateAccount.named("A.C.M.E."));
    Account same = crm().accounts().create(ALICE, CreateAccount.named("ACME Oy"));
    Lead lead = lead("Wile", "Coyote", "Acme", "wile@acme.example");

    ConversionPreview preview = crm().conversions().preview(ALICE, ConvertLead.of(lead.id()));
    ConversionOutcome outcome = crm().conversions().convert(ALICE, ConvertLead.of(lead.id()));

    List<DuplicateCandidate> ranked = preview.target(ConversionTarget.ACCOUNT).orElseThrow().candidates();
    assertThat(ranked).extracting(DuplicateCandidate::id).containsExactly(same.id(), similar.id(), domainOnly);
    assertThat(ranked).extracting(DuplicateCandidate::similarity).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(ranked.get(0).matchedOn()).containsExactly("NAME");
    assertThat(ranked.get(1).matchedOn()).containsExactly("SIMILAR_NAME");
    assertThat(ranked.get(2).matchedOn()).containsExactly("DOMAIN");
    assertThat(problem(outcome, Reason.AMBIGUOUS_MATCH).candidates()).isEqualTo(ranked);
    assertThat(accounts()).isEqualTo(3);
  }

  @Test
  default void linksAnAccountWhoseNameDiffersOnlyByCaseAccentsPunctuationAndLegalForm() {
    Account existing = crm().accounts().create(ALICE, CreateAccount.named("Müller & Söhne GmbH"));
    Lead lead = lead("Hans", "Müller", "MULLER AND SOHNE", "hans@gmail.com");

    ConversionOutcome outcome = crm().conversions().convert(ALICE, ConvertLead.of(lead.id()));

    assertThat(outcome.isConverted()).as("%s", outcome).isTrue();
    assertThat(((ConversionOutcome.Converted) outcome).accountId()).contains(existing.id());
    assertThat(((ConversionOutcome.Converted) outcome).disposition(ConversionTarget.ACCOUNT))
        .isEqualTo(Disposition.LINKED);
    assertThat(accounts()).isOne();
  }

  @Test
  default void matchesAContactByEmailFirstAndThenOffersNameCandidatesOfTheLinkedAccountOnly() {
    Account ae = crm().accounts().create(ALICE, CreateAccount.named("Analytical Engines"));
    Account other = crm().accounts().create(ALICE, CreateAccount.named("Difference Engines"));
    Contact sameName = crm().contacts().create(ALICE, CreateContact.of(ae.id(), "Ada", "Lovelace", null));
    crm().contacts().create(ALICE, CreateContact.of(other.id(), "Ada", "Lovelace", null));
    Contact byEmail = crm().contacts().create(ALICE,
        CreateContact.of(ae.id(), "Augusta", "King", "ADA@engines.example"));

    Lead viaEmail = lead("Ada", "Lovelace", "Analytical Engines", "ada@engines.example");
    ConversionOutcome first = crm().conversions().convert(ALICE, ConvertLead.of(viaEmail.id()));
    assertThat(first.isConverted()).as("%s", first).isTrue();
    assertThat(((ConversionOutcome.Converted) first).contactId()).contains(byEmail.id());

    Lead viaName = lead("Ada", "Lovelace", "Analytical Engines", "ada.l@elsewhere.example");
    ConversionOutcome second = crm().conversions().convert(ALICE, ConvertLead.of(viaName.id()));
    assertThat(problem(second, Reason.AMBIGUOUS_MATCH).candidates()).singleElement().satisfies(c -> {
      assertThat(c.id()).as("only the contact of the linked account").isEqualTo(sameName.id());
      assertThat(c.target()).isEqualTo(ConversionTarget.CONTACT);
      assertThat(c.matchedOn()).containsExactly("NAME");
    });
    ConversionPreview preview = crm().conversions().preview(ALICE,
        ConvertLead.of(viaName.id()).contact(TargetChoice.create()));
    assertThat(preview.problems()).extracting(ConversionProblem::reason).containsExactly(Reason.DUPLICATES_FOUND);
    assertThat(preview.target(ConversionTarget.CONTACT).orElseThrow().candidates())
        .extracting(DuplicateCandidate::id).containsExactly(sameName.id());
  }

  @Test
  default void ranksContactsWithTheLeadsEmailAddressByNameSimilarity() {
    // created (and alphabetically) worst first, so only ranking puts the best first
    Contact unlike = crm().contacts().create(ALICE, CreateContact.of(null, "Aaron", "Abbott", "zoe@zimmer.example"));
    Contact alike = crm().contacts().create(ALICE, CreateContact.of(null, "Zoey", "Zimmer", "ZOE@zimmer.example"));
    Contact same = crm().contacts().create(ALICE, CreateContact.of(null, "Zoe", "Zimmer", "zoe@zimmer.example"));
    Lead lead = lead("Zoë", "Zimmer", "Zimmer Works", "zoe@zimmer.example");

    ConversionPreview preview = crm().conversions().preview(ALICE, ConvertLead.of(lead.id()));

    List<DuplicateCandidate> ranked = preview.target(ConversionTarget.CONTACT).orElseThrow().candidates();
    assertThat(ranked).extracting(DuplicateCandidate::id).containsExactly(same.id(), alike.id(), unlike.id());
    assertThat(ranked).allSatisfy(c -> assertThat(c.matchedOn()).containsExactly("EMAIL"));
    assertThat(ranked.get(0).similarity()).isEqualTo(1.0);
  }

  /**
   * Two MATCH_OR_CREATE conversions of one company's leads that both planned before either committed: the storage
   * keeps the account match key unique, so the second one's new account conflicts, and its retry links the first
   * one's account.
   */
  @Test
  default void concurrentMatchOrCreateConversionsOfOneCompanyShareOneAccount() throws Exception {
    Lead one = lead("Peter", "Gibbons", "Initech", "peter@initech.example");
    Lead two = lead("Michael", "Bolton", "INITECH Inc.", "michael@initech.example");
    CyclicBarrier bothPlanned = new CyclicBarrier(2);
    AtomicInteger accountSaves = new AtomicInteger();
    storage().beforeEach(op -> {
      if (op == Operation.SAVE_ACCOUNT && accountSaves.getAndIncrement() < 2) {
        try {
          bothPlanned.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("the other conversion never reached its account save", e);
        }
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<ConversionOutcome> outcomes = new ArrayList<>();
    try {
      List<Future<ConversionOutcome>> runs = new ArrayList<>();
      for (Lead lead : List.of(one, two)) {
        runs.add(pool.submit(() -> crm().conversions().convert(ALICE, ConvertLead.of(lead.id()))));
      }
      for (Future<ConversionOutcome> run : runs) {
        outcomes.add(run.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
      storage().reset();
    }
    assertThat(outcomes).allSatisfy(o -> assertThat(o.isConverted()).as("%s", o).isTrue());
    List<AccountId> accountIds = outcomes.stream()
        .map(o -> ((ConversionOutcome.Converted) o).accountId().orElseThrow()).toList();
    assertThat(accountIds.get(0)).isEqualTo(accountIds.get(1));
    assertThat(accounts()).as("one account per match key").isOne();
  }
}
