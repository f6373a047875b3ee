package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.UpdateAccount;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.segment.SegmentCatalog;
import org.crmkit.segment.SegmentDimension;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

/** Contract: configurable segment dimensions on accounts and opportunities, and segments taken from the account. */
public interface SegmentContract extends ContractSupport {

  private Crm segmented() {
    return crm(b -> b.segments(SegmentCatalog.of(
        SegmentDimension.of("industry", "Industry", "retail", "software", "manufacturing"),
        SegmentDimension.of("region", "Region", "north", "south"),
        SegmentDimension.of("size", "Company size", "small", "medium", "large").onlyFor(RecordType.ACCOUNT),
        SegmentDimension.of("deal_type", "Deal type", "new", "renewal").onlyFor(RecordType.OPPORTUNITY))));
  }

  private static void assertFields(Throwable e, String... fields) {
    assertThat(e).isInstanceOf(ValidationException.class);
    assertThat(((ValidationException) e).errors()).extracting(FieldError::field).containsExactlyInAnyOrder(fields);
  }

  @Test
  default void storesAllowedSegmentValuesOnAccountsAndOpportunities() {
    Crm crm = segmented();
    Account a = crm.accounts().create(ALICE, CreateAccount.named("Acme")
        .segments(Map.of("industry", "retail", "size", "large")));
    Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("Deal")
        .segments(Map.of("industry", "software", "deal_type", "new")));

    assertThat(crm.accounts().get(ALICE, a.id()).segments().values()).isEqualTo(Map.of("industry", "retail", "size", "large"));
    assertThat(crm.opportunities().get(ALICE, o.id()).segments().values())
        .isEqualTo(Map.of("industry", "software", "deal_type", "new"));
  }

  @Test
  default void rejectsAnUnknownDimensionOrValueOnAnAccountNamingTheDimension() {
    Crm crm = segmented();

    Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> crm.accounts().create(ALICE,
        CreateAccount.named("Acme").segments(Map.of("industry", "mining", "colour", "blue", "deal_type", "new"))));

    assertFields(e, "segments.industry", "segments.colour", "segments.deal_type");
    assertThat(e).hasMessageContaining("'mining' is not one of [retail, software, manufacturing]");
    assertThat(crm.accounts().list(ALICE, org.crmkit.account.AccountQuery.all(), PageRequest.first(10)).total()).isZero();
  }

  @Test
  default void rejectsAnUnknownValueWhenAnAccountIsUpdated() {
    Crm crm = segmented();
    Account a = crm.accounts().create(ALICE, CreateAccount.named("Acme").segments(Map.of("industry", "retail")));

    assertFields(org.assertj.core.api.Assertions.catchThrowable(() -> crm.accounts().update(ALICE,
        UpdateAccount.of(a.id(), a.version()).segments(Map.of("region", "east")))), "segments.region");
    assertThat(crm.accounts().get(ALICE, a.id()).segments().values()).isEqualTo(Map.of("industry", "retail"));
  }

  @Test
  default void rejectsAnUnknownDimensionOrValueOnAnOpportunity() {
    Crm crm = segmented();
    assertFields(org.assertj.core.api.Assertions.catchThrowable(() -> crm.opportunities().create(ALICE,
        CreateOpportunity.named("Deal").segments(Map.of("size", "small", "region", "west")))),
        "segments.size", "segments.region");

    Opportunity o = crm.opportunities().create(ALICE, CreateOpportunity.named("Deal"));
    assertFields(org.assertj.core.api.Assertions.catchThrowable(() -> crm.opportunities().update(ALICE,
        UpdateOpportunity.of(o.id(), o.version()).segments(Map.of("industry", "banking")))), "segments.industry");
  }

  @Test
  default void anOpportunityForAnAccountTakesTheAccountsSegmentsByDefault() {
    Crm crm = segmented();
    Account a = crm.accounts().create(ALICE, CreateAccount.named("Acme")
        .segments(Map.of("industry", "retail", "region", "north", "size", "large")));

    Opportunity plain = crm.opportunities().create(ALICE, CreateOpportunity.named("Deal").accountId(a.id()));
    Opportunity overriding = crm.opportunities().create(ALICE, CreateOpportunity.named("Deal 2").accountId(a.id())
        .segments(Map.of("region", "south", "deal_type", "renewal")));

    assertThat(plain.segments().values()).isEqualTo(Map.of("industry", "retail", "region", "north"));
    assertThat(overriding.segments().values())
        .isEqualTo(Map.of("industry", "retail", "region", "south", "deal_type", "renewal"));
  }

  @Test
  default void theNewOpportunityToolOnAnAccountCarriesItsSegments() {
    Crm crm = segmented();
    Account a = crm.accounts().create(ALICE, CreateAccount.named("Acme").segments(Map.of("industry", "software")));

    Opportunity o = crm.opportunities().create(ALICE, crm.opportunities().prefillFromAccount(ALICE, a.id()));

    assertThat(crm.opportunities().get(ALICE, o.id()).segments().values()).isEqualTo(Map.of("industry", "software"));
  }

  @Test
  default void withoutACatalogAnySegmentIsAcceptedAndStillTakenFromTheAccount() {
    Account a = crm().accounts().create(ALICE, CreateAccount.named("Acme").segments(Map.of("anything", "goes")));

    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Deal").accountId(a.id()));

    assertThat(crm().segments().restricted()).isFalse();
    assertThat(o.segments().values()).isEqualTo(Map.of("anything", "goes"));
  }
}
