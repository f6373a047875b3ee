package org.crmkit.conversion;

import java.util.List;
import java.util.Objects;

/**
 * One reason a lead cannot be converted as requested.
 *
 * @param reason the kind of problem; never null
 * @param field the field path concerned (e.g. {@code account.name}, {@code lead.status}); never null
 * @param message what is wrong and what to do; never null
 * @param candidates the possible duplicates for {@link Reason#DUPLICATES_FOUND} and {@link Reason#AMBIGUOUS_MATCH};
 *     empty otherwise, never null
 */
public record ConversionProblem(Reason reason, String field, String message, List<DuplicateCandidate> candidates) {

  /** The kinds of problems. */
  public enum Reason {
    /** The lead has already been converted. */
    ALREADY_CONVERTED,
    /** The lead's status does not allow conversion under the policy. */
    STATUS_NOT_CONVERTIBLE,
    /** The policy does not allow automatic conversion. */
    AUTOMATIC_NOT_ALLOWED,
    /** A required target field would have no value. */
    MISSING_REQUIRED_VALUE,
    /** A mapped value is not valid for the target field. */
    INVALID_VALUE,
    /** CREATE was asked but records that may be the same customer exist; link one, or allow duplicates. */
    DUPLICATES_FOUND,
    /** MATCH_OR_CREATE found several possible records, or one that matches weakly; choose one with LINK. */
    AMBIGUOUS_MATCH,
    /** A target or link the policy requires would be missing. */
    REQUIRED_TARGET_MISSING,
    /** The linked contact belongs to another account than the conversion's account. */
    CONTACT_NOT_IN_ACCOUNT
  }

  public ConversionProblem {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
    candidates = List.copyOf(Objects.requireNonNullElse(candidates, List.of()));
  }

  public static ConversionProblem of(Reason reason, String field, String message) {
    return new ConversionProblem(reason, field, message, List.of());
  }

  @Override
  public String toString() {
    return reason + " " + field + ": " + message;
  }
}
