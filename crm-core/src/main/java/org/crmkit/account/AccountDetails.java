package org.crmkit.account;

import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.Limits;
import org.crmkit.shared.Text;
import org.crmkit.shared.ValidationException;

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
    name = Text.required("name", name, Limits.NAME);
    if (Text.fold(name).length() > Limits.FOLDED_NAME) {
      // a handful of characters decompose into many (U+FDFA into 18); the search form must fit its column
      throw ValidationException.of("name", "its search form (accents and ligatures spelled out) must be at most "
          + Limits.FOLDED_NAME + " characters; use fewer composed characters");
    }
    website = Text.optional("website", website, Limits.WEBSITE);
    industry = Text.optional("industry", industry, Limits.CATEGORY);
    phone = Text.optional("phone", phone, Limits.PHONE);
    city = Text.optional("city", city, Limits.CATEGORY);
    country = Text.optional("country", country, Limits.CATEGORY);
    description = Text.multiline("description", description, Limits.DESCRIPTION);
  }

  /** An account known only by its name. */
  public static AccountDetails named(String name) {
    return new AccountDetails(name, null, null, null, null, null, null, null);
  }
}
