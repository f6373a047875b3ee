package org.crmkit.pipeline;

import java.util.Objects;

/**
 * One lead status. Whether a status means "converted" is its {@link #kind()}, never its label, so hosts may
 * name it as they like.
 *
 * @param key stable identifier (letters, digits, _ and -; max 40)
 * @param label name shown to users
 * @param kind open, qualified, unqualified or converted
 */
public record LeadStatus(String key, String label, LeadStatusKind kind) {
  public LeadStatus {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(kind, "kind");
    if (!SalesStage.KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("lead status key '" + key + "' must be 1-40 letters, digits, _ or -");
    }
    if (label.isBlank()) {
      throw new IllegalArgumentException("lead status " + key + " needs a label");
    }
  }

  public static LeadStatus of(String key, String label, LeadStatusKind kind) {
    return new LeadStatus(key, label, kind);
  }

  /** @return true when this status marks a lead as converted */
  public boolean isConverted() {
    return kind == LeadStatusKind.CONVERTED;
  }
}
