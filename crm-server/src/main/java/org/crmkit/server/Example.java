package org.crmkit.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crmkit.Crm;
import org.crmkit.access.OwnerAccessPolicy;
import org.crmkit.access.TeamDirectory;
import org.crmkit.customfield.CustomFieldDefinition;
import org.crmkit.customfield.CustomFieldSchema;
import org.crmkit.customfield.FieldType;
import org.crmkit.shared.Actor;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;
import org.crmkit.storage.CrmStorage;
import org.crmkit.webform.LeadField;
import org.crmkit.webform.OwnerAssignment;
import org.crmkit.webform.WebForm;

/**
 * The example's configuration: a small sales team, its tokens, the owner-based access policy and one web form.
 * A real host would take users and tokens from its identity provider; here they are fixed so that the README,
 * the tests and the pages can name them.
 *
 * <ul>
 *   <li>{@code alice-token} and {@code bob-token}: sellers, each sees and changes their own records;
 *   <li>{@code maria-token}: their manager, sees the team's records but changes only her own;
 *   <li>{@code admin-token}: an administrator, sees and changes everything of the default tenant;
 *   <li>{@code gus-token}: an administrator of another tenant ({@code globex}), who sees none of the above.
 * </ul>
 */
final class Example {
  static final TenantId GLOBEX = TenantId.of("globex");

  /** Token to actor. */
  static final Map<String, Actor> TOKENS = Map.of(
      "alice-token", Actor.user("alice"),
      "bob-token", Actor.user("bob"),
      "maria-token", Actor.user("maria"),
      "admin-token", Actor.user("admin"),
      "gus-token", Actor.user("gus").in(GLOBEX));

  private Example() {}

  static TeamDirectory teams() {
    return new TeamDirectory() {
      @Override
      public Set<UserId> teamOf(TenantId tenant, UserId manager) {
        return tenant.equals(TenantId.DEFAULT) && manager.value().equals("maria")
            ? Set.of(UserId.of("alice"), UserId.of("bob")) : Set.of();
      }

      @Override
      public boolean isAdministrator(TenantId tenant, UserId user) {
        return (tenant.equals(TenantId.DEFAULT) && user.value().equals("admin"))
            || (tenant.equals(GLOBEX) && user.value().equals("gus"));
      }
    };
  }

  /** The public contact form: its leads go to alice, come from the source "Web form" and the spring campaign. */
  static WebForm contactForm() {
    return WebForm.named("contact-us")
        .field("first_name", LeadField.FIRST_NAME)
        .field("last_name", LeadField.LAST_NAME)
        .field("company", LeadField.COMPANY)
        .field("email", LeadField.EMAIL)
        .field("phone", LeadField.PHONE)
        .field("message", LeadField.DESCRIPTION)
        .customField("seats", "seats")
        .required("last_name", "company", "email")
        .defaultValue(LeadField.LEAD_SOURCE, "Web form")
        .customDefaultValue("campaign", "spring-2026")
        .owners(OwnerAssignment.fixed(UserId.of("alice")))
        .honeypot("website_url")
        .actingAs("webform");
  }

  static Crm crm(CrmStorage storage) {
    return crm(storage, CustomFieldSchema.empty());
  }

  /** The example's Crm, with {@code moreFields} beside the example's own custom fields. */
  static Crm crm(CrmStorage storage, CustomFieldSchema moreFields) {
    List<CustomFieldDefinition> fields = new ArrayList<>(List.of(
        CustomFieldDefinition.of(RecordType.LEAD, "seats", "Seats", FieldType.NUMBER),
        CustomFieldDefinition.text(RecordType.LEAD, "campaign", "Campaign")));
    for (RecordType type : RecordType.values()) {
      fields.addAll(moreFields.definitions(type));
    }
    return Crm.builder()
        .storage(storage)
        .customFields(CustomFieldSchema.of(fields))
        .accessPolicy(OwnerAccessPolicy.over(teams()).trustingSystemActors("webform", "workflow").managersOnlyRead())
        .webForms(contactForm())
        .build();
  }
}
