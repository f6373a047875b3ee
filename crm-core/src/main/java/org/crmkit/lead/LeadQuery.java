package org.crmkit.lead;

import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.UserId;

/**
 * Filters for listing leads; a null filter matches all. Results are ordered by creation time, then id.
 *
 * @param owner only leads of this owner
 * @param status only leads in this status key
 * @param email only leads with this e-mail address (case-insensitive)
 * @param converted only converted (true) or not converted (false) leads
 */
public record LeadQuery(UserId owner, String status, EmailAddress email, Boolean converted) {
  public static LeadQuery all() {
    return new LeadQuery(null, null, null, null);
  }

  public LeadQuery withOwner(UserId value) {
    return new LeadQuery(value, status, email, converted);
  }

  public LeadQuery withStatus(String value) {
    return new LeadQuery(owner, value, email, converted);
  }

  public LeadQuery withEmail(EmailAddress value) {
    return new LeadQuery(owner, status, value, converted);
  }

  public LeadQuery withConverted(Boolean value) {
    return new LeadQuery(owner, status, email, value);
  }
}
