package org.crmkit.conversion;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An existing record that may be the same customer as the lead.
 *
 * @param target account or contact; never null
 * @param id the existing record; never null
 * @param label its name, for display; never null
 * @param matchedOn why it matched, e.g. {@code NAME}, {@code DOMAIN}, {@code EMAIL}; never null or empty
 */
public record DuplicateCandidate(ConversionTarget target, UUID id, String label, List<String> matchedOn) {
  public DuplicateCandidate {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    matchedOn = List.copyOf(matchedOn);
  }
}
