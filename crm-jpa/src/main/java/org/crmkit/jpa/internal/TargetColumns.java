package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.List;
import java.util.UUID;
import org.crmkit.conversion.ConversionAction;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.FieldFill;
import org.crmkit.conversion.TargetResult;

/**
 * What a conversion did with one target, as four columns ({@code _action}, {@code _disposition},
 * {@code _record_id}, {@code _version_after}); a conversion record has one group per target, each renamed with
 * {@code @AttributeOverride} ({@code account_action}, {@code contact_action}, ...).
 */
@Embeddable
public class TargetColumns {
  @Column(name = "action", length = 20, nullable = false)
  String action;

  @Column(name = "disposition", length = 20, nullable = false)
  String disposition;

  @Column(name = "record_id")
  UUID recordId;

  @Column(name = "version_after", nullable = false)
  long versionAfter;

  public TargetColumns() {}

  static TargetColumns of(TargetResult result) {
    TargetColumns c = new TargetColumns();
    c.action = result.action().name();
    c.disposition = result.disposition().name();
    c.recordId = result.recordUuid();
    c.versionAfter = result.versionAfter();
    return c;
  }

  /** @param fills what the conversion filled into the target's linked record (stored apart) */
  TargetResult toResult(ConversionTarget target, List<FieldFill> fills) {
    return TargetResult.restore(target, ConversionAction.valueOf(action), Disposition.valueOf(disposition), recordId,
        versionAfter, fills);
  }
}
