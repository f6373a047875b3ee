package org.crmkit.account;

import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.Text;

/**
 * The standard data of an account (a customer company). Texts are stripped, blank means absent.
 *
 * @param name required, max 200
 * @param website optional, max 255
 * @param industry optional, max 80
 * @param phone optional, max 40
 * @param email optional general e-mail address
 * @param city optional billing city, max 80
 * @param country optional billing country, max 80
 * @param description optional, max 4000
 */
public record AccountDetails(
    String name,
    String website,
    String industry,
    String phone,
    EmailAddress email,
    String city,
    String country,
    String description) {

  public AccountDetails {
    name = Text.required("name", name, 200);
    website = Text.optional("website", website, 255);
    industry = Text.optional("industry", industry, 80);
    phone = Text.optional("phone", phone, 40);
    city = Text.optional("city", city, 80);
    country = Text.optional("country", country, 80);
    description = Text.optional("description", description, 4000);
  }

  /** An account known only by its name. */
  public static AccountDetails named(String name) {
    return new AccountDetails(name, null, null, null, null, null, null, null);
  }
}
