package org.crmkit.conversion;

import java.util.List;
import java.util.Objects;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.RecordId;
import org.crmkit.shared.ValidationException;

/**
 * An existing record that may be the same customer as the lead. Conversion lists candidates best first (highest
 * {@code similarity}) and never links one unless it matches exactly or the caller links it ({@link #link()}).
 *
 * @param target {@link ConversionTarget#ACCOUNT account} or {@link ConversionTarget#CONTACT contact}; never null.
 *     An {@link ConversionTarget#OPPORTUNITY opportunity} is refused with a {@link ValidationException}: conversion
 *     never looks for duplicate opportunities, and {@link #link()} could not link one
 * @param id the existing record: an {@link AccountId} for an account, a {@link ContactId} for a contact; never null
 * @param label its name, for display; never null
 * @param matchedOn why it matched: {@code NAME} (same normalised name), {@code SIMILAR_NAME} (alike but not the
 *     same, e.g. {@code O Brien and Sons} and {@code O'Brien & Sons}), {@code DOMAIN} (same company domain) or
 *     {@code EMAIL} (same e-mail address); never null or empty
 * @param similarity how alike the names are, from 0 to 1 (1 for the same normalised name); for ranking
 */
public record DuplicateCandidate(
    ConversionTarget target, RecordId id, String label, List<String> matchedOn, double similarity) {
  public DuplicateCandidate {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(id, "id");
    if (target == ConversionTarget.OPPORTUNITY) {
      throw ValidationException.of("target", "a duplicate candidate is an account or a contact, not an opportunity;"
          + " link an existing opportunity by its id instead");
    }
    Objects.requireNonNull(label, "label");
    matchedOn = List.copyOf(matchedOn);
    if (matchedOn.isEmpty()) {
      throw new IllegalArgumentException("a candidate says why it matched");
    }
    if (!target.recordId(id.value()).equals(id)) {
      throw new IllegalArgumentException("a " + target.path() + " candidate needs a " + target.path() + " id, was "
          + id.getClass().getSimpleName());
    }
    if (!(similarity >= 0 && similarity <= 1)) {
      throw new IllegalArgumentException("similarity is between 0 and 1, was " + similarity);
    }
  }

  /** @return the choice that links this candidate in a conversion request */
  public TargetChoice link() {
    return id instanceof AccountId a ? TargetChoice.link(a) : TargetChoice.link((ContactId) id);
  }
}
