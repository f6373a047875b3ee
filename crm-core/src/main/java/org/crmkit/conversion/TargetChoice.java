package org.crmkit.conversion;

import java.util.Objects;
import java.util.UUID;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;

/**
 * The action a conversion request chooses for one target, with the id of the record to link for
 * {@link ConversionAction#LINK}.
 *
 * @param action never null
 * @param existingId the record to link: required for LINK, null for every other action
 */
public record TargetChoice(ConversionAction action, UUID existingId) {
  public TargetChoice {
    Objects.requireNonNull(action, "action");
    if (action == ConversionAction.LINK && existingId == null) {
      throw new IllegalArgumentException("LINK needs the id of the record to link");
    }
    if (action != ConversionAction.LINK && existingId != null) {
      throw new IllegalArgumentException(action + " takes no record id; only LINK does");
    }
  }

  public static TargetChoice create() {
    return new TargetChoice(ConversionAction.CREATE, null);
  }

  public static TargetChoice matchOrCreate() {
    return new TargetChoice(ConversionAction.MATCH_OR_CREATE, null);
  }

  public static TargetChoice none() {
    return new TargetChoice(ConversionAction.NONE, null);
  }

  public static TargetChoice link(AccountId account) {
    return new TargetChoice(ConversionAction.LINK, account.value());
  }

  public static TargetChoice link(ContactId contact) {
    return new TargetChoice(ConversionAction.LINK, contact.value());
  }
}
